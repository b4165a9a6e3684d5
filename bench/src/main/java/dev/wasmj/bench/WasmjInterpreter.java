package dev.wasmj.bench;

/** wasmj's interpreter, through the public API (dev.wasmj). */
final class WasmjInterpreter implements JvmEngine {
    @Override
    public String name() {
        return "wasmj-interpreter";
    }

    @Override
    public Kernel load(byte[] wasm) {
        // TODO the public API (Store, Linker, Instance, Func) is being written; until it lands on main
        throw new UnsupportedOperationException("wasmj's embedding API has not landed yet");
    }
}
