package dev.wasmj.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every .wast file of the spec testsuite through the {@link WastRunner}, one test per file:
 * a failing command fails its file's test with {@code file:line: reason}.
 */
class TestsuiteTest {

    @TestFactory
    Stream<DynamicTest> everyScriptOfTheTestsuite() throws IOException {
        Path root = Testsuite.root();
        WastRunner runner = new WastRunner(new SkippingExecutor());
        return Testsuite.scripts().stream().map(file -> {
            String name = root.relativize(file).toString();
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                WastReport report = runner.run(file, "testsuite/" + name, WastFeatures.forFile(file));
                if (report.failed() > 0) {
                    // the first failure first: it is the line a test report shows
                    fail(String.join("\n", report.failures()) + "\n(" + report.failed() + " of "
                            + (report.passed() + report.failed() + report.skipped()) + " commands failed)");
                }
                assertThat(report.passed() + report.skipped()).as("commands run in " + name).isPositive();
            });
        });
    }

    @Test
    void theTestsuiteIsThere() throws IOException {
        assertThat(Testsuite.scripts()).hasSizeGreaterThan(250);
        assertThat(Testsuite.root().resolve("proposals/custom-descriptors/descriptors.wast")).isRegularFile();
    }
}
