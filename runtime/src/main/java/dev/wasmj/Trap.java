package dev.wasmj;

import java.util.List;

/**
 * A WebAssembly trap: execution stopped because an instruction could not continue (out of bounds
 * memory access, integer division by zero, unreachable, ...). The {@link #code()} says why, the
 * message is the specification's text for the exact situation, and the {@link #backtrace()} lists
 * the Wasm frames that were active, innermost first.
 *
 * <p>A trap leaves its store usable. Host functions may throw a {@code Trap} to trap their caller.
 */
public class Trap extends RuntimeException {
    private final TrapCode code;
    private final List<Frame> backtrace;

    /** A trap with no backtrace (e.g. thrown by a host function). */
    public Trap(TrapCode code, String message) {
        this(code, message, List.of());
    }

    /** A trap with the given backtrace, innermost frame first. */
    public Trap(TrapCode code, String message, List<Frame> backtrace) {
        super(message, null, false, false);
        this.code = code;
        this.backtrace = List.copyOf(backtrace);
    }

    /** Why execution trapped. */
    public TrapCode code() {
        return code;
    }

    /** The Wasm frames active when the trap happened, innermost first (may be empty). */
    public List<Frame> backtrace() {
        return backtrace;
    }

    /**
     * One frame of a backtrace.
     *
     * @param moduleName    the module's name (from its name section), or null
     * @param funcIndex     the function's index in its module
     * @param funcName      the function's name from the name section, or null
     * @param moduleOffset  the byte offset in the module's binary of the instruction executing
     *                      (-1 if unknown)
     */
    public record Frame(String moduleName, int funcIndex, String funcName, int moduleOffset) {
        @Override
        public String toString() {
            return (moduleName != null ? moduleName : "<module>") + "!"
                    + (funcName != null ? funcName : "<wasm function " + funcIndex + ">")
                    + (moduleOffset >= 0 ? " @ 0x" + Integer.toHexString(moduleOffset) : "");
        }
    }
}
