package dev.wasmj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Runs every program on every engine, one child process at a time, and collects the results. */
final class Driver {
    /** A child's line saying that its engine refuses to run here, followed by the reason. */
    static final String UNAVAILABLE = "UNAVAILABLE ";
    /** The exit status of a child whose engine is not available. */
    static final int UNAVAILABLE_STATUS = 3;

    /** The engine is not available (it refused to start), as opposed to failing on a program. */
    static final class UnavailableException extends IOException {
        UnavailableException(String reason) {
            super(reason);
        }
    }

    private final Path benchDir;
    private final List<String> jvmOptions;
    private final Settings settings;

    Driver(Path benchDir, List<String> jvmOptions, Settings settings) {
        this.benchDir = benchDir;
        this.jvmOptions = jvmOptions;
        this.settings = settings;
    }

    /** Runs {@code program} on {@code engine}; returns its result, or throws with the child's complaint. */
    Result run(String engine, InProcess program) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Engines.command(engine, program.kind(), benchDir, jvmOptions));
        command.addAll(program.childArguments(Engines.settings(engine, settings)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Result result = null;
        List<String> other = new ArrayList<>();
        String unavailable = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(Result.PREFIX)) {
                    result = Result.parse(line);
                } else if (line.startsWith(UNAVAILABLE)) {
                    unavailable = line.substring(UNAVAILABLE.length());
                } else {
                    other.add(line);
                }
            }
        }
        int status = process.waitFor();
        if (status == UNAVAILABLE_STATUS && unavailable != null) {
            throw new UnavailableException(unavailable);
        }
        if (status != 0 || result == null) {
            throw new IOException(engine + " on " + program.name() + ": exit status " + status
                    + (other.isEmpty() ? "" : ": " + String.join(" | ", other)));
        }
        if (result.checksum() != program.checksum()) {
            throw new IOException(engine + " on " + program.name() + ": checksum " + Program.hex(result.checksum())
                    + ", expected " + Program.hex(program.checksum()));
        }
        return result;
    }

    /**
     * Runs {@code program} on {@code engine} {@link Settings#wholeRuns} times, each a process of
     * its own in an empty scratch directory: the kernel times it reports, and as its "first" time
     * the median wall-clock time of the whole processes. The program's kernel time is its own
     * (wall-clock) clock, so the CPU times are the same numbers.
     */
    Result runWhole(String engine, WholeProgram program) throws IOException, InterruptedException {
        WholeProgram.Launch launch = new WholeProgram.Launch() {
            @Override
            public List<String> jvm(String name, List<String> options) {
                return Engines.jvm(name, options == null ? jvmOptions : options);
            }

            @Override
            public Path root() {
                return benchDir.toAbsolutePath().getParent();
            }
        };
        double[] kernel = new double[settings.wholeRuns()];
        double[] process = new double[settings.wholeRuns()];
        for (int i = 0; i < kernel.length; i++) {
            Path scratch = Files.createTempDirectory("wasmj-bench-" + program.name());
            Path err = scratch.resolveSibling(scratch.getFileName() + ".stderr");
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(program.command(engine, scratch, launch))
                        .redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = p.waitFor();
                process[i] = (System.nanoTime() - start) / 1e6;
                String stderr = Files.readString(err);
                if (status == UNAVAILABLE_STATUS && out.startsWith(UNAVAILABLE)) {
                    throw new UnavailableException(out.substring(UNAVAILABLE.length()).strip());
                }
                if (status != 0) {
                    throw new IOException(engine + " on " + program.name() + ": exit status " + status + ": "
                            + String.join(" | ", stderr.lines().limit(4).toList()));
                }
                kernel[i] = program.kernelMs(out, stderr);
            } finally {
                deleteTree(scratch);
                Files.deleteIfExists(err);
            }
        }
        double[] sorted = process.clone();
        Arrays.sort(sorted);
        double medianProcess = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new Result(engine, program.name(), 0, Double.NaN, medianProcess, kernel, kernel.clone());
    }

    /** Deletes {@code dir} and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
