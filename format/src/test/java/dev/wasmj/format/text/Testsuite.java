package dev.wasmj.format.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the spec testsuite: the {@code wasmj.testsuite} property, or {@code shared/testsuite} above the working directory. */
public final class Testsuite {
    private Testsuite() {}

    public static Path root() {
        String prop = System.getProperty("wasmj.testsuite");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/testsuite");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("spec testsuite not found (set -Dwasmj.testsuite)");
    }

    /** Every .wast file of the testsuite (root, legacy/, custom/, proposals/), sorted. */
    public static List<Path> wastFiles() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
