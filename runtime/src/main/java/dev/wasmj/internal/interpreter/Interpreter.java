package dev.wasmj.internal.interpreter;

import dev.wasmj.internal.runtime.StoreContext;
import dev.wasmj.internal.runtime.WasmFunction;

/** The interpreter engine: runs Wasm functions over their lowered code. */
public final class Interpreter {
    private Interpreter() {}

    /** Calls {@code f} with arguments and results in the calling convention of {@code HostCode}. */
    public static void invoke(StoreContext store, WasmFunction f, long[] slots, Object[] refs) {
        throw new UnsupportedOperationException("not yet");
    }
}
