package dev.wasmj.format.text;

import java.util.List;

/** One command of a .wast script. Every command knows the line it starts on. */
public sealed interface WastCommand {
    /** The 1-based line of the command's opening parenthesis. */
    int line();

    /**
     * {@code (module ...)}: define (and, unless it is a {@code definition}, instantiate) a module.
     * The module's name and definition flag are in the {@link ScriptModule}.
     */
    record Module(ScriptModule module, int line) implements WastCommand {}

    /** {@code (module instance $i? $m?)}: instantiate a module definition. Names may be null. */
    record ModuleInstance(String instance, String module, int line) implements WastCommand {}

    /** {@code (register "as" $m?)}: make a module's exports importable under {@code as}. */
    record Register(String as, String module, int line) implements WastCommand {}

    /** A bare {@code (invoke ...)} or {@code (get ...)}. */
    record Action(WastAction action, int line) implements WastCommand {}

    /** {@code (assert_return action results...)}. */
    record AssertReturn(WastAction action, List<WastValue> expected, int line) implements WastCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    /**
     * {@code (assert_trap action "message")} or {@code (assert_trap module "message")}: exactly one
     * of {@code action} and {@code module} is set.
     */
    record AssertTrap(WastAction action, ScriptModule module, String message, int line) implements WastCommand {}

    /** {@code (assert_exhaustion action "message")}. */
    record AssertExhaustion(WastAction action, String message, int line) implements WastCommand {}

    /** {@code (assert_exception action)}: the action throws a WebAssembly exception. */
    record AssertException(WastAction action, int line) implements WastCommand {}

    /** {@code (assert_malformed module "message")}. */
    record AssertMalformed(ScriptModule module, String message, int line) implements WastCommand {}

    /** {@code (assert_invalid module "message")}. */
    record AssertInvalid(ScriptModule module, String message, int line) implements WastCommand {}

    /** {@code (assert_unlinkable module "message")}. */
    record AssertUnlinkable(ScriptModule module, String message, int line) implements WastCommand {}

    /** {@code (assert_uninstantiable module "message")}: linking succeeds, instantiation traps. */
    record AssertUninstantiable(ScriptModule module, String message, int line) implements WastCommand {}

    /**
     * {@code (assert_malformed_custom module "message")}: malformed only for an implementation that
     * interprets the custom annotations involved.
     */
    record AssertMalformedCustom(ScriptModule module, String message, int line) implements WastCommand {}

    /** {@code (assert_invalid_custom module "message")}: likewise for validation. */
    record AssertInvalidCustom(ScriptModule module, String message, int line) implements WastCommand {}

    /**
     * {@code (thread $t (shared (module $m))* command*)}: run commands in a new thread that sees
     * the named shared modules.
     */
    record Thread(String name, List<String> sharedModules, List<WastCommand> commands, int line)
            implements WastCommand {
        public Thread {
            sharedModules = List.copyOf(sharedModules);
            commands = List.copyOf(commands);
        }
    }

    /** {@code (wait $t)}: wait for a thread to finish. */
    record Wait(String thread, int line) implements WastCommand {}
}
