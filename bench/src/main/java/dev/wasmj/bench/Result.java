package dev.wasmj.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one engine measured on one program, all times in milliseconds: loading the module
 * (compile and instantiate), the first call of the kernel (includes the engine's own warm-up,
 * e.g. JIT compilation), and the measured calls after warm-up.
 *
 * <p>Every engine reports it as one line on standard output (see {@link #toLine()}), whether it runs
 * in a JVM child or in another process (bench/node/kernel.mjs), so the driver treats all alike.
 */
record Result(String engine, String program, int checksum, double loadMs, double firstMs, double[] runsMs) {

    static final String PREFIX = "RESULT ";

    double medianMs() {
        double[] sorted = runsMs.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    double minMs() {
        return Arrays.stream(runsMs).min().orElse(Double.NaN);
    }

    /** "RESULT engine=E program=P checksum=0x... load_ms=L first_ms=F runs_ms=a,b,c" */
    String toLine() {
        StringBuilder runs = new StringBuilder();
        for (double run : runsMs) {
            runs.append(runs.isEmpty() ? "" : ",").append(String.format("%.3f", run));
        }
        return PREFIX + "engine=" + engine + " program=" + program + " checksum=" + Program.hex(checksum)
                + String.format(" load_ms=%.3f first_ms=%.3f runs_ms=", loadMs, firstMs) + runs;
    }

    static Result parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(PREFIX.length()).strip().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        double[] runs = Arrays.stream(field(fields, "runs_ms").split(",")).mapToDouble(Double::parseDouble).toArray();
        return new Result(field(fields, "engine"), field(fields, "program"),
                Integer.parseUnsignedInt(field(fields, "checksum").replaceFirst("^0x", ""), 16),
                Double.parseDouble(field(fields, "load_ms")), Double.parseDouble(field(fields, "first_ms")), runs);
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("result line without " + name);
        }
        return value;
    }
}
