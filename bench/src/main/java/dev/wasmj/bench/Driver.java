package dev.wasmj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs every program on every engine, one child process at a time, and collects the results. */
final class Driver {
    private final Path benchDir;
    private final List<String> jvmOptions;
    private final Settings settings;

    Driver(Path benchDir, List<String> jvmOptions, Settings settings) {
        this.benchDir = benchDir;
        this.jvmOptions = jvmOptions;
        this.settings = settings;
    }

    /** The arguments every engine's child gets: what to run and for how long. */
    static List<String> childArguments(Program program, Settings settings) {
        return List.of("--program", program.name(), "--file", program.wasm().toString(),
                "--n", Integer.toString(program.n()), "--checksum", Program.hex(program.checksum()),
                "--iterations", Integer.toString(settings.iterations()),
                "--warmup-seconds", Double.toString(settings.warmupSeconds()));
    }

    /** Runs {@code program} on {@code engine}; returns its result, or throws with the child's complaint. */
    Result run(String engine, Program program) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Engines.command(engine, benchDir, jvmOptions));
        command.addAll(childArguments(program, settings));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Result result = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(Result.PREFIX)) {
                    result = Result.parse(line);
                } else {
                    other.add(line);
                }
            }
        }
        int status = process.waitFor();
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
}
