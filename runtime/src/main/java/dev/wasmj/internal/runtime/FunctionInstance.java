package dev.wasmj.internal.runtime;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.validate.DefType;

/**
 * A function of a store: the value of a funcref. Either a {@link WasmFunction} of a module
 * instance or a {@link HostFunctionInstance}.
 */
public abstract sealed class FunctionInstance permits WasmFunction, HostFunctionInstance {
    private final DefType type;

    FunctionInstance(DefType type) {
        this.type = type;
    }

    /** The function's canonical type (its id is what {@code call_indirect} compares). */
    public final DefType type() {
        return type;
    }

    /** The function type in closed form. */
    public final FuncType funcType() {
        return type.funcType();
    }
}
