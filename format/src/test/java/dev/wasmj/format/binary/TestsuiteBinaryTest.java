package dev.wasmj.format.binary;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.text.WastFeatures;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every module the spec testsuite gives in binary form: valid and invalid ones must decode and
 * round-trip through the encoder; malformed ones must fail with the expected message (compared by
 * prefix, as the reference interpreter's runner does), unless the malformation is inside a
 * function body, whose instructions the validator decodes: then the body must fail to decode.
 */
class TestsuiteBinaryTest {
    static Path testsuite() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("wasmj.testsuite");
        if (property != null) candidates.add(Path.of(property));
        candidates.add(Path.of("../shared/testsuite"));
        candidates.add(Path.of("../../shared/testsuite"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) return p;
        }
        return fail("spec testsuite not found (system property wasmj.testsuite)");
    }

    /**
     * Modules whose function body is shorter than its instructions: the reference interpreter
     * reads the instructions past the declared size and fails inside them; the decoder keeps the
     * body as bytes of the declared size, so it fails at the next section id instead.
     */
    private static final Set<String> BODY_SIZE_TOO_SMALL = Set.of(
            "binary-leb128.wast:404", "binary-leb128.wast:461", "binary-leb128.wast:730",
            "binary-leb128.wast:749", "binary-leb128.wast:843", "binary-leb128.wast:862");

    /** The features the file's place in the testsuite implies. */
    static Features featuresOf(Path relative) {
        return WastFeatures.forFile(testsuite().resolve(relative));
    }

    @TestFactory
    Stream<DynamicTest> binaryModulesOfTheTestsuite() throws IOException {
        Path root = testsuite();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".wast")).sorted().toList()) {
                Features features = featuresOf(root.relativize(file));
                for (WastBinaryModules.Case c : WastBinaryModules.read(file)) {
                    tests.add(DynamicTest.dynamicTest(c.toString(), () -> check(c, features)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(1000);
        return tests.stream();
    }

    private static void check(WastBinaryModules.Case c, Features features) {
        if (!c.command().equals("assert_malformed")) {
            WasmModule m = BinaryDecoder.decode(c.bytes(), features);
            byte[] encoded = BinaryEncoder.encode(m);
            assertThat(BinaryEncoder.encode(BinaryDecoder.decode(encoded, features))).isEqualTo(encoded);
            return;
        }
        WasmModule m;
        try {
            m = BinaryDecoder.decode(c.bytes(), features);
        } catch (MalformedException e) {
            if (BODY_SIZE_TOO_SMALL.contains(c.file().getFileName() + ":" + c.line())) {
                assertThat(e.reason()).isEqualTo("malformed section id");
            } else {
                assertThat(e.reason()).startsWith(c.message());
            }
            return;
        }
        if (c.message().equals("data count section required")) {
            assertThat(m.dataCount()).isEqualTo(-1); // the validator finds memory.init / data.drop
            return;
        }
        // the malformation must be in a function body: decoding its instructions fails
        boolean bodyFails = false;
        for (FunctionBody body : m.codes()) {
            CodeReader code = new CodeReader(body.code());
            try {
                bodyFails |= code.skipToEnd() != body.code().end();
            } catch (MalformedException e) {
                bodyFails = true;
            }
        }
        assertThat(bodyFails).as("decoded without error, and every function body decodes").isTrue();
    }

    @org.junit.jupiter.api.Test
    void disabledCustomPageSizesMakeFlag8Malformed() {
        byte[] b = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 8, 0};
        assertThatThrownBy(() -> BinaryDecoder.decode(b, Features.WASM_3_0)).isInstanceOf(MalformedException.class)
                .hasMessageContaining("malformed limits flags: custom page size requires feature 'custom-page-sizes'");
    }
}
