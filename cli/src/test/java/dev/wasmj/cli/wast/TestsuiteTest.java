package dev.wasmj.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmj.Strategy;
import dev.wasmj.format.text.WastFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every .wast file of the spec testsuite through the {@link WastRunner} on the interpreter,
 * one test per file: a failing command fails its file's test with {@code file:line: reason}, and
 * no command may be skipped.
 */
class TestsuiteTest {

    @TestFactory
    Stream<DynamicTest> everyScriptOfTheTestsuite() throws IOException {
        Path root = Testsuite.root();
        WastRunner runner = new WastRunner(ApiExecutor.factory(Strategy.INTERPRETER));
        return Testsuite.scripts().stream().map(file -> {
            String name = root.relativize(file).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                WastReport report = runner.run(file, name, WastFeatures.forFile(file));
                List<String> failures = report.failures().stream().map(f -> "testsuite/" + f).toList();
                if (!failures.isEmpty()) {
                    // the first failure first: it is the line a test report shows
                    fail(String.join("\n", failures) + "\n(" + failures.size() + " of "
                            + (report.passed() + report.failed() + report.skipped()) + " commands failed)");
                }
                assertThat(report.skipped()).as("commands skipped in " + name).isZero();
                assertThat(report.passed()).as("commands run in " + name).isPositive();
            });
        });
    }

    @Test
    void theTestsuiteIsThere() throws IOException {
        assertThat(Testsuite.scripts()).hasSizeGreaterThan(250);
        assertThat(Testsuite.root().resolve("proposals/custom-descriptors/descriptors.wast")).isRegularFile();
    }
}
