package dev.wasmj.internal.interpreter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec testsuite files (all directories) run by {@link MiniWast} on the internal API (commands it cannot run,
 * e.g. with imports, are skipped; the cli's runner on the public API runs everything). Every file
 * must have no failure, except the files of instruction families the interpreter does not run yet
 * ({@link #NOT_YET}), which shrinks to nothing.
 */
class SpecSubsetTest {
    static Path testsuite() {
        String p = System.getProperty("wasmj.testsuite",
                System.getenv().getOrDefault("WASMJ_TESTSUITE", "../shared/testsuite"));
        return Path.of(p);
    }

    static Stream<String> files() throws IOException {
        Path root = testsuite();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".wast"))
                    .map(p -> root.relativize(p).toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void runs(String file) throws IOException {
        MiniWast w = new MiniWast();
        w.run(testsuite().resolve(file));
        assertThat(w.failures).as(file).isEmpty();
    }
}
