package dev.wasmj.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one engine measured on one program, all times in milliseconds: loading the module
 * (compile and instantiate), the first call of the kernel (includes the engine's own warm-up,
 * e.g. JIT compilation), and the measured calls after warm-up, each in wall-clock time
 * ({@code runsMs}) and in CPU time ({@code cpuMs}: of the calling thread in a JVM, of the process
 * in node), which a busy machine disturbs much less.
 *
 * <p>Every engine reports it as one line on standard output (see {@link #toLine()}), whether it runs
 * in a JVM child or in another process (bench/node/kernel.mjs), so the driver treats all alike.
 */
record Result(String engine, String program, int checksum, double loadMs, double firstMs, double[] runsMs,
        double[] cpuMs, Warmup.Outcome warmup) {

    static final String PREFIX = "RESULT ";

    /** A result without a warm-up report (a whole program). */
    Result(String engine, String program, int checksum, double loadMs, double firstMs, double[] runsMs, double[] cpuMs) {
        this(engine, program, checksum, loadMs, firstMs, runsMs, cpuMs, Warmup.Outcome.NONE);
    }

    /** The median measured call time on {@code clock}. */
    double medianMs(Clock clock) {
        return median(clock == Clock.CPU ? cpuMs : runsMs);
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /**
     * This result and {@code other}'s (the same engine and program, in another process) as one: all
     * their measured calls, the lesser of their first call times and of their load times, and the
     * longer warm-up (settled only when both settled).
     */
    Result join(Result other) {
        if (!engine.equals(other.engine) || !program.equals(other.program)) {
            throw new IllegalArgumentException("cannot join " + engine + "/" + program + " and " + other.engine + "/" + other.program);
        }
        return new Result(engine, program, checksum, Math.min(loadMs, other.loadMs), Math.min(firstMs, other.firstMs),
                concat(runsMs, other.runsMs), concat(cpuMs, other.cpuMs), joinWarmups(warmup, other.warmup));
    }

    private static Warmup.Outcome joinWarmups(Warmup.Outcome a, Warmup.Outcome b) {
        Warmup.Outcome longer = Double.isNaN(b.seconds()) || a.seconds() >= b.seconds() ? a : b;
        Warmup.Settled settled = a.settled() == Warmup.Settled.NO || b.settled() == Warmup.Settled.NO ? Warmup.Settled.NO
                : a.settled() == Warmup.Settled.YES && b.settled() == Warmup.Settled.YES ? Warmup.Settled.YES
                : Warmup.Settled.UNKNOWN;
        return new Warmup.Outcome(longer.calls(), longer.seconds(), settled);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * "RESULT engine=E program=P checksum=0x... load_ms=L first_ms=F runs_ms=a,b,c cpu_ms=a,b,c
     * warmup_s=S warmup_calls=N settled=yes|no|unknown" (the last three optional when parsed).
     */
    String toLine() {
        return PREFIX + "engine=" + engine + " program=" + program + " checksum=" + Program.hex(checksum)
                + String.format(" load_ms=%.3f first_ms=%.3f runs_ms=", loadMs, firstMs) + list(runsMs)
                + " cpu_ms=" + list(cpuMs)
                + (Double.isNaN(warmup.seconds()) ? "" : String.format(" warmup_s=%.3f warmup_calls=%d settled=%s",
                        warmup.seconds(), warmup.calls(), warmup.settled().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static String list(double[] values) {
        StringBuilder list = new StringBuilder();
        for (double value : values) {
            list.append(list.isEmpty() ? "" : ",").append(String.format("%.3f", value));
        }
        return list.toString();
    }

    private static double[] parseList(String list) {
        return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static Result parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(PREFIX.length()).strip().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        double[] runs = parseList(field(fields, "runs_ms"));
        double[] cpu = parseList(field(fields, "cpu_ms"));
        if (cpu.length != runs.length) {
            throw new IllegalArgumentException("result line with " + runs.length + " runs but " + cpu.length + " CPU times");
        }
        return new Result(field(fields, "engine"), field(fields, "program"),
                Integer.parseUnsignedInt(field(fields, "checksum").replaceFirst("^0x", ""), 16),
                Double.parseDouble(field(fields, "load_ms")), Double.parseDouble(field(fields, "first_ms")), runs, cpu,
                fields.containsKey("warmup_s") ? new Warmup.Outcome(Integer.parseInt(field(fields, "warmup_calls")),
                        Double.parseDouble(fields.get("warmup_s")),
                        Warmup.Settled.valueOf(field(fields, "settled").toUpperCase(java.util.Locale.ROOT)))
                        : Warmup.Outcome.NONE);
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("result line without " + name);
        }
        return value;
    }
}
