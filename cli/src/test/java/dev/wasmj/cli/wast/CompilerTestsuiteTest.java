package dev.wasmj.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmj.Strategy;
import dev.wasmj.format.text.WastFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every .wast file of the spec testsuite on the compiler, one test per file, like
 * {@link TestsuiteTest} does on the interpreter: no command may fail or be skipped, and every
 * function must run compiled (no fallback to the interpreter).
 */
class CompilerTestsuiteTest {
    private static final AtomicLong FALLBACKS = new AtomicLong();

    @TestFactory
    Stream<DynamicTest> everyScriptOfTheTestsuiteOnTheCompiler() throws IOException {
        Path root = Testsuite.root();
        WastRunner runner = new WastRunner(ApiExecutor.factory(Strategy.COMPILER));
        return Testsuite.scripts().stream().map(file -> {
            String name = root.relativize(file).toString().replace('\\', '/');
            return DynamicTest.dynamicTest(name, file.toUri(), () -> {
                WastReport report = runner.run(file, name, WastFeatures.forFile(file));
                FALLBACKS.addAndGet(report.fallbacks());
                List<String> failures = report.failures().stream().map(f -> "testsuite/" + f).toList();
                if (!failures.isEmpty()) {
                    fail(String.join("\n", failures) + "\n(" + failures.size() + " of "
                            + (report.passed() + report.failed() + report.skipped()) + " commands failed)");
                }
                assertThat(report.skipped()).as("commands skipped in " + name).isZero();
                assertThat(report.passed()).as("commands run in " + name).isPositive();
                assertThat(report.fallbacks()).as("functions of " + name + " left to the interpreter").isZero();
            });
        });
    }

    @AfterAll
    static void reportFallbacks() {
        System.out.println("compiler testsuite: " + FALLBACKS.get() + " functions ran on the interpreter (fallbacks)");
    }
}
