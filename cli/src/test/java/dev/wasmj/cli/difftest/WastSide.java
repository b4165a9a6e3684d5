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
    /** The instance the last operation made, or null. */
    private Instance made;

    WastSide(EngineSetup setup, Features features) {
        this.setup = setup;
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

    /** Compiles {@code binary}: the module, or what compiling threw. */
    Object compile(byte[] binary) {
        try {
            return Module.fromBinary(engine, binary);
        } catch (RuntimeException | StackOverflowError e) {
            return "compile error: " + Observed.thrown(store, e);
        }
    }

    /** Instantiates {@code module} with the linker's definitions; {@link #made()} is the instance, or null. */
    String instantiate(Module module) {
        made = null;
        try {
            made = linker.instantiate(store, module);
            return "instantiated";
        } catch (RuntimeException | StackOverflowError e) {
            return Observed.thrown(store, e);
        }
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
