package dev.wasmj.cli.wast;

/** The executor of the front end alone: it executes nothing, so every execution command is skipped. */
public final class SkippingExecutor implements WastExecutor {
}
