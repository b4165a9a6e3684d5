package dev.wasmj.cli.wast;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Func;
import dev.wasmj.Instance;
import dev.wasmj.LinkException;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.WasmException;
import dev.wasmj.cli.Diagnostics;
import dev.wasmj.cli.ModuleLoader.LoadedModule;
import dev.wasmj.format.Features;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.WastAction;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Executes the commands of one .wast script on wasmj's public API: one {@link Engine} (with the
 * script's features), one {@link Store} and one {@link Linker} holding the {@code spectest} module
 * and the registered instances.
 *
 * <p>{@code thread} and {@code wait} run their commands in order on the script's thread (the
 * {@link WastRunner} runs a thread's commands before handing the {@code thread} itself over): the
 * testsuite has no scripts that need real concurrency.
 */
public final class ApiExecutor implements WastExecutor {
    private final Engine engine;
    private final Store<Void> store;
    private final Linker<Void> linker;
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, Module> modules = new HashMap<>();
    private Instance current;
    private Module lastModule;

    /** An executor for a script with {@code features}, running code with {@code strategy}. */
    public ApiExecutor(Features features, Strategy strategy) {
        this.engine = new Engine(new Config().features(features).strategy(strategy));
        this.store = new Store<>(engine);
        this.linker = new Linker<Void>(engine).allowShadowing(true);
        Spectest.define(linker, store);
    }

    @Override
    public long compilerFallbacks() {
        return engine.compilerFallbacks();
    }

    /** Makes a new executor per script. */
    public static Function<Features, WastExecutor> factory(Strategy strategy) {
        new Engine(new Config().strategy(strategy)); // fails now for a strategy that is not available
        return features -> new ApiExecutor(features, strategy);
    }

    @Override
    public Verdict execute(WastCommand command, LoadedModule module) {
        return switch (command) {
            case WastCommand.Module m -> module(m.module(), module);
            case WastCommand.ModuleInstance mi -> moduleInstance(mi);
            case WastCommand.Register r -> {
                linker.instance(r.as(), instance(r.module()));
                yield Verdict.PASSED;
            }
            case WastCommand.Action a -> {
                Outcome o = perform(a.action());
                yield o.error == null ? Verdict.PASSED : Verdict.failed("unexpected " + describe(o.error));
            }
            case WastCommand.AssertReturn a -> assertReturn(a);
            case WastCommand.AssertTrap a when a.module() != null -> expectInstantiationTrap(module, a.message());
            case WastCommand.AssertTrap a -> expectTrap(perform(a.action()), a.message());
            case WastCommand.AssertExhaustion a -> expectTrap(perform(a.action()), a.message());
            case WastCommand.AssertException a -> {
                Outcome o = perform(a.action());
                yield o.error instanceof WasmException ? Verdict.PASSED
                        : Verdict.failed("expected an uncaught exception, got " + o.describe());
            }
            case WastCommand.AssertUnlinkable a -> expectUnlinkable(module, a.message());
            case WastCommand.AssertUninstantiable a -> expectInstantiationTrap(module, a.message());
            case WastCommand.Thread t -> Verdict.PASSED;
            case WastCommand.Wait w -> Verdict.PASSED;
            default -> Verdict.failed("the executor does not handle " + command.getClass().getSimpleName());
        };
    }

    private Verdict module(ScriptModule source, LoadedModule loaded) {
        Module module = Module.fromBinary(engine, loaded.binary());
        lastModule = module;
        if (source.name() != null) {
            modules.put(source.name(), module);
        }
        if (source.isDefinition()) {
            return Verdict.PASSED;
        }
        return instantiate(module, source.name());
    }

    private Verdict moduleInstance(WastCommand.ModuleInstance mi) {
        Module module = mi.module() == null ? lastModule : modules.get(mi.module());
        if (module == null) {
            return Verdict.failed("no module definition " + (mi.module() == null ? "before" : "$" + mi.module()));
        }
        return instantiate(module, mi.instance());
    }

