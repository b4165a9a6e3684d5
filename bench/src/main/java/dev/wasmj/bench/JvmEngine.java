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

    /**
     * Runs {@code wasm}, a WASI preview 1 command, to its end: {@code args} its arguments (argv[0]
     * first), the host directory {@code dir} preopened as {@code guestDir}, the standard streams of
     * this process. Used for the whole programs ({@link WholeProgram}), which time their own kernel.
     *
     * @return the guest's exit status
     * @throws UnsupportedOperationException if this engine cannot run WASI commands here
     */
    default int runCommand(byte[] wasm, java.util.List<String> args, java.nio.file.Path dir, String guestDir)
            throws Exception {
        throw new UnsupportedOperationException(name() + " runs no WASI commands in this harness");
    }
}
