package dev.wasmj.format.fuzz;

import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.Testsuite;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seeds of the fuzz tests, in a fixed order: the spec testsuite's scripts and their modules
 * (binary ones as they are, text ones as text and encoded), the modules Binaryen made
 * (resources fuzz/binaryen/), and any {@code .wasm} files under the directory named by
 * {@code -Dwasmj.fuzz.corpus} (for long local campaigns).
 */
final class FuzzCorpus {
    /** The scripts' text, the binary modules and text modules found in them. */
    record Seeds(List<String> scripts, List<byte[]> binaryModules, List<String> textModules) {}

    private static Seeds seeds;

    private FuzzCorpus() {}

    static synchronized Seeds seeds() {
        if (seeds == null) {
            List<String> scripts = new ArrayList<>();
            List<byte[]> binary = new ArrayList<>();
            List<String> text = new ArrayList<>();
            for (Path file : Testsuite.wastFiles()) {
                String script = Testsuite.read(file);
                scripts.add(script);
                for (ScriptModule m : modules(WastParser.parse(script).commands(), new ArrayList<>())) {
                    add(m, binary, text);
                }
            }
            binary.addAll(modulesUnder(resources("binaryen")));
            String extra = System.getProperty("wasmj.fuzz.corpus");
            if (extra != null && !extra.isBlank()) {
                binary.addAll(modulesUnder(Path.of(extra)));
            }
            seeds = new Seeds(List.copyOf(scripts), List.copyOf(binary), List.copyOf(text));
        }
        return seeds;
    }

    /** A module's binary form (text ones encoded, when they parse) and its text, if it has one. */
    private static void add(ScriptModule m, List<byte[]> binary, List<String> text) {
        if (m.form() == ScriptModule.Form.BINARY) {
            binary.add(m.bytes());
            return;
        }
        try {
            text.add(m.text());
            binary.add(m.binary());
        } catch (WasmFormatException e) {
            // malformed text: a seed for the text fuzzer only
        }
    }

    static List<ScriptModule> modules(List<WastCommand> commands, List<ScriptModule> into) {
        for (WastCommand c : commands) {
            switch (c) {
                case WastCommand.Module m -> into.add(m.module());
                case WastCommand.AssertMalformed a -> into.add(a.module());
                case WastCommand.AssertInvalid a -> into.add(a.module());
                case WastCommand.AssertUnlinkable a -> into.add(a.module());
                case WastCommand.AssertUninstantiable a -> into.add(a.module());
                case WastCommand.AssertMalformedCustom a -> into.add(a.module());
                case WastCommand.AssertInvalidCustom a -> into.add(a.module());
                case WastCommand.AssertTrap a when a.module() != null -> into.add(a.module());
                case WastCommand.Thread t -> modules(t.commands(), into);
                default -> { }
            }
        }
        return into;
    }

    /** A directory of the test resources under {@code fuzz/}. */
    static Path resources(String directory) {
        try {
            return Path.of(FuzzCorpus.class.getResource("/fuzz/" + directory).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The .wasm files under {@code dir}, sorted. */
    static List<byte[]> modulesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<byte[]> modules = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
                modules.add(Files.readAllBytes(f));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
