package dev.wasmj.internal.runtime;

import dev.wasmj.format.validate.DefType;

/** A function implemented by the embedder. */
public final class HostFunctionInstance extends FunctionInstance {
    private final HostCode code;

    /** A host function of function type {@code type} (canonical, in the store's registry). */
    public HostFunctionInstance(DefType type, HostCode code) {
        super(type);
        if (!type.isFunc()) {
            throw new IllegalArgumentException("not a function type: " + type);
        }
        this.code = code;
    }

    public HostCode code() {
        return code;
    }
}
