package dev.wasmj.bench;

/**
 * A WebAssembly engine that runs inside this JVM: it loads a kernel module (compile, instantiate,
 * find the export {@code run}) and returns the kernel to call, or a WASI command to run.
 *
 * <p>To add an engine: implement this interface and list it in {@link Engines}.
 */
public interface JvmEngine {
    /** The engine's name in the table, e.g. {@code wasmj-interpreter}. */
    String name();

    /** Compiles and instantiates {@code wasm} (a module with no imports) and returns its {@code run} export. */
    Kernel load(byte[] wasm) throws Exception;

    /**
     * Loads {@code wasm}, a WASI preview 1 command, once (parses and compiles it as far as the
     * engine does before instantiation) and returns it, to run any number of times, each run in a
     * fresh instance with a WASI context of its own. Used for the WASI commands
     * ({@link WasiCommand}), which time their own kernel.
     *
     * @throws UnsupportedOperationException if this engine cannot run WASI commands here
     */
    default Command loadCommand(byte[] wasm) throws Exception {
        throw new UnsupportedOperationException(name() + " runs no WASI commands in this harness");
    }
}
