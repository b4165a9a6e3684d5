package dev.wasmj.bench;

/**
 * A WebAssembly engine that runs inside this JVM: it loads a kernel module (compile, instantiate,
 * find the export {@code run}) and returns the kernel to call.
 *
 * <p>To add an engine: implement this interface and list it in {@link Engines}.
 */
public interface JvmEngine {
    /** The engine's name in the table, e.g. {@code wasmj-interpreter}. */
    String name();

    /** Compiles and instantiates {@code wasm} (a module with no imports) and returns its {@code run} export. */
    Kernel load(byte[] wasm) throws Exception;
}
