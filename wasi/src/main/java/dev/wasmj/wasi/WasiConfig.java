package dev.wasmj.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a WASI guest is given (Wasmtime's {@code WasiCtxBuilder}): arguments, environment, standard
 * streams, preopened directories and listening sockets. Nothing is given unless configured: by
 * default a guest has no arguments, no environment, an empty stdin, discarded stdout and stderr
 * and no directories. {@link #build()} makes the {@link WasiCtx} a store uses.
 *
 * <pre>{@code
 * WasiCtx wasi = new WasiConfig()
 *         .args("prog", "input.txt")
 *         .env("LANG", "C")
 *         .inheritStdout()
 *         .preopenedDir(Path.of("data"), "/data", EnumSet.allOf(DirPerms.class), EnumSet.of(FilePerms.READ))
 *         .build();
 * }</pre>
 */
public final class WasiConfig {
    /** A preopened directory: host path (any file system), guest name, permissions. */
    public record Preopen(Path host, String guestPath, Set<DirPerms> dirPerms, Set<FilePerms> filePerms) {
        public Preopen {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(guestPath, "guestPath");
            dirPerms = Set.copyOf(dirPerms);
            filePerms = Set.copyOf(filePerms);
        }
    }

    /** Where a standard input stream comes from. */
    public sealed interface Input {
        record Inherit() implements Input {}
        record Bytes(byte[] bytes) implements Input {}
        record File(Path path) implements Input {}
        record Stream(InputStream stream) implements Input {}
    }

    /** Where a standard output stream goes. */
    public sealed interface Output {
        record Discard() implements Output {}
        record Inherit() implements Output {}
        record File(Path path, boolean append) implements Output {}
        record Stream(OutputStream stream) implements Output {}
    }

    /** The default cap on open descriptors per context ({@link #maxOpenFiles(int)}). */
    public static final int DEFAULT_MAX_OPEN_FILES = 1024;

    final List<String> args = new ArrayList<>();
    final Map<String, String> env = new LinkedHashMap<>();
    Input stdin = new Input.Bytes(new byte[0]);
    Output stdout = new Output.Discard();
    Output stderr = new Output.Discard();
    final List<Preopen> preopens = new ArrayList<>();
    final List<ServerSocketChannel> listeners = new ArrayList<>();
    int maxOpenFiles = DEFAULT_MAX_OPEN_FILES;

    /** Sets the arguments, {@code argv[0]} (the program name) first. */
    public WasiConfig args(String... args) {
        return args(List.of(args));
    }

    /** Sets the arguments, {@code argv[0]} (the program name) first. */
    public WasiConfig args(List<String> args) {
        this.args.clear();
        this.args.addAll(args);
        return this;
    }

    /** Appends one argument. */
    public WasiConfig arg(String arg) {
        args.add(Objects.requireNonNull(arg, "arg"));
        return this;
    }

    /**
     * Uses this Java process's arguments as far as the JVM knows them: the value of the system
     * property {@code sun.java.command} split at spaces (main class or jar first).
     */
    public WasiConfig inheritArgs() {
        String command = System.getProperty("sun.java.command", "");
        return args(command.isBlank() ? List.of() : List.of(command.trim().split(" +")));
    }

    /** Sets one environment variable (replacing an earlier value of the same name). */
    public WasiConfig env(String name, String value) {
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sets environment variables from a map (in the map's order). */
    public WasiConfig env(Map<String, String> variables) {
        variables.forEach(this::env);
        return this;
    }

    /** Adds every variable of this process's environment. */
    public WasiConfig inheritEnv() {
        return env(System.getenv());
    }

    /** Reads stdin from this process's standard input. */
    public WasiConfig inheritStdin() {
        stdin = new Input.Inherit();
        return this;
    }

    /** Reads stdin from {@code bytes}. */
    public WasiConfig stdin(byte[] bytes) {
        stdin = new Input.Bytes(bytes.clone());
        return this;
    }

    /** Reads stdin from a file. */
    public WasiConfig stdin(Path file) {
        stdin = new Input.File(file);
        return this;
    }

    /** Reads stdin from {@code stream} (not closed by wasmj). */
    public WasiConfig stdin(InputStream stream) {
        stdin = new Input.Stream(Objects.requireNonNull(stream, "stream"));
        return this;
    }

    /** Writes stdout to this process's standard output. */
    public WasiConfig inheritStdout() {
        stdout = new Output.Inherit();
        return this;
    }

    /** Writes stdout to a file, created or truncated. */
    public WasiConfig stdout(Path file) {
        stdout = new Output.File(file, false);
        return this;
    }

    /** Writes stdout to {@code stream} (flushed, not closed, by wasmj). */
    public WasiConfig stdout(OutputStream stream) {
        stdout = new Output.Stream(Objects.requireNonNull(stream, "stream"));
        return this;
    }

    /** Writes stderr to this process's standard error. */
    public WasiConfig inheritStderr() {
        stderr = new Output.Inherit();
        return this;
    }

    /** Writes stderr to a file, created or truncated. */
    public WasiConfig stderr(Path file) {
        stderr = new Output.File(file, false);
        return this;
    }

    /** Writes stderr to {@code stream} (flushed, not closed, by wasmj). */
    public WasiConfig stderr(OutputStream stream) {
        stderr = new Output.Stream(Objects.requireNonNull(stream, "stream"));
        return this;
    }

    /** Inherits stdin, stdout and stderr. */
    public WasiConfig inheritStdio() {
        return inheritStdin().inheritStdout().inheritStderr();
    }

    /**
     * Gives the guest the directory {@code host} (of any {@link java.nio.file.FileSystem}: the
     * default one, Jimfs, a zip file system) under the name {@code guestPath}, with the given
     * permissions. The guest can reach nothing outside it: not through {@code ..}, absolute paths
     * or symbolic links.
     */
    public WasiConfig preopenedDir(Path host, String guestPath, Set<DirPerms> dirPerms, Set<FilePerms> filePerms) {
        preopens.add(new Preopen(host, guestPath, dirPerms, filePerms));
        return this;
    }

    /** Gives the guest {@code host} as {@code guestPath} with every permission. */
    public WasiConfig preopenedDir(Path host, String guestPath) {
        return preopenedDir(host, guestPath, EnumSet.allOf(DirPerms.class), EnumSet.allOf(FilePerms.class));
    }

    /**
     * Hands the guest a bound, listening TCP socket as a descriptor after the preopens, for
     * {@code sock_accept} (like {@code wasmtime run --tcplisten}). Closed with the context.
     */
    public WasiConfig tcpListener(ServerSocketChannel listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * The most descriptors the guest may have open at once, stdio and preopens included; opening
     * more fails with {@code EMFILE}. Default {@value #DEFAULT_MAX_OPEN_FILES}.
     */
    public WasiConfig maxOpenFiles(int max) {
        if (max < 3) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 3: " + max);
        }
        maxOpenFiles = max;
        return this;
    }

    /**
     * Makes the context: opens the preopened directories and the stdio files.
     *
     * @throws java.io.UncheckedIOException if a preopened directory or a stdio file cannot be opened
     */
    public WasiCtx build() {
        return new WasiCtx(this);
    }
}
