package dev.wasmj.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The results as tables: the median kernel time per program and engine with each engine's ratio to
 * the first engine (the baseline) and the geometric means, in wall-clock time and in CPU time; then
 * the first call and the load times, where start-up and JIT warm-up show.
 */
final class Table {
    private final List<Benchmark> programs;
    private final List<String> engines;
    private final Map<String, Result> results = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();
    private final Map<String, String> unavailable = new HashMap<>();
    private final Map<String, String> notRun = new HashMap<>();

    Table(List<Benchmark> programs, List<String> engines) {
        this.programs = programs;
        this.engines = engines;
    }

    /** Adds a result; a second one for the same program and engine (another fork) joins the first. */
    void add(Result result) {
        results.merge(key(result.program(), result.engine()), result, Result::join);
    }

    void fail(String program, String engine, String reason) {
        errors.put(key(program, engine), reason);
    }

    /** The engine refused to run the program here (e.g. not built yet): its cells read "n/a". */
    void unavailable(String program, String engine, String reason) {
        unavailable.put(key(program, engine), reason);
    }

    /** The harness does not run the program on the engine (the reason in a note under the tables). */
    void notRun(String program, String engine, String reason) {
        notRun.put(key(program, engine), reason);
    }

    /** Whether the program already failed on the engine (e.g. it could not be prepared). */
    boolean failed(String program, String engine) {
        return errors.containsKey(key(program, engine));
    }

    /** The base of the ratios: node (V8) when it ran, else the first engine. */
    String baseline() {
        return engines.contains(Engines.NODE) ? Engines.NODE : engines.getFirst();
    }

    private static String key(String program, String engine) {
        return program + "\0" + engine;
    }

    private Result result(Benchmark program, String engine) {
        return results.get(key(program.name(), engine));
    }

    /** Prints the medians in wall-clock time, then in CPU time, then the first call and load times. */
    void print(PrintStream out, Settings settings) {
        printMedians(out, settings, Clock.WALL);
        out.println();
        printMedians(out, settings, Clock.CPU);
        printTargets(out, Clock.CPU);
        printStartup(out);
        printWarmups(out);
        printErrors(out);
    }

    private void printMedians(PrintStream out, Settings settings, Clock clock) {
        String baseline = baseline();
        List<String> others = engines.stream().filter(e -> !e.equals(baseline)).toList();
        List<String> header = new ArrayList<>(List.of("program", "n"));
        header.addAll(engines);
        List<List<String>> rows = new ArrayList<>();
        List<String> ratioHeader = new ArrayList<>(List.of("program"));
        for (String engine : others) {
            ratioHeader.add(engine + "/" + baseline);
        }
        List<List<String>> ratioRows = new ArrayList<>();
        for (Benchmark program : programs) {
            List<String> row = new ArrayList<>(List.of(program.name(), program.argument()));
            for (String engine : engines) {
                row.add(cell(program, engine, r -> r.medianMs(clock)));
            }
            rows.add(row);
            List<String> ratioRow = new ArrayList<>(List.of(program.name()));
            for (String engine : others) {
                ratioRow.add(ratioCell(program, engine, baseline, clock));
            }
            ratioRows.add(ratioRow);
        }
        List<String> geomean = new ArrayList<>(List.of("geomean", ""));
        for (String engine : engines) {
            double g = geomean(programs.stream().map(p -> result(p, engine))
                    .mapToDouble(r -> r == null ? Double.NaN : r.medianMs(clock)).toArray());
            geomean.add(Double.isNaN(g) ? "-" : String.format("%.2f", g));
        }
        rows.add(geomean);
        List<String> ratioGeomean = new ArrayList<>(List.of("geomean"));
        for (String engine : others) {
            ratioGeomean.add(formatRatio(geomean(programs.stream()
                    .mapToDouble(p -> ratio(p, engine, baseline, clock)).toArray())));
        }
        ratioRows.add(ratioGeomean);
        out.printf("Median kernel time in ms (%s) of %d calls after at least %.1f s of warm-up"
                        + " (JVMs: and until the JIT settled, see the warm-up table)%s%n",
                clock == Clock.CPU ? "CPU time" : "wall-clock time", settings.iterations(), settings.warmupSeconds(),
                settings.forks() > 1 ? " in each of " + settings.forks() + " processes" : "");
        print(out, header, rows);
        out.println();
        out.printf("Ratio to %s (%s): the engine's median time / %s's (below 1: faster than %s)%n",
                baseline, clock == Clock.CPU ? "CPU time" : "wall-clock time", baseline, baseline);
        print(out, ratioHeader, ratioRows);
        out.println("(geomean over the programs both engines ran; a geomean of engines that ran different"
                + " programs compares different sets)");
    }

