package dev.wasmj.cli.difftest;

import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Val;
import dev.wasmj.format.Features;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one fuzzed module on two engines in lockstep and compares them: the instantiation's outcome
 * (the start function runs in it), then for every exported function and every
 * {@linkplain FuzzValues argument set} the call's outcome and log, and after each step everything
 * the instance exports ({@link ExportedState}). A module stops at its first difference: past it the
 * two stores no longer hold the same state.
 */
final class FuzzComparison {
    /**
     * A comparison's outcome: how instantiating ended (on the first engine), how many calls were
     * compared, the difference it stopped at (or null), whether an engine ran out of time (its
     * thread may still be running), and how many functions the engines could not compile.
     */
    record Result(String module, String instantiation, int calls, String difference, boolean stuck, long fallbacks) {
        boolean instantiated() {
            return instantiation.startsWith("instantiated");
        }
    }

    private final EngineSetup a;
    private final EngineSetup b;
    private final Features features;
    private final long timeoutMillis;

    FuzzComparison(EngineSetup a, EngineSetup b, Features features, long timeoutMillis) {
        this.a = a;
        this.b = b;
        this.features = features;
        this.timeoutMillis = timeoutMillis;
    }

    /** Runs module {@code binary}, called {@code name} in the result, on both engines. */
    Result run(String name, byte[] binary) {
        FuzzSide x = new FuzzSide(a, timeoutMillis);
        FuzzSide y = new FuzzSide(b, timeoutMillis);
        String instantiation = x.instantiate(binary, features);
        String difference = compare("instantiating", instantiation, y.instantiate(binary, features), x, y);
        if (difference != null || x.instance() == null || y.instance() == null) {
            return new Result(name, instantiation, 0, difference, x.stuck() || y.stuck(), fallbacks(x, y));
        }
        int calls = 0;
        for (String export : x.instance().exportNames()) {
            if (!(x.instance().export(export).orElseThrow() instanceof Func f)) {
                continue;
            }
            FuncType type = f.type();
            for (int set = 0; set < FuzzValues.SETS; set++) {
                Val[] args = FuzzValues.of(type.params(), set);
                if (args == null) {
                    break; // a parameter no host can make
                }
                calls++;
                String what = "invoke \"" + export + "\" " + Arrays.stream(args).map(v -> Observed.value(null, v)).toList();
                difference = compare(what, x.call(export, args), y.call(export, args), x, y);
                if (difference != null) {
                    return new Result(name, instantiation, calls, difference, x.stuck() || y.stuck(), fallbacks(x, y));
                }
                if (x.stuck()) {
                    return new Result(name, instantiation, calls, null, true, fallbacks(x, y)); // both ran out of time: no further steps
                }
            }
        }
        return new Result(name, instantiation, calls, null, false, fallbacks(x, y));
    }

    private static long fallbacks(FuzzSide x, FuzzSide y) {
        return x.stuck() || y.stuck() ? 0 : x.fallbacks() + y.fallbacks();
    }

    /** The difference after a step: its outcomes, or else the exported state; null if none. */
    private String compare(String what, String outcomeA, String outcomeB, FuzzSide x, FuzzSide y) {
        if (!outcomeA.equals(outcomeB)) {
            return what + ": " + Outcomes.difference(a.toString(), outcomeA, b.toString(), outcomeB);
        }
        if (x.instance() == null || y.instance() == null || x.stuck()) {
            return null;
        }
        List<String> differences = new ArrayList<>(ExportedState.differences(x.instance(), y.instance()));
        return differences.isEmpty() ? null : "after " + what + " (" + outcomeA + "): " + String.join("; ", differences);
    }
}
