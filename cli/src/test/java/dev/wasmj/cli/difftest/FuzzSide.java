package dev.wasmj.cli.difftest;

import dev.wasmj.Engine;
import dev.wasmj.Func;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Val;
import dev.wasmj.format.Features;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One engine's run of one fuzzed module: compiles and instantiates it with a {@link FuzzHost} and
 * calls its exports, each step on a thread of its own with a time limit, returning what it showed
 * as an {@link Observed} string followed by the host's log. After a step that timed out the side
 * is {@linkplain #stuck() stuck}: its store may still be in use.
 */
final class FuzzSide {
    private final EngineSetup setup;
    private final TimedThread thread;
    private Engine engine;
    private Store<Void> store;
    private FuzzHost host;
    private Instance instance;

    FuzzSide(EngineSetup setup, long timeoutMillis) {
        this.setup = setup;
        this.thread = new TimedThread(timeoutMillis);
    }

    EngineSetup setup() {
        return setup;
    }

    /** The instance, once {@link #instantiate} succeeded. */
    Instance instance() {
        return instance;
    }

    /** How many functions the engine could not compile (they run on the interpreter). */
    long fallbacks() {
        return engine == null ? 0 : engine.compilerFallbacks();
    }

    /** Whether a step ran out of time (and may still be running). */
    boolean stuck() {
        return thread.stuck();
    }

    /** Compiles {@code binary} and instantiates it with the fuzz host: "instantiated", or what it threw. */
    String instantiate(byte[] binary, Features features) {
        return step(() -> {
            engine = setup.engine(features);
            store = setup.store(engine);
            host = new FuzzHost(store);
            host.startStep();
            Module module = Module.fromBinary(engine, binary);
            Instance made = Instance.of(store, module, host.externs(module.imports()));
            host.instance(made);
            instance = made;
            return "instantiated";
        });
    }

    /** Calls export {@code name} with {@code args}. */
    String call(String name, Val[] args) {
        return step(() -> {
            Func f = instance.func(name);
            host.startStep();
            return Observed.results(store, f.call(args));
        });
    }

    private String step(Callable<String> step) {
        return thread.run(() -> {
            String outcome;
            try {
                outcome = step.call();
            } catch (Exception | StackOverflowError e) {
                outcome = Observed.thrown(store, e);
            }
            List<String> log = host == null ? List.of() : host.takeLog();
            return log.isEmpty() ? outcome : outcome + " after logging " + log;
        });
    }
}