    /** The engine the speed targets compare wasmj's compiler with: Endive's (Chicory renamed) compiler. */
    static final String REFERENCE_COMPILER = "endive-compiler";

    /**
     * The speed targets of issue 5 on {@code clock}: the geometric mean of wasmj's compiler over
     * node at most 1.0, of Endive/Chicory's compiler over wasmj's at least 2, and no program slower
     * on wasmj's compiler than on Endive/Chicory's. Each over the programs both engines ran.
     */
    void printTargets(PrintStream out, Clock clock) {
        String wasmj = "wasmj-compiler";
        if (!engines.contains(wasmj)) {
            return;
        }
        out.println();
        out.printf("Targets of issue 5 (%s):%n", clock == Clock.CPU ? "CPU time" : "wall-clock time");
        if (engines.contains(Engines.NODE)) {
            double g = geomean(programs.stream().mapToDouble(p -> ratio(p, wasmj, Engines.NODE, clock)).toArray());
            out.printf("  geomean %s/node           %-8s (target <= 1.0)%n", wasmj, formatRatio(g));
        }
        for (String reference : List.of(REFERENCE_COMPILER, "chicory-compiler")) {
            if (!engines.contains(reference)) {
                continue;
            }
            double g = geomean(programs.stream().mapToDouble(p -> ratio(p, reference, wasmj, clock)).toArray());
            out.printf("  geomean %s/%s  %-8s (target >= 2.0)%n", reference, wasmj, formatRatio(g));
            String slower = programs.stream().filter(p -> ratio(p, wasmj, reference, clock) > 1)
                    .map(p -> p.name() + " " + formatRatio(ratio(p, wasmj, reference, clock))).toList().toString();
            out.printf("  programs slower on %s than on %s: %s (target: none)%n", wasmj, reference, slower);
        }
        if (programs.stream().noneMatch(p -> result(p, wasmj) != null)) {
            out.println("  (" + wasmj + " ran no program: no target can be checked)");
        }
    }

    private String ratioCell(Benchmark program, String engine, String baseline, Clock clock) {
        if (unavailable.containsKey(key(program.name(), engine))) {
            return "n/a";
        }
        return formatRatio(ratio(program, engine, baseline, clock));
    }

    private void printStartup(PrintStream out) {
        out.println();
        out.println("First call and module load (compile + instantiate) in ms: start-up and JIT warm-up;"
                + " for sqlite 'first' is its first run's own kernel time (cold) and 'load' compiling the module;"
                + " for ruby 'first' is the median whole process");
        List<String> header2 = new ArrayList<>(List.of("program"));
        for (String engine : engines) {
            header2.add(engine + " first");
            header2.add("load");
        }
        List<List<String>> rows2 = new ArrayList<>();
        for (Benchmark program : programs) {
            List<String> row = new ArrayList<>(List.of(program.name()));
            for (String engine : engines) {
                row.add(cell(program, engine, Result::firstMs));
                row.add(cell(program, engine, Result::loadMs));
            }
            rows2.add(row);
        }
        print(out, header2, rows2);
    }

