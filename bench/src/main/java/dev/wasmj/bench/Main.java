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
 * As a child ({@code --child ENGINE} and the arguments of {@link Driver#childArguments}) it runs
 * one program on one in-JVM engine and prints its {@link Result} line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("--child")) {
                child(args);
            } else if (args.length > 0 && (args[0].equals("--command") || args[0].equals("--ruby"))) {
                wholeChild(args);
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
            if (program instanceof WholeProgram whole) {
                try {
                    whole.prepare(root);
                } catch (Exception e) {
                    System.err.println("bench: cannot prepare " + whole.name() + ": " + e.getMessage());
                    for (String engine : selected) {
                        table.fail(whole.name(), engine, whole.name() + ": " + e.getMessage());
                    }
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
                    String notRun = program instanceof WholeProgram whole ? whole.notRun(engine) : null;
                    if (notRun != null) {
                        table.notRun(program.name(), engine, notRun);
                        continue;
                    }
                    try {
                        Result r = switch (program) {
                            case Program kernel -> driver.run(engine, kernel);
                            case WholeProgram whole -> driver.runWhole(engine, whole);
                        };
                        table.add(r);
                        if (program instanceof WholeProgram) {
                            System.err.printf("%-8s %-20s median %10.2f ms (its own clock); whole process %10.2f ms%n",
                                    program.name(), engine, r.medianMs(Clock.WALL), r.firstMs());
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

    /**
     * {@code --command ENGINE --dir HOST::GUEST --file F ARGS...}: runs the WASI command F to its end
     * on ENGINE and exits with its status. {@code --ruby ENGINE --file RUBY_WASM SOURCE}: the CRuby
     * whole program on a wasmj engine ({@link RubyStartup}).
     */
    private static void wholeChild(String[] args) throws Exception {
        String engineName = value(args, 1);
        Path file = null;
        Path dir = null;
        String guestDir = null;
        int i = 2;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--file" -> file = Path.of(value(args, ++i));
                case "--dir" -> {
                    String[] mapping = value(args, ++i).split("::", 2);
                    dir = Path.of(mapping[0]);
                    guestDir = mapping.length > 1 ? mapping[1] : mapping[0];
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> rest = List.of(args).subList(i, args.length);
        if (file == null) {
            throw new IllegalArgumentException(args[0] + " needs --file");
        }
        JvmEngine engine = Engines.inJvm(engineName);
        try {
            if (args[0].equals("--ruby")) {
                if (!(engine instanceof WasmjEngine wasmj) || rest.size() != 1) {
                    throw new IllegalArgumentException("--ruby needs a wasmj engine and one source");
                }
                RubyStartup.run(wasmj, file, rest.getFirst());
                System.exit(0);
            }
            if (dir == null) {
                throw new IllegalArgumentException("--command needs --dir");
            }
            int status = engine.runCommand(Files.readAllBytes(file), rest, dir, guestDir);
            System.out.flush();
            System.exit(status);
        } catch (UnsupportedOperationException e) {
            System.out.println(Driver.UNAVAILABLE + e.getMessage());
            System.exit(Driver.UNAVAILABLE_STATUS);
        }
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
        try {
            Result result = KernelTimer.measure(Engines.inJvm(engine), new Program(name, n, checksum, file),
                    new Settings(iterations, warmup, 1));
            System.out.println(result.toLine());
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
