package dev.wasmj.internal.runtime;

import dev.wasmj.internal.interpreter.Interpreter;

/** Calls into a store's functions from the host. */
public final class Calls {
    private Calls() {}

    /**
     * Calls {@code f} with the arguments in {@code slots}/{@code refs} (the calling convention of
     * {@link HostCode}) and writes its results there from index 0. The arrays must be long enough
     * for parameters and results. Wasm functions run compiled if they are, else on the interpreter.
     *
     * @throws dev.wasmj.Trap          if execution traps (the store stays usable)
     * @throws dev.wasmj.WasmException if a Wasm exception is not caught
     */
    public static void invoke(StoreContext store, FunctionInstance f, long[] slots, Object[] refs) {
        if (f instanceof HostFunctionInstance h) {
            h.code().call(new CallContext(store, null), slots, refs);
        } else {
            WasmFunction w = (WasmFunction) f;
            HostCode compiled = w.compiled;
            if (compiled != null) {
                compiled.call(new CallContext(store, null), slots, refs);
            } else {
                Interpreter.invoke(store, w, slots, refs);
            }
        }
    }
}
