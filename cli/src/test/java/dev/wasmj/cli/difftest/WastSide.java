package dev.wasmj.cli.difftest;

import dev.wasmj.Engine;
import dev.wasmj.Extern;
import dev.wasmj.Func;
import dev.wasmj.Instance;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.cli.wast.ScriptValues;
import dev.wasmj.cli.wast.Spectest;
import dev.wasmj.format.Features;
import dev.wasmj.format.text.WastAction;
import dev.wasmj.format.text.WastValue;
import java.util.List;
import java.util.Optional;

/**
 * One engine's half of a differential .wast run: its engine, store and linker (holding the
 * {@code spectest} module and the registered instances). Every operation returns what it showed
 * as an {@link Observed} string, so that the two sides can be compared; the instances it makes
 * are handed to the {@link DifferentialExecutor}, which pairs them.
 */
final class WastSide {
    private final EngineSetup setup;
    private final Engine engine;
    private final Store<Void> store;
    private final Linker<Void> linker;
    private final TimedThread thread;
    /** The module the last {@link #compile} made, or null. */
    private Module compiled;
    /** The instance the last {@link #instantiate} made, or null. */
    private Instance made;

    WastSide(EngineSetup setup, Features features, long timeoutMillis) {
        this.setup = setup;
        this.thread = new TimedThread(timeoutMillis);
        this.engine = setup.engine(features);
        this.store = setup.store(engine);
        this.linker = new Linker<Void>(engine).allowShadowing(true);
        Spectest.define(linker, store);
    }

    EngineSetup setup() {
        return setup;
    }

    Store<Void> store() {
        return store;
    }

    /** How many functions this side's engine could not compile (they run on the interpreter). */
    long fallbacks() {
        return engine.compilerFallbacks();
    }

    /** Whether an operation ran out of time: it may still run, and the store is not to be touched. */
    boolean stuck() {
        return thread.stuck();
    }

    /** Compiles {@code binary}: "compiled" ({@link #compiled()} is the module), or what compiling threw. */
    String compile(byte[] binary) {
        compiled = null;
        return thread.run(() -> {
            try {
                compiled = Module.fromBinary(engine, binary);
                return "compiled";
            } catch (RuntimeException | StackOverflowError e) {
                return "compile error: " + Observed.thrown(store, e);
            }
        });
    }

    /** The module the last {@link #compile} made, or null if it failed. */
    Module compiled() {
        return compiled;
    }

    /** Instantiates {@code module} with the linker's definitions; {@link #made()} is the instance, or null. */
    String instantiate(Module module) {
        made = null;
        return thread.run(() -> {
            try {
                made = linker.instantiate(store, module);
                return "instantiated";
            } catch (RuntimeException | StackOverflowError e) {
                return Observed.thrown(store, e);
            }
        });
    }

    /** The instance the last {@link #instantiate} made, or null if it failed. */
    Instance made() {
        return made;
    }

    /** Registers {@code instance} under {@code name} for the modules instantiated later. */
    void register(String name, Instance instance) {
        linker.instance(name, instance);
    }

    /** Performs {@code action} on {@code instance}: its results, or what it threw. */
    String perform(Instance instance, WastAction action) {
        return thread.run(() -> performHere(instance, action));
    }

    private String performHere(Instance instance, WastAction action) {
        try {
            return switch (action) {
                case WastAction.Invoke invoke -> {
                    Func f = instance.func(invoke.name());
                    List<ValType> params = f.type().params();
                    List<WastValue> args = invoke.args();
                    if (args.size() != params.size()) {
                        throw new IllegalArgumentException("expected " + params.size() + " arguments, got " + args.size());
                    }
                    Val[] vals = new Val[args.size()];
                    for (int i = 0; i < vals.length; i++) {
                        vals[i] = ScriptValues.argument(args.get(i), params.get(i));
                    }
                    yield Observed.results(store, f.call(vals));
                }
                case WastAction.Get get -> Observed.results(store, new Val[] {instance.global(get.name()).get()});
            };
        } catch (RuntimeException | StackOverflowError e) {
            return Observed.thrown(store, e);
        }
    }

    /** The {@code spectest} module's memories and tables, which modules import and change. */
    Optional<Extern> spectest(String name) {
        return linker.get(store, "spectest", name);
    }
}
