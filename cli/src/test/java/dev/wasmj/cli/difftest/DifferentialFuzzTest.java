package dev.wasmj.cli.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.format.Features;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the random valid modules of Binaryen's translate-to-fuzz ({@code scripts/difftest-corpus.sh},
 * which the build runs: the directory in the system property {@code wasmj.difftest.corpus}) on the
 * {@link Engines#REFERENCE reference engine} and the {@link Engines#UNDER_TEST engine under test}:
 * each module's instantiation, every export called with every argument set, and the exported state
 * after each step must agree ({@link FuzzComparison}).
 */
class DifferentialFuzzTest {
    /** Far beyond what a call of these modules takes (their loops and calls are bounded by a hang limit). */
    private static final long TIMEOUT_MILLIS = Long.getLong("wasmj.difftest.timeout", 10_000);
    /** How many modules may leave a call running past its time (both engines alike) before the rest are not run. */
    private static final int MAX_STUCK = 3;

    @Test
    void randomModulesAgreeOnBothEngines() {
        List<Path> modules = corpus();
        FuzzComparison comparison = new FuzzComparison(Engines.REFERENCE, Engines.UNDER_TEST, Features.ALL, TIMEOUT_MILLIS);
        List<String> differences = new ArrayList<>();
        int instantiated = 0;
        int calls = 0;
        int stuck = 0;
        long fallbacks = 0;
        for (Path module : modules) {
            if (stuck == MAX_STUCK) {
                differences.add("not run: " + MAX_STUCK + " modules ran out of time before");
                break;
            }
            FuzzComparison.Result result = comparison.run(module.getFileName().toString(), read(module));
            stuck += result.stuck() ? 1 : 0;
            fallbacks += result.fallbacks();
            if (result.difference() != null) {
                differences.add(result.module() + ": " + result.difference());
            }
            if (result.instantiated()) {
                instantiated++;
            } else {
                String outcome = result.instantiation();
                System.out.println("difftest: " + result.module() + " not instantiated: "
                        + (outcome.length() > 160 ? outcome.substring(0, 160) + "..." : outcome));
            }
            calls += result.calls();
        }
        System.out.printf("difftest: %d modules, %d instantiated, %d calls, %d differ, %d compiler fallbacks%n",
                modules.size(), instantiated, calls, differences.size(), fallbacks);
        assertThat(differences).as("modules on which " + Engines.REFERENCE + " and " + Engines.UNDER_TEST + " differ").isEmpty();
        // most modules run: a host that cannot satisfy them would make this test say little
        if (System.getProperty("wasmj.difftest.only") == null) {
            assertThat(instantiated).as("modules instantiated").isGreaterThanOrEqualTo(modules.size() * 3 / 4);
            assertThat(calls).as("calls").isGreaterThanOrEqualTo(modules.size() * 10);
        }
    }

    /** The corpus' modules; fails (never skips) when the build did not make it. */
    private static List<Path> corpus() {
        String property = System.getProperty("wasmj.difftest.corpus");
        assertThat(property).as("system property wasmj.difftest.corpus (set by the build)").isNotNull();
        Path dir = Path.of(property);
        assertThat(dir.resolve("complete")).as("the corpus made by scripts/difftest-corpus.sh").isRegularFile();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> modules = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
            assertThat(modules).as("modules in " + dir).hasSizeGreaterThanOrEqualTo(100);
            String only = System.getProperty("wasmj.difftest.only");
            return only == null ? modules : modules.stream().filter(p -> p.getFileName().toString().contains(only)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
