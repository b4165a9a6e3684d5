package dev.wasmj.cli.difftest;

import dev.wasmj.Extern;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.cli.ModuleLoader.LoadedModule;
import dev.wasmj.cli.wast.Verdict;
import dev.wasmj.cli.wast.WastExecutor;
import dev.wasmj.format.Features;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.WastAction;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Runs the commands of one .wast script on two engines side by side and fails every command after
 * which the engines do not agree. It does not check the script's expectations (the
 * {@code TestsuiteTest} does): it compares what the engines show, whatever the script asserts.
 *
 * <p>Compared after every command: its outcome (compiling, instantiating, linking, the results of
 * an invoke or get, or the trap, exception or error it ended with, all as {@link Observed}
 * strings), then everything observable through the exports of the instances the script can still
 * reach (the current one, the named and the registered ones: {@link ExportedState}) and the
 * {@code spectest} memories and tables. So a trap's effects on memory, globals and tables are
 * compared too.
 *
 * <p>Instances are made in pairs, one per engine; when only one engine instantiates a module, the
 * difference is reported and the script goes on without a current instance.
 */
final class DifferentialExecutor implements WastExecutor {
    /** Far more than any command of the testsuite takes: past it, an engine is taken to run forever. */
    static final long TIMEOUT_MILLIS = 30_000;
    /** How many scripts may leave a command running past its time before the rest are not run. */
    static final int MAX_STUCK_SCRIPTS = 3;
    private static final List<String> SPECTEST_STATE = List.of("memory", "shared_memory", "table", "table64");

    /** An instance of one module on each engine. */
    private record Pair(Instance a, Instance b) {}

    private final WastSide a;
    private final WastSide b;
    private final Map<String, Module[]> modules = new HashMap<>();
    private final Map<String, Pair> reachable = new LinkedHashMap<>();
    private Module[] lastModule;
    private Pair current;

    private final long timeoutMillis;
    private final Run run;
    private boolean stuck;
    private long fallbacksSeen;

    /** What the executors of one run over many scripts share: counts. */
    static final class Run {
        private final AtomicInteger stuckScripts = new AtomicInteger();
        private final LongAdder fallbacks = new LongAdder();
        private final LongAdder commands = new LongAdder();

        /** How many functions the engines of the run's scripts could not compile (ran on the interpreter). */
        long fallbacks() {
            return fallbacks.sum();
        }

        /** How many commands were compared. */
        long commands() {
            return commands.sum();
        }
    }

    private DifferentialExecutor(EngineSetup a, EngineSetup b, Features features, long timeoutMillis, Run run) {
        this.a = new WastSide(a, features, timeoutMillis);
        this.b = new WastSide(b, features, timeoutMillis);
        this.timeoutMillis = timeoutMillis;
        this.run = run;
    }

    /** Makes a new executor per script, comparing engine {@code a} with engine {@code b}. */
    static Function<Features, WastExecutor> factory(EngineSetup a, EngineSetup b) {
        return factory(a, b, TIMEOUT_MILLIS, new Run());
    }

    /**
     * The same, a command failing when it runs longer than {@code timeoutMillis} on either engine.
     * Such a command may run on: after {@value #MAX_STUCK_SCRIPTS} scripts had one, the executors
     * made later fail every command without running it, so that a broken engine's endless loops
     * do not take the machine.
     */
    static Function<Features, WastExecutor> factory(EngineSetup a, EngineSetup b, long timeoutMillis, Run run) {
        return features -> new DifferentialExecutor(a, b, features, timeoutMillis, run);
    }

    @Override
    public Verdict execute(WastCommand command, LoadedModule module) {
        if (stuck) {
            return Verdict.failed("not run: an earlier command ran out of time");
        }
        if (run.stuckScripts.get() >= MAX_STUCK_SCRIPTS) {
            return Verdict.failed("not run: commands of " + MAX_STUCK_SCRIPTS + " scripts ran out of time before");
        }
        List<String> differences = new ArrayList<>();
        switch (command) {
            case WastCommand.Module m -> module(m.module(), module, differences);
            case WastCommand.ModuleInstance mi -> {
                Module[] pair = mi.module() == null ? lastModule : modules.get(mi.module());
                if (pair != null) {
                    current = instantiate(pair, differences);
                    name(mi.instance(), current);
                }
            }
            case WastCommand.Register r -> {
                Pair p = r.module() == null ? current : reachable.get("$" + r.module());
                if (p != null) {
                    a.register(r.as(), p.a());
                    b.register(r.as(), p.b());
                    reachable.put("register " + r.as(), p);
                }
            }
            case WastCommand.Action x -> perform(x.action(), differences);
            case WastCommand.AssertReturn x -> perform(x.action(), differences);
            case WastCommand.AssertTrap x when x.module() != null -> instantiateOnly(module, differences);
            case WastCommand.AssertTrap x -> perform(x.action(), differences);
            case WastCommand.AssertExhaustion x -> perform(x.action(), differences);
            case WastCommand.AssertException x -> perform(x.action(), differences);
            case WastCommand.AssertUnlinkable x -> instantiateOnly(module, differences);
            case WastCommand.AssertUninstantiable x -> instantiateOnly(module, differences);
            case WastCommand.Thread t -> { } // its commands ran before, in order, on the script's thread
            case WastCommand.Wait w -> { }
            default -> differences.add("the differential executor does not handle " + command.getClass().getSimpleName());
        }
        if (a.stuck() || b.stuck()) {
            stuck = true;
            run.stuckScripts.incrementAndGet();
            differences.add("ran out of time (" + timeoutMillis + " ms) on " + (a.stuck() ? a.setup() : "")
                    + (a.stuck() && b.stuck() ? " and " : "") + (b.stuck() ? b.setup() : ""));
        } else {
            state(differences);
            long fallbacks = a.fallbacks() + b.fallbacks();
            run.fallbacks.add(fallbacks - fallbacksSeen);
            fallbacksSeen = fallbacks;
        }
        run.commands.increment();
        return differences.isEmpty() ? Verdict.PASSED
                : Verdict.failed(a.setup() + " and " + b.setup() + " differ: " + String.join("; ", differences));
    }

