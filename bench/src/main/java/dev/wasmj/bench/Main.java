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
        List<String> jvmOptions = List.of("-Xss16m", "-Xmx1g", "-XX:+UseParallelGC");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--engines" -> engines = List.of(value(args, ++i).split(","));
                case "--programs" -> only = List.of(value(args, ++i).split(","));
                case "--forks" -> forks = Integer.parseInt(value(args, ++i));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
                case "--warmup-seconds" -> warmup = Double.parseDouble(value(args, ++i));
                case "--quick" -> {
                    iterations = 3;
                    warmup = 0.3;
                }
                case "--bench-dir" -> benchDir = Path.of(value(args, ++i));
                case "--jvm-options" -> jvmOptions = List.of(value(args, ++i).trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Settings settings = new Settings(iterations, warmup, forks);
        List<Program> programs = new ArrayList<>(Program.readAll(benchDir.resolve("programs")));
        if (only != null) {
            List<String> names = only;
            programs.removeIf(p -> !names.contains(p.name()));
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
        for (int fork = 0; fork < forks; fork++) {
            for (int p = 0; p < programs.size(); p++) {
                Program program = programs.get(p);
                // every other program (and fork) in the reverse order, so a drift of the machine's
                // load over the run does not always fall on the same engine
                List<String> order = (p + fork) % 2 == 0 ? selected : selected.reversed();
                for (String engine : order) {
                    try {
                        Result r = driver.run(engine, program);
                        table.add(r);
                        System.err.printf("%-8s %-20s median %10.2f ms, CPU %10.2f ms; first %10.2f ms, load %8.2f ms%n",
                                program.name(), engine, r.medianMs(Clock.WALL), r.medianMs(Clock.CPU), r.firstMs(), r.loadMs());
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
