package dev.wasmj.wasi.internal;

/** The body of a WASI function: returns the errno code (0 for success) or throws one. */
@FunctionalInterface
public interface WasiFunction {
    int call(WasiCall call) throws ErrnoException;
}
