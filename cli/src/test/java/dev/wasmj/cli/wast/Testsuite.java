package dev.wasmj.cli.wast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WebAssembly spec testsuite: the directory named by the system property
 * {@code wasmj.testsuite} (set by the build), else the first {@code shared/testsuite} found beside
 * the working directory or one of its parents.
 */
public final class Testsuite {
    private Testsuite() {}

    public static Path root() {
        String property = System.getProperty("wasmj.testsuite");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testsuite");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the spec testsuite is not at " + property
                + " nor in a shared/testsuite beside the working directory or its parents;"
                + " set -Dwasmj.testsuite=DIR");
    }

    /** Every .wast file of the testsuite, sorted. */
    public static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
    }
}
