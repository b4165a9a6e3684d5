package dev.wasmj.bench;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What one run of a {@link Command} gets: its arguments ({@code argv[0]} first), the host directory
 * {@code dir} preopened as {@code guestDir}, and where its standard output and error go (no
 * standard input, no environment).
 */
public record Invocation(List<String> args, Path dir, String guestDir, OutputStream stdout, OutputStream stderr) {
}