    /**
     * How long each engine warmed up on each program before the measured calls: "S s / N" (CPU time
     * of the process in seconds, JVM; wall-clock time, node / calls), marked "not settled" when the
     * cap ended it before the JIT settled, with a note under the table.
     */
    private void printWarmups(PrintStream out) {
        if (results.values().stream().allMatch(r -> Double.isNaN(r.warmup().seconds()))) {
            return;
        }
        out.println();
        out.println("Warm-up before the measured calls: seconds from its first call to its end (JVM: CPU time of the"
                + " process, JIT threads included; node: wall-clock time) / calls. A JVM warms up until HotSpot's JIT has"
                + " settled, and for the warm-up time counted from the end of the module's load (the first call"
                + " included, so less shows here)");
        List<String> header = new ArrayList<>(List.of("program"));
        header.addAll(engines);
        List<List<String>> rows = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        for (Benchmark program : programs) {
            List<String> row = new ArrayList<>(List.of(program.name()));
            for (String engine : engines) {
                Result r = result(program, engine);
                if (r == null || Double.isNaN(r.warmup().seconds())) {
                    row.add(r == null ? cell(program, engine, Result::loadMs) : "-");
                    continue;
                }
                Warmup.Outcome w = r.warmup();
                boolean notSettled = w.settled() == Warmup.Settled.NO;
                row.add(String.format("%.1f s / %d%s", w.seconds(), w.calls(), notSettled ? " not settled" : ""));
                if (notSettled) {
                    unsettled.add(program.name() + " on " + engine);
                }
            }
            rows.add(row);
        }
        print(out, header, rows);
        if (!unsettled.isEmpty()) {
            out.println("not settled: " + String.join(", ", unsettled) + ": the warm-up reached its cap with HotSpot still"
                    + " compiling for more than " + Math.round(SettleRule.DEFAULT.fraction() * 100) + "% of the last "
                    + SettleRule.DEFAULT.window() + " calls' time; their measured calls may include JIT compilation");
        }
    }

    private void printErrors(PrintStream out) {
        for (String engine : engines) {
            programs.stream().map(p -> unavailable.get(key(p.name(), engine))).filter(r -> r != null)
                    .findFirst().ifPresent(reason -> out.println("\nnot available: " + engine + ": " + reason));
        }
        for (Benchmark program : programs) {
            for (String engine : engines) {
                String reason = notRun.get(key(program.name(), engine));
                if (reason != null) {
                    out.println("not run: " + program.name() + " on " + engine + ": " + reason);
                }
            }
        }
        if (!errors.isEmpty()) {
            out.println();
            for (Benchmark program : programs) {
                for (String engine : engines) {
                    String error = errors.get(key(program.name(), engine));
                    if (error != null) {
                        out.println("error: " + error);
                    }
                }
            }
        }
    }

    private String cell(Benchmark program, String engine, ToDoubleFunction<Result> value) {
        Result r = result(program, engine);
        if (r != null) {
            double v = value.applyAsDouble(r);
            return Double.isNaN(v) ? "-" : String.format("%.2f", v);
        }
        if (unavailable.containsKey(key(program.name(), engine))) {
            return "n/a (not available)";
        }
        if (notRun.containsKey(key(program.name(), engine))) {
            return "not run";
        }
        return errors.containsKey(key(program.name(), engine)) ? "error" : "-";
    }

    private double ratio(Benchmark program, String engine, String baseline, Clock clock) {
        Result r = result(program, engine);
        Result b = result(program, baseline);
        return r == null || b == null ? Double.NaN : r.medianMs(clock) / b.medianMs(clock);
    }

    /** Three significant digits at least, so 0.0042x and 420x both read well. */
    static String formatRatio(double ratio) {
        if (Double.isNaN(ratio)) {
            return "-";
        }
        return (ratio >= 100 ? String.format("%.0f", ratio) : String.format("%.3g", ratio)) + "x";
    }

    /** The geometric mean of the values that are numbers; NaN when none is. */
    static double geomean(double[] values) {
        double logSum = 0;
        int count = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && v > 0) {
                logSum += Math.log(v);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.exp(logSum / count);
    }

    private static void print(PrintStream out, List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, header, widths);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
    }

    private static void printRow(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? cell + pad : "  " + pad + cell);   // first column left, numbers right
        }
        out.println(line.toString().stripTrailing());
    }
}
