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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One engine's run of one fuzzed module: compiles and instantiates it with a {@link FuzzHost} and
 * calls its exports, each step on a thread of its own with a time limit, returning what it showed
 * as an {@link Observed} string followed by the host's log. After a step that timed out the side
 * is {@linkplain #stuck() stuck}: its store may still be in use.
 */
final class FuzzSide implements AutoCloseable {
    private final EngineSetup setup;
    private final long timeoutMillis;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "difftest-fuzz");
        t.setDaemon(true);
        return t;
    });
    private Store<Void> store;
    private FuzzHost host;
    private Instance instance;
    private boolean stuck;

    FuzzSide(EngineSetup setup, long timeoutMillis) {
        this.setup = setup;
        this.timeoutMillis = timeoutMillis;
    }

    EngineSetup setup() {
        return setup;
    }

    /** The instance, once {@link #instantiate} succeeded. */
    Instance instance() {
        return instance;
    }

    /** Whether a step ran out of time (and may still be running). */
    boolean stuck() {
        return stuck;
    }

    /** Compiles {@code binary} and instantiates it with the fuzz host: "instantiated", or what it threw. */
    String instantiate(byte[] binary, Features features) {
        return step(() -> {
            Engine engine = setup.engine(features);
            store = setup.store(engine);
            host = new FuzzHost(store);
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
            return Observed.results(store, f.call(args));
        });
    }

    private String step(Callable<String> step) {
        Future<String> future = thread.submit(() -> {
            String outcome;
            try {
                outcome = step.call();
            } catch (RuntimeException | StackOverflowError e) {
                outcome = Observed.thrown(store, e);
            }
            List<String> log = host == null ? List.of() : host.takeLog();
            return log.isEmpty() ? outcome : outcome + " after logging " + log;
        });
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck = true;
            future.cancel(true);
            return "no outcome within " + timeoutMillis + " ms";
        } catch (ExecutionException e) {
            throw new IllegalStateException("the fuzz side crashed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
