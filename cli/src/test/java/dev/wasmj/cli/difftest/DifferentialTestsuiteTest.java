package dev.wasmj.cli.difftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmj.cli.wast.Testsuite;
import dev.wasmj.cli.wast.WastReport;
import dev.wasmj.cli.wast.WastRunner;
import dev.wasmj.format.text.WastFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every .wast script of the spec testsuite on the {@link Engines#REFERENCE reference engine}
 * and the {@link Engines#UNDER_TEST engine under test} side by side, one test per script: every
 * module, instantiation, invoke and get, and the exported state after each, must be the same on
 * both ({@link DifferentialExecutor}).
 */
class DifferentialTestsuiteTest {
    private static final DifferentialExecutor.Run RUN = new DifferentialExecutor.Run();

    @TestFactory
    Stream<DynamicTest> everyScriptAgreesOnBothEngines() throws IOException {
        Path root = Testsuite.root();
        WastRunner runner = new WastRunner(DifferentialExecutor.factory(
                Engines.REFERENCE, Engines.UNDER_TEST, DifferentialExecutor.TIMEOUT_MILLIS, RUN));
        return Testsuite.scripts().stream().map(file -> {
            String name = root.relativize(file).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                WastReport report = runner.run(file, name, WastFeatures.forFile(file));
                List<String> failures = report.failures().stream().map(f -> "testsuite/" + f).toList();
                if (!failures.isEmpty()) {
                    fail(String.join("\n", failures) + "\n(" + failures.size() + " of "
                            + (report.passed() + report.failed() + report.skipped()) + " commands differ)");
                }
                assertThat(report.skipped()).as("commands skipped in " + name).isZero();
            });
        });
    }

    @AfterAll
    static void counts() {
        System.out.printf("difftest: %d testsuite commands compared, %d compiler fallbacks%n", RUN.commands(), RUN.fallbacks());
    }
}
