package dev.wasmj.wasi.programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The C test programs: their built modules (test resources {@code programs/NAME.wasm}, built by
 * {@code scripts/build-wasi-programs.sh} from {@code src/test/c/NAME.c}) and the expectations
 * next to their sources ({@code src/test/c/NAME.out} for stdout, {@code NAME.err} for stderr).
 */
final class TestPrograms {
    /** Every program, as in src/test/c. */
    static final List<String> NAMES = List.of(
            "badptr", "cat", "clocks", "dirs", "exit", "fds", "files", "hello", "poll", "raise",
            "random", "sandbox", "sockets", "trap");

    /** The sources and expectations, relative to the wasi module (Maven's working directory). */
    static final Path SOURCES = Path.of("src/test/c");

    private TestPrograms() {}

    /** The module's bytes. */
    static byte[] wasm(String name) {
        try (InputStream in = TestPrograms.class.getResourceAsStream("/programs/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("no test resource programs/" + name + ".wasm: run scripts/build-wasi-programs.sh");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expected stdout. */
    static String expectedStdout(String name) {
        return read(name + ".out");
    }

    /** The expected stderr (empty when there is no NAME.err). */
    static String expectedStderr(String name) {
        return Files.exists(SOURCES.resolve(name + ".err")) ? read(name + ".err") : "";
    }

    /** A file next to the sources, as bytes. */
    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(SOURCES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }
}
