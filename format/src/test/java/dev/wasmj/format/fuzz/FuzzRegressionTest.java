package dev.wasmj.format.fuzz;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs the fuzz tests once found breaking the rule (src/test/resources/fuzz/regressions/), and
 * valid modules made by Binaryen's translate-to-fuzz mode (fuzz/binaryen/, which must be accepted):
 * each runs through the same targets and checks as in the fuzz tests.
 */
class FuzzRegressionTest {

    static List<Path> files(String directory, String extension) throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionTest.class.getResource("/fuzz/" + directory).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> binaryRegressions() throws Exception {
        List<Path> files = files("regressions", ".wasm");
        assertThat(files).isNotEmpty();
        FuzzHarness<byte[]> h = BinaryFuzzTest.harness();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> h.run(Files.readAllBytes(f), f.getFileName().toString()))).onClose(h::close);
    }
}
