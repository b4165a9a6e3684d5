package dev.wasmj;

/**
 * WebAssembly code trapped. PLACEHOLDER written by the ops helper so dev.wasmj.internal.ops
 * compiles; the interp helper's Trap (with a backtrace) replaces it, keeping this constructor.
 */
public class Trap extends RuntimeException {
    private final TrapCode code;

    /** A trap with its code and the specification's message. */
    public Trap(TrapCode code, String message) {
        super(message);
        this.code = code;
    }

    /** Why the code trapped. */
    public TrapCode code() {
        return code;
    }
}
