package dev.wasmj.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine benchmark. As a driver (the default) it runs each program of bench/programs on each
 * engine in a child process of its own, one at a time, and prints the tables of {@link Table}:
 * <pre>
 *   Main [--engines E,E...] [--programs P,P...] [--iterations N] [--warmup-seconds S] [--quick]
 *        [--forks F] [--bench-dir DIR] [--jvm-options "OPTIONS"]
 * </pre>
 * As a child ({@code --child ENGINE} or {@code --child-command ENGINE}, then the arguments of
 * {@link InProcess#childArguments}) it runs one kernel or WASI command on one in-JVM engine and
 * prints its {@link Result} line; {@code --ruby ENGINE} runs the CRuby whole program.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("--child")) {
                child(args);
            } else if (args.length > 0 && args[0].equals("--child-command")) {
                commandChild(args);
            } else if (args.length > 0 && args[0].equals("--ruby")) {
                rubyChild(args);
            } else {
                drive(args);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void drive(String[] args) throws Exception {
        Path benchDir = Path.of("bench");
        List<String> engines = null;
        List<String> only = null;
        int iterations = Settings.DEFAULT.iterations();
        double warmup = Settings.DEFAULT.warmupSeconds();
        int forks = Settings.DEFAULT.forks();
        int wholeRuns = Settings.DEFAULT.wholeRuns();
        List<String> jvmOptions = List.of("-Xss16m", "-Xmx1g", "-XX:+UseParallelGC");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--engines" -> engines = List.of(value(args, ++i).split(","));
                case "--programs" -> only = List.of(value(args, ++i).split(","));
                case "--forks" -> forks = Integer.parseInt(value(args, ++i));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
                case "--warmup-seconds" -> warmup = Double.parseDouble(value(args, ++i));
                case "--whole-runs" -> wholeRuns = Integer.parseInt(value(args, ++i));
                case "--quick" -> {
                    iterations = 3;
                    warmup = 0.3;
                    wholeRuns = 1;
                }
                case "--bench-dir" -> benchDir = Path.of(value(args, ++i));
                case "--jvm-options" -> jvmOptions = List.of(value(args, ++i).trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Settings settings = new Settings(iterations, warmup, forks, wholeRuns);
        List<Benchmark> programs = new ArrayList<>(Program.readAll(benchDir.resolve("programs")));
        programs.add(new SqliteProgram());
        programs.add(new RubyProgram());
        if (only != null) {
            List<String> names = only;
            programs.removeIf(p -> !names.contains(p.name()));
            for (String name : names) {
                if (programs.stream().noneMatch(p -> p.name().equals(name))) {
                    throw new IllegalArgumentException("unknown program " + name);
                }
            }
        }
        List<String> selected = new ArrayList<>();
        for (String engine : engines == null ? Engines.all() : engines) {
            String why = Engines.unavailable(engine, benchDir);
            if (why == null) {
                selected.add(engine);
            } else if (engines != null) {
                throw new IllegalArgumentException(engine + ": " + why);
            } else {
                System.err.println("bench: skipping " + engine + ": " + why);
            }
        }

        System.err.println("bench: load average " + loadAverage() + " on " + processors() + " processors");
        Driver driver = new Driver(benchDir, jvmOptions, settings);
        Table table = new Table(programs, selected);
        Path root = benchDir.toAbsolutePath().getParent();
        for (Benchmark program : programs) {
            try {
                program.prepare(root);
            } catch (Exception e) {
                System.err.println("bench: cannot prepare " + program.name() + ": " + e.getMessage());
                for (String engine : selected) {
                    table.fail(program.name(), engine, program.name() + ": " + e.getMessage());
                }
            }
        }
        for (int fork = 0; fork < forks; fork++) {
            for (int p = 0; p < programs.size(); p++) {
                Benchmark program = programs.get(p);
                if (program instanceof WholeProgram && fork > 0) {
                    continue;   // whole programs are a process per run already
                }
                // every other program (and fork) in the reverse order, so a drift of the machine's
                // load over the run does not always fall on the same engine
                List<String> order = (p + fork) % 2 == 0 ? selected : selected.reversed();
                for (String engine : order) {
                    if (table.failed(program.name(), engine)) {
                        continue;
                    }
                    String notRun = program.notRun(engine);
                    if (notRun != null) {
                        table.notRun(program.name(), engine, notRun);
                        continue;
                    }
                    try {
                        Result r = switch (program) {
                            case InProcess measured -> driver.run(engine, measured);
                            case WholeProgram whole -> driver.runWhole(engine, whole);
                        };
                        table.add(r);
                        if (program instanceof WholeProgram) {
                            System.err.printf("%-8s %-20s median %10.2f ms (its own clock); whole process %10.2f ms%n",
                                    program.name(), engine, r.medianMs(Clock.WALL), r.firstMs());
                        } else if (program instanceof InProcess measured && measured.kind() == InProcess.Kind.COMMAND) {
                            System.err.printf("%-8s %-20s median %10.2f ms (its own clock), CPU of _start %10.2f ms;"
                                            + " first run %10.2f ms, load %8.2f ms%n",
                                    program.name(), engine, r.medianMs(Clock.WALL), r.medianMs(Clock.CPU), r.firstMs(), r.loadMs());
                        } else {
                            System.err.printf("%-8s %-20s median %10.2f ms, CPU %10.2f ms; first %10.2f ms, load %8.2f ms%n",
                                    program.name(), engine, r.medianMs(Clock.WALL), r.medianMs(Clock.CPU), r.firstMs(), r.loadMs());
                        }
                    } catch (Driver.UnavailableException e) {
                        table.unavailable(program.name(), engine, e.getMessage());
                        System.err.printf("%-8s %-20s not available: %s%n", program.name(), engine, e.getMessage());
                    } catch (Exception e) {
                        table.fail(program.name(), engine, e.getMessage());
                        System.err.printf("%-8s %-20s failed: %s%n", program.name(), engine, e.getMessage());
                    }
                }
            }
        }
        System.out.println();
        table.print(System.out, settings);
        System.out.println();
        String load = loadAverage();
        System.out.println("Load average at the end: " + load + " on " + processors() + " processors"
                + (busy(load) ? ": more load than processors, so wall-clock times are mostly waiting; compare CPU times" : ""));
    }

    private static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Whether the 1 minute load average (first of {@code load}) exceeds the processors. */
    private static boolean busy(String load) {
        try {
            return Double.parseDouble(load.split(" ")[0]) > processors();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** {@code --ruby ENGINE --file RUBY_WASM SOURCE}: the CRuby whole program on a wasmj engine ({@link RubyStartup}). */
    private static void rubyChild(String[] args) throws Exception {
        if (args.length != 5 || !args[2].equals("--file")) {
            throw new IllegalArgumentException("usage: --ruby ENGINE --file RUBY_WASM SOURCE");
        }
        if (!(Engines.inJvm(args[1]) instanceof WasmjEngine wasmj)) {
            throw new IllegalArgumentException("--ruby needs a wasmj engine");
        }
        try {
            RubyStartup.run(wasmj, Path.of(args[3]), args[4]);
        } catch (UnsupportedOperationException e) {
            System.out.println(Driver.UNAVAILABLE + e.getMessage());
            System.exit(Driver.UNAVAILABLE_STATUS);
        }
        System.exit(0);
    }

    /**
     * {@code --child-command ENGINE} and the arguments of {@link WasiCommand#childArguments}: runs the
     * WASI command on ENGINE in this process ({@link CommandTimer}) and prints its result line.
     */
    private static void commandChild(String[] args) throws Exception {
        String engine = value(args, 1);
        String name = null;
        Path file = null;
        Path expected = null;
        String guestDir = null;
        Path scratchRoot = null;
        int iterations = Settings.DEFAULT.iterations();
        double warmup = Settings.DEFAULT.warmupSeconds();
        int i = 2;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--program" -> name = value(args, ++i);
                case "--file" -> file = Path.of(value(args, ++i));
                case "--expected-stdout" -> expected = Path.of(value(args, ++i));
                case "--guest-dir" -> guestDir = value(args, ++i);
                case "--scratch-root" -> scratchRoot = Path.of(value(args, ++i));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
                case "--warmup-seconds" -> warmup = Double.parseDouble(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown child option " + args[i]
                        + " in " + Arrays.toString(args));
            }
        }
        if (name == null || file == null || expected == null || guestDir == null || scratchRoot == null
                || i + 1 >= args.length) {
            throw new IllegalArgumentException("--child-command needs --program, --file, --expected-stdout,"
                    + " --guest-dir, --scratch-root and -- ARGV0 ARGS...");
        }
        WasiCommand command = new WasiCommand(name, file, List.of(args).subList(i + 1, args.length), guestDir,
                scratchRoot, Files.readString(expected));
        JvmEngine jvmEngine = Engines.inJvm(engine);
        Settings settings = new Settings(iterations, warmup, 1);
        report(() -> CommandTimer.measure(jvmEngine, command, settings));
    }

    private static void child(String[] args) throws Exception {
        String engine = value(args, 1);
        String name = null;
        Path file = null;
        int n = 0;
        int checksum = 0;
        int iterations = Settings.DEFAULT.iterations();
        double warmup = Settings.DEFAULT.warmupSeconds();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--program" -> name = value(args, ++i);
                case "--file" -> file = Path.of(value(args, ++i));
                case "--n" -> n = Integer.parseInt(value(args, ++i));
                case "--checksum" -> checksum = Integer.parseUnsignedInt(value(args, ++i).replaceFirst("^0x", ""), 16);
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
                case "--warmup-seconds" -> warmup = Double.parseDouble(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown child option " + args[i]
                        + " in " + Arrays.toString(args));
            }
        }
        if (name == null || file == null) {
            throw new IllegalArgumentException("--child needs --program and --file");
        }
        Program program = new Program(name, n, checksum, file);
        JvmEngine jvmEngine = Engines.inJvm(engine);
        Settings settings = new Settings(iterations, warmup, 1);
        report(() -> KernelTimer.measure(jvmEngine, program, settings));
    }

    /** A measurement in a child. */
    @FunctionalInterface
    private interface Measurement {
        Result measure() throws Exception;
    }

    /**
     * Prints the measurement's result line, or the line saying the engine is not available (and
     * exits with {@link Driver#UNAVAILABLE_STATUS}), or its failure (exit status 1).
     */
    private static void report(Measurement measurement) {
        try {
            System.out.println(measurement.measure().toLine());
        } catch (UnsupportedOperationException e) {
            // the engine refuses this configuration (e.g. a strategy not built yet): a cell "n/a"
            System.out.println(Driver.UNAVAILABLE + e.getMessage());
            System.exit(Driver.UNAVAILABLE_STATUS);
        } catch (Exception | StackOverflowError e) {
            System.out.println(e);   // for the driver's table; the whole trace on standard error
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
