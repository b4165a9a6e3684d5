package dev.wasmj.bench;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Func;
import dev.wasmj.Instance;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.WasiCtx;
import dev.wasmj.wasi.WasiExit;
import dev.wasmj.wasi.WasiPreview1;
import java.util.function.IntUnaryOperator;

/**
 * wasmj through its public API, as an embedder uses it: an {@link Engine} with one
 * {@link Strategy}, a {@link Module} from the bytes, instantiated in a {@link Store} by a
 * {@link Linker}, and {@code run} called through its typed view (no boxing).
 */
final class WasmjEngine implements JvmEngine {
    private final String name;
    private final Strategy strategy;

    WasmjEngine(String name, Strategy strategy) {
        this.name = name;
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return name;
    }

    /** A wasmj engine of this strategy; throws UnsupportedOperationException if wasmj refuses it. */
    Engine newEngine() {
        return new Engine(new Config().strategy(strategy));
    }

    @Override
    public Kernel load(byte[] wasm) {
        Engine engine = newEngine();
        Module module = Module.fromBinary(engine, wasm);
        Store<Void> store = new Store<>(engine);   // lives as long as this process: not closed
        Instance instance = new Linker<Void>(engine).instantiate(store, module);
        IntUnaryOperator run = instance.func("run").typed(IntUnaryOperator.class);
        return run::applyAsInt;
    }

    /**
     * Through dev.wasmj.wasi, like {@code wasmj run} and examples/sqlite's SqliteExample: the
     * {@link Module} and a {@link Linker} with WASI once, a {@link Store} and a {@link WasiCtx} per run.
     */
    @Override
    public Command loadCommand(byte[] wasm) {
        Engine engine = newEngine();
        Module module = Module.fromBinary(engine, wasm);
        Linker<WasiCtx> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        return run -> {
            WasiCtx ctx = new WasiConfig().args(run.args()).stdout(run.stdout()).stderr(run.stderr())
                    .preopenedDir(run.dir(), run.guestDir()).build();
            Store<WasiCtx> store = new Store<>(engine, ctx);
            Func start;
            try {
                start = linker.instantiate(store, module).func("_start");
            } catch (RuntimeException | Error e) {
                close(store, ctx);
                throw e;
            }
            return () -> {
                try {
                    start.call();
                    return 0;
                } catch (WasiExit exit) {
                    return exit.status();
                } finally {
                    close(store, ctx);
                }
            };
        };
    }

    private static void close(Store<WasiCtx> store, WasiCtx ctx) {
        try (ctx; store) {
            // closes both, the store first
        }
    }
}
