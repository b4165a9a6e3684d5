package dev.wasmj.format.fuzz;

import dev.wasmj.format.Features;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
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

    static List<Path> files(String directory, String extension) throws IOException {
        try (Stream<Path> files = Files.list(FuzzCorpus.resources(directory))) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
        }
    }

    /** Binaryen made these valid modules (scripts/binaryen-corpus.sh): all must be accepted, with all features. */
    @TestFactory
    Stream<DynamicTest> binaryenModulesAreAccepted() throws Exception {
        List<Path> files = files("binaryen", ".wasm");
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(f);
            Validator.validate(BinaryDecoder.decode(bytes, Features.ALL), Features.ALL, new TypeRegistry());
        }));
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
