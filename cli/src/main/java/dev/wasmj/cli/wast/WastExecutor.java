package dev.wasmj.cli.wast;

import dev.wasmj.cli.ModuleLoader.LoadedModule;
import dev.wasmj.format.text.WastCommand;

/**
 * The part of a .wast run that needs a runtime: instantiating modules, linking, invoking
 * functions, checking results and traps.
 *
 * <p>{@link WastRunner} decodes and validates every module itself and decides
 * {@code assert_malformed} and {@code assert_invalid} (and their {@code _custom} forms). It calls
 * the executor, in script order, for every other command: {@code module} (after the module loaded),
 * {@code module instance}, {@code register}, {@code invoke}, {@code get}, {@code assert_return},
 * {@code assert_trap}, {@code assert_exhaustion}, {@code assert_exception},
 * {@code assert_unlinkable}, {@code assert_uninstantiable} (after their module loaded),
 * {@code thread} and {@code wait}.
 */
public interface WastExecutor {

    /**
     * Carries out {@code command}.
     *
     * @param module the command's module, decoded and validated, for {@code module},
     *     {@code assert_unlinkable}, {@code assert_uninstantiable} and {@code assert_trap} on a
     *     module; null for the other commands
     */
    Verdict execute(WastCommand command, LoadedModule module);

    /**
     * How many functions of the modules this executor instantiated ran on the interpreter because the
     * compiler could not compile them (0 when code does not run on the compiler).
     */
    default long compilerFallbacks() {
        return 0;
    }
}
