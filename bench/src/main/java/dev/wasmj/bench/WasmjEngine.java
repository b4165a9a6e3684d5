package dev.wasmj.bench;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
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

    @Override
    public Kernel load(byte[] wasm) {
        Engine engine = new Engine(new Config().strategy(strategy));
        Module module = Module.fromBinary(engine, wasm);
        Store<Void> store = new Store<>(engine);   // lives as long as this process: not closed
        Instance instance = new Linker<Void>(engine).instantiate(store, module);
        IntUnaryOperator run = instance.func("run").typed(IntUnaryOperator.class);
        return run::applyAsInt;
    }
}