    private Verdict instantiate(Module module, String name) {
        try {
            current = linker.instantiate(store, module);
        } catch (LinkException | Trap | WasmException e) {
            current = null; // later actions must not run on the module before
            return Verdict.failed("instantiation failed: " + describe(e));
        }
        if (name != null) {
            instances.put(name, current);
        }
        return Verdict.PASSED;
    }

    private Verdict expectUnlinkable(LoadedModule loaded, String message) {
        Module module = Module.fromBinary(engine, loaded.binary());
        try {
            linker.instantiate(store, module);
        } catch (LinkException e) {
            return e.getMessage().startsWith(message) ? Verdict.PASSED
                    : Verdict.failed("expected unlinkable \"" + message + "\", got \"" + oneLine(e) + "\"");
        } catch (Trap | WasmException e) {
            return Verdict.failed("expected unlinkable \"" + message + "\", got " + describe(e));
        }
        return Verdict.failed("expected unlinkable \"" + message + "\", but the module instantiated");
    }

    private Verdict expectInstantiationTrap(LoadedModule loaded, String message) {
        Module module = Module.fromBinary(engine, loaded.binary());
        try {
            linker.instantiate(store, module);
        } catch (RuntimeException e) {
            return expectTrap(new Outcome(null, e), message);
        }
        return Verdict.failed("expected trap \"" + message + "\", but the module instantiated");
    }

    private Verdict assertReturn(WastCommand.AssertReturn a) {
        Outcome o = perform(a.action());
        if (o.error != null) {
            return Verdict.failed("expected results, got " + describe(o.error));
        }
        List<WastValue> expected = a.expected();
        if (o.results.length != expected.size()) {
            return Verdict.failed("expected " + expected.size() + " results, got " + o.results.length);
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!ScriptValues.matches(o.results[i], expected.get(i))) {
                return Verdict.failed("result " + i + ": expected " + ScriptValues.describe(expected.get(i))
                        + ", got " + ScriptValues.describe(o.results[i]));
            }
        }
        return Verdict.PASSED;
    }

    private static Verdict expectTrap(Outcome o, String message) {
        if (o.error instanceof Trap t) {
            if (t.getMessage() != null && t.getMessage().startsWith(message)) {
                return Verdict.PASSED;
            }
            return Verdict.failed("expected trap \"" + message + "\", got trap \"" + oneLine(t) + "\"");
        }
        return Verdict.failed("expected trap \"" + message + "\", got " + o.describe());
    }

    /** The results of an action, or the exception it threw. */
    private record Outcome(Val[] results, RuntimeException error) {
        String describe() {
            return error != null ? ApiExecutor.describe(error)
                    : "results " + java.util.Arrays.stream(results).map(ScriptValues::describe).toList();
        }
    }

    private Outcome perform(WastAction action) {
        try {
            Instance instance = instance(action.module());
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
                    yield new Outcome(f.call(vals), null);
                }
                case WastAction.Get get -> new Outcome(new Val[] {instance.global(get.name()).get()}, null);
            };
        } catch (Trap | WasmException | IllegalArgumentException e) {
            // IllegalArgumentException: no such instance or export, or arguments of the wrong types
            return new Outcome(null, e);
        }
    }

    private Instance instance(String name) {
        Instance instance = name == null ? current : instances.get(name);
        if (instance == null) {
            throw new IllegalArgumentException(name == null ? "no module instantiated yet" : "no instance $" + name);
        }
        return instance;
    }

    private static String describe(RuntimeException e) {
        return switch (e) {
            case Trap t -> "trap \"" + oneLine(t) + "\" (" + t.code() + ")";
            case WasmException w -> "uncaught exception";
            case LinkException l -> "link error \"" + oneLine(l) + "\"";
            default -> e.getClass().getSimpleName() + " \"" + oneLine(e) + "\"";
        };
    }

    private static String oneLine(Throwable t) {
        return Diagnostics.oneLine(String.valueOf(t.getMessage()));
    }
}
