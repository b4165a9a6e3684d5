package dev.wasmj.format.fuzz;

import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastParser;
import dev.wasmj.format.text.WatParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged text modules and scripts: the text parser (and the encoder, on what it accepts) must
 * either succeed or throw a WasmFormatException, quickly, on a 1 MiB stack.
 */
class TextFuzzTest {
    private static final int MODULE_MUTATIONS = 20_000;
    private static final int SCRIPT_MUTATIONS = 300;

    @Test
    void mutatedModulesFailOnlyWithFormatExceptions() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (Path file : wastFiles()) {
            for (WastCommand cmd : WastParser.parse(Files.readString(file)).commands()) {
                if (cmd instanceof WastCommand.Module m && m.module().form() != ScriptModule.Form.BINARY) {
                    try {
                        String text = m.module().text();
                        if (text.length() < 4000) {
                            seeds.add(text);
                        }
                    } catch (RuntimeException e) {
                        // a quoted module that is not UTF-8 is no seed
                    }
                }
            }
        }
        assertThat(seeds).hasSizeGreaterThan(1000);
        Mutator mutator = new Mutator(0x7E57);
        try (FuzzHarness<String> harness = new FuzzHarness<>(text -> BinaryEncoder.encode(WatParser.parseModule(text)),
                Duration.ofSeconds(10))) {
            for (int i = 0; i < MODULE_MUTATIONS; i++) {
                String seed = seeds.get(mutator.nextInt(seeds.size()));
                String other = seeds.get(mutator.nextInt(seeds.size()));
                harness.run(mutator.mutateText(seed, other));
            }
            System.out.printf("text fuzz: %d mutated modules, %d accepted, %d rejected%n", MODULE_MUTATIONS,
                    harness.accepted, harness.rejected);
            assertThat(harness.rejected).isGreaterThan(MODULE_MUTATIONS / 4);
        }
    }

    @Test
    void mutatedScriptsFailOnlyWithFormatExceptions() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (Path file : wastFiles()) {
            String s = Files.readString(file);
            if (s.length() < 20_000) {
                scripts.add(s);
            }
        }
        Mutator mutator = new Mutator(0x5C1);
        try (FuzzHarness<String> harness = new FuzzHarness<>(WastParser::parse, Duration.ofSeconds(10))) {
            for (int i = 0; i < SCRIPT_MUTATIONS; i++) {
                harness.run(mutator.mutateText(scripts.get(mutator.nextInt(scripts.size())),
                        scripts.get(mutator.nextInt(scripts.size()))));
            }
            assertThat(harness.accepted + harness.rejected).isEqualTo(SCRIPT_MUTATIONS);
        }
    }

    private static List<Path> wastFiles() throws IOException {
        Path root = null;
        String prop = System.getProperty("wasmj.testsuite");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            root = Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); root == null && p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/testsuite"))) {
                root = p.resolve("shared/testsuite");
            }
        }
        assertThat(root).as("spec testsuite").isNotNull();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
    }
}
