package dev.wasmj;

import dev.wasmj.internal.runtime.ExceptionObject;

/**
 * A WebAssembly exception (thrown by {@code throw} or {@code throw_ref}) that no Wasm handler
 * caught before it reached the host. It carries the exception: its tag and payload.
 */
public class WasmException extends RuntimeException {
    private final transient ExceptionObject exception;

    /** Wraps a Wasm exception; made by the engines. */
    public WasmException(ExceptionObject exception) {
        super("uncaught wasm exception", null, false, false);
        this.exception = exception;
    }

    /** The exception (an exnref value): engines and the API read tag and payload from it. */
    public ExceptionObject exception() {
        return exception;
    }
}
