package dev.wasmj.cli.wast;

/**
 * The part of a .wast run that needs a runtime: instantiating modules, invoking functions,
 * checking results and traps. {@link WastRunner} decodes and validates modules and checks
 * assert_malformed / assert_invalid itself, and hands everything else to its executor.
 */
public interface WastExecutor {
}
