package dev.wasmj.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmj.cli.wast.WastReport.Finding;
import dev.wasmj.format.text.WastFeatures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every .wast file of the spec testsuite through the {@link WastRunner}, one test per file:
 * a failing command fails its file's test with {@code file:line: reason}. The commands listed in
 * {@code outdated-expectations.txt} must fail, and only they may.
 */
class TestsuiteTest {
    private static final String OUTDATED = "outdated-expectations.txt";

    @TestFactory
    Stream<DynamicTest> everyScriptOfTheTestsuite() throws IOException {
        Path root = Testsuite.root();
        Map<String, Set<Integer>> outdated = outdatedExpectations();
        WastRunner runner = new WastRunner(new SkippingExecutor());
        return Testsuite.scripts().stream().map(file -> {
            String name = root.relativize(file).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                WastReport report = runner.run(file, name, WastFeatures.forFile(file));
                Set<Integer> expectedToFail = outdated.getOrDefault(name, Set.of());
                List<String> unexpected = new ArrayList<>();
                Set<Integer> failedLines = new TreeSet<>();
                for (Finding failure : report.failures()) {
                    failedLines.add(failure.line());
                    if (!expectedToFail.contains(failure.line())) {
                        unexpected.add("testsuite/" + failure);
                    }
                }
                if (!unexpected.isEmpty()) {
                    // the first failure first: it is the line a test report shows
                    fail(String.join("\n", unexpected) + "\n(" + unexpected.size() + " of "
                            + (report.passed() + report.failed() + report.skipped()) + " commands failed)");
                }
                assertThat(expectedToFail)
                        .as("commands of %s listed in %s that now pass: remove them from the list", name, OUTDATED)
                        .isSubsetOf(failedLines);
                assertThat(report.passed() + report.skipped()).as("commands run in " + name).isPositive();
            });
        });
    }

    @Test
    void theTestsuiteIsThere() throws IOException {
        assertThat(Testsuite.scripts()).hasSizeGreaterThan(250);
        assertThat(Testsuite.root().resolve("proposals/custom-descriptors/descriptors.wast")).isRegularFile();
    }

    @Test
    void everyOutdatedExpectationNamesAScriptOfTheTestsuite() throws IOException {
        for (String file : outdatedExpectations().keySet()) {
            assertThat(Testsuite.root().resolve(file)).isRegularFile();
        }
    }

    /** The lines of {@code outdated-expectations.txt}, by file. */
    static Map<String, Set<Integer>> outdatedExpectations() throws IOException {
        Map<String, Set<Integer>> byFile = new TreeMap<>();
        try (InputStream in = TestsuiteTest.class.getResourceAsStream(OUTDATED)) {
            assertThat(in).as(OUTDATED).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String where = line.split("\\s+", 2)[0];
                int colon = where.lastIndexOf(':');
                byFile.computeIfAbsent(where.substring(0, colon), f -> new TreeSet<>())
                        .add(Integer.parseInt(where.substring(colon + 1)));
            }
        }
        return byFile;
    }
}
