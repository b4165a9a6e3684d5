package dev.wasmj.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./wasmj} launcher script running {@code wasmj run} end to end, in a process of its
 * own: the exit status of the process is the guest's. Runs after the jar is packaged (the
 * {@code launcher} execution of surefire in cli/pom.xml), so that the script finds it fresh.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The outcome of one run of the script. */
    record Outcome(int status, String out, String err) {}

    private static Outcome wasmj(Object... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("wasmj").toString()));
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        Path out = Files.createTempFile("wasmj-out", ".txt");
        Path err = Files.createTempFile("wasmj-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("wasmj finished in time").isTrue();
            return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Path program(String name, String wat) throws IOException {
        return Files.writeString(dir.resolve(name), wat, StandardCharsets.UTF_8);
    }

    @Test
    void theProcessExitsWithTheGuestsStatus() throws Exception {
        Path file = program("exit.wat", WasiPrograms.printAndExit("hello from the guest\n", 3));
        assertThat(wasmj("run", file, "--ignored")).isEqualTo(new Outcome(3, "hello from the guest\n", ""));
    }

    @Test
    void invokePrintsResultsAndTrapsExit134() throws Exception {
        Path hello = ROOT.resolve("examples/hello.wat");
        assertThat(wasmj("run", "--invoke", "factorial", hello, 20)).isEqualTo(new Outcome(0, "2432902008176640000\n", ""));
        Outcome trap = wasmj("run", program("trap.wat", WasiPrograms.printAndTrap("out\n", "")));
        assertThat(trap.status()).isEqualTo(134);
        assertThat(trap.out()).isEqualTo("out\n");
        assertThat(trap.err()).contains("wasm trap: unreachable", " - explode");
    }

    @Test
    void aMissingFileExits1() throws Exception {
        Outcome run = wasmj("run", dir.resolve("absent.wasm"));
        assertThat(run).isEqualTo(new Outcome(1, "", "error: cannot read " + dir.resolve("absent.wasm") + ": no such file\n"));
    }
}