    private void module(ScriptModule source, LoadedModule loaded, List<String> differences) {
        Module[] pair = compile(loaded, differences);
        lastModule = pair;
        if (source.name() != null && pair != null) {
            modules.put(source.name(), pair);
        }
        if (source.isDefinition()) {
            return;
        }
        current = pair == null ? null : instantiate(pair, differences);
        name(source.name(), current);
    }

    private void name(String name, Pair pair) {
        if (name != null) {
            if (pair == null) {
                reachable.remove("$" + name);
            } else {
                reachable.put("$" + name, pair);
            }
        }
    }

    /** Both engines' modules, or null (and a difference, if they disagree) when either failed. */
    private Module[] compile(LoadedModule loaded, List<String> differences) {
        String x = a.compile(loaded.binary());
        String y = b.compile(loaded.binary());
        if (a.compiled() != null && b.compiled() != null) {
            return new Module[] {a.compiled(), b.compiled()};
        }
        compare("compiling", x, y, differences);
        return null;
    }

    private Pair instantiate(Module[] pair, List<String> differences) {
        String x = a.instantiate(pair[0]);
        String y = b.instantiate(pair[1]);
        compare("instantiating", x, y, differences);
        return a.made() != null && b.made() != null ? new Pair(a.made(), b.made()) : null;
    }

    /** Instantiates a module that a script expects not to link or instantiate; it does not become current. */
    private void instantiateOnly(LoadedModule loaded, List<String> differences) {
        Module[] pair = compile(loaded, differences);
        if (pair != null) {
            instantiate(pair, differences);
        }
    }

    private void perform(WastAction action, List<String> differences) {
        String name = action instanceof WastAction.Invoke i ? "invoke \"" + i.name() + "\" " + arguments(i.args())
                : "get \"" + ((WastAction.Get) action).name() + "\"";
        Pair on = action.module() == null ? current : reachable.get("$" + action.module());
        if (on == null) {
            return; // no instance: the script fails in the TestsuiteTest, or an instantiation differed
        }
        compare(name, a.perform(on.a(), action), b.perform(on.b(), action), differences);
    }

    /** Arguments as {@link Observed} writes values: {@code [i32 1, f32 0x7fc00000]}. */
    private static String arguments(List<WastValue> args) {
        return args.stream().map(v -> switch (v) {
            case WastValue.I32(int x) -> "i32 " + x;
            case WastValue.I64(long x) -> "i64 " + x;
            case WastValue.F32(int bits) -> String.format("f32 0x%08x", bits);
            case WastValue.F64(long bits) -> String.format("f64 0x%016x", bits);
            case WastValue.V128(long lo, long hi) -> String.format("v128 0x%016x%016x", hi, lo);
            default -> v.toString();
        }).toList().toString();
    }

    /** Compares the state of every instance the script can reach, and the spectest module's. */
    private void state(List<String> differences) {
        List<Pair> pairs = new ArrayList<>(reachable.values());
        if (current != null && !pairs.contains(current)) {
            pairs.add(current);
        }
        for (Pair p : pairs) {
            for (String difference : ExportedState.differences(p.a(), p.b())) {
                differences.add(difference + " (instance " + nameOf(p) + ")");
            }
        }
        for (String name : SPECTEST_STATE) {
            Optional<Extern> x = a.spectest(name);
            Optional<Extern> y = b.spectest(name);
            if (x.isPresent() && y.isPresent()) {
                String difference = ExportedState.difference(a.store(), x.get(), b.store(), y.get());
                if (difference != null) {
                    differences.add("spectest \"" + name + "\": " + difference);
                }
            }
        }
    }

    private String nameOf(Pair p) {
        return reachable.entrySet().stream().filter(e -> e.getValue() == p).map(Map.Entry::getKey)
                .findFirst().orElse("current");
    }

    private void compare(String what, String x, String y, List<String> differences) {
        if (!x.equals(y)) {
            differences.add(what + ": " + Outcomes.difference(a.setup().toString(), x, b.setup().toString(), y));
        }
    }
}
