package dev.wasmj.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether one of this process's standard streams is a terminal (POSIX {@code isatty}): where
 * {@code /proc/self/fd} exists (Linux), by the device the descriptor links to; elsewhere, by
 * whether the JVM has a console.
 */
final class Terminal {
    private Terminal() {}

    /** Whether this process's descriptor {@code fd} (0, 1 or 2) is a terminal. */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
