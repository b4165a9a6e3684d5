package dev.wasmj.format.fuzz;

import dev.wasmj.format.Features;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.WastParser;
import dev.wasmj.format.text.WastScript;
import dev.wasmj.format.text.WatParser;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated text modules and whole .wast scripts of the testsuite: a text module is loaded as the
 * runtime loads it (parse, encode, decode, validate, all features), a script is parsed and then
 * each of its modules loaded. Text errors must name a line and column inside the text. Each
 * campaign gets half of {@code -Dwasmj.fuzz.seconds} (default 20).
 */
class TextFuzzTest {
    static final Duration BUDGET = BinaryFuzzTest.BUDGET.dividedBy(2);

    /** Loads one text module; a text error without a position in the text is a finding. */
    static void load(String text) {
        WasmModule parsed;
        try {
            parsed = WatParser.parseModule(text);
        } catch (WasmFormatException e) {
            String problem = TextFuzzTest.positionCheck(text, e);
            if (problem != null) {
                throw new AssertionError(problem + ": " + e, e);
            }
            throw e;
        }
        byte[] bytes = BinaryEncoder.encode(parsed);
        Validator.validate(BinaryDecoder.decode(bytes, Features.ALL), Features.ALL, new TypeRegistry());
    }

    /** Null when a text error names a line and column inside {@code text} (its end included). */
    static String positionCheck(String text, WasmFormatException e) {
        if (e.line() < 1 || e.column() < 1) {
            return "text error without line:column";
        }
        int lines = 1; // a newline is LF, CR or CR LF
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) lines++;
        }
        return e.line() <= lines ? null : "line " + e.line() + " beyond the text's " + lines + " lines";
    }

    /** Parses a script, then loads each of its modules (one module's error does not stop the others). */
    static void loadScript(String text) {
        WastScript script;
        try {
            script = WastParser.parse(text);
        } catch (WasmFormatException e) {
            String problem = positionCheck(text, e);
            if (problem != null) {
                throw new AssertionError(problem + ": " + e, e);
            }
            throw e;
        }
        for (ScriptModule m : FuzzCorpus.modules(script.commands(), new ArrayList<>())) {
            try {
                WasmModule module = m.module(Features.ALL);
                Validator.validate(module, Features.ALL, new TypeRegistry());
            } catch (WasmFormatException e) {
                // this module is rejected; the script goes on
            }
        }
    }

    static FuzzHarness<String> harness(String name, java.util.function.Consumer<String> target) {
        return new FuzzHarness<>(name, target, s -> s.getBytes(StandardCharsets.UTF_8), (s, e) -> null,
                BinaryFuzzTest.PER_INPUT);
    }

    @Test
    void mutatedTextModules() {
        long start = System.nanoTime(); // reading and running the seeds count against the budget
        List<String> corpus = FuzzCorpus.seeds().textModules();
        assertThat(corpus).hasSizeGreaterThan(1000);
        List<String> valid = new ArrayList<>();
        try (FuzzHarness<String> h = harness("wat", TextFuzzTest::load)) {
            for (String seed : corpus) {
                long before = h.accepted;
                h.run(seed, "wat corpus module");
                if (h.accepted > before) {
                    valid.add(seed);
                }
            }
            FuzzHarness.Stats stats = h.campaign(BUDGET.minusNanos(System.nanoTime() - start), BinaryFuzzTest.ITERATIONS, (m, i) -> {
                List<String> from = m.nextInt(4) == 0 ? corpus : valid;
                String input = from.get(m.nextInt(from.size()));
                String other = corpus.get(m.nextInt(corpus.size()));
                int n = 1 + m.nextInt(2);
                for (int k = 0; k < n; k++) {
                    input = m.mutateText(input, other);
                }
                return input;
            });
            System.out.println("TextFuzzTest modules: " + corpus.size() + " seeds (" + valid.size() + " valid), " + stats);
            assertThat(stats.findings()).isEmpty();
            assertThat(stats.accepted()).isPositive();
            assertThat(stats.invalid()).isPositive();
        }
    }

    @Test
    void mutatedScripts() {
        List<String> scripts = FuzzCorpus.seeds().scripts();
        assertThat(scripts).hasSizeGreaterThan(100);
        try (FuzzHarness<String> h = harness("wast", TextFuzzTest::loadScript)) {
            FuzzHarness.Stats stats = h.campaign(BUDGET, BinaryFuzzTest.ITERATIONS, (m, i) -> {
                String input = scripts.get(m.nextInt(scripts.size()));
                String other = scripts.get(m.nextInt(scripts.size()));
                int n = 1 + m.nextInt(4);
                for (int k = 0; k < n; k++) {
                    input = m.mutateText(input, other);
                }
                return input;
            });
            System.out.println("TextFuzzTest scripts: " + scripts.size() + " seeds, " + stats);
            assertThat(stats.findings()).isEmpty();
            assertThat(stats.accepted()).isPositive();
        }
    }
}
