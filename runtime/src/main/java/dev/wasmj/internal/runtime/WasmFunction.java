package dev.wasmj.internal.runtime;

import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.format.validate.FunctionInfo;

/**
 * A function defined by a module instance. The interpreter lowers its body on first call and
 * keeps the result here ({@link #lowered}); the compiler's code, if any, is in {@link #compiled}.
 */
public final class WasmFunction extends FunctionInstance {
    private final ModuleInstance instance;
    private final int index;
    private final int definedIndex;

    /** The interpreter's lowered code, set on first call (benign race: lowering is deterministic). */
    public volatile Object lowered;

    /**
     * The compiler's code for this function in the calling convention of {@link HostCode}, or null
     * if it runs on the interpreter. Set before the instance's start function runs, or later when a
     * function compiles lazily or gets hot (tiered compilation).
     */
    public volatile HostCode compiled;

    /**
     * Tiered compilation: counts down as the interpreter runs the function ({@link #CALL_HEAT} per call,
     * 1 per loop iteration when its lowered code counts them); below 0 the interpreter tells the
     * {@link CodeGenerator#hot code generator}, which sets it back to {@link Integer#MAX_VALUE}. Starts
     * at {@link Integer#MAX_VALUE} (never hot in practice) unless the code generator sets it. Racy on
     * purpose: a lost decrement only delays compilation.
     */
    public int heat = Integer.MAX_VALUE;

    /** How much of {@link #heat} one call costs, in loop iterations. */
    public static final int CALL_HEAT = 16;

    WasmFunction(DefType type, ModuleInstance instance, int index, int definedIndex) {
        super(type);
        this.instance = instance;
        this.index = index;
        this.definedIndex = definedIndex;
    }

    /** The instance that defines the function. */
    public ModuleInstance instance() {
        return instance;
    }

    /** The function's index in its module's function index space (imports first). */
    public int index() {
        return index;
    }

    /** The function's index among the module's defined functions. */
    public int definedIndex() {
        return definedIndex;
    }

    public FunctionBody body() {
        return instance.module().module().codes().get(definedIndex);
    }

    /** What validation learned about the body (stack bounds, block side table). */
    public FunctionInfo info() {
        return instance.module().function(definedIndex);
    }

    /** The function's name from the module's name section, or null. */
    public String name() {
        return instance.module().module().names().functions().get(index);
    }

    @Override
    public String toString() {
        String n = name();
        return "func[" + index + "]" + (n != null ? " $" + n : "");
    }
}
