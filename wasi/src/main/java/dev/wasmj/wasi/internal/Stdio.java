package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.internal.fs.FileType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Makes the standard stream descriptors from {@link WasiConfig.Input} and
 * {@link WasiConfig.Output}. An inherited stream that is a terminal is a character device;
 * everything else (files, pipes, host streams, discarded output) is of unknown type, as Wasmtime
 * reports a non-terminal. This matters to wasi-libc, which line-buffers a character device's
 * output (one {@code fd_write} per line) and fully buffers the rest. Streams wasmj opens (files)
 * are closed with the context; the process's and the host's are only flushed.
 */
public final class Stdio {
    private Stdio() {}

    public static InputDescriptor input(WasiConfig.Input input) throws IOException {
        return switch (input) {
            case WasiConfig.Input.Inherit() -> new InputDescriptor(new InputSource(System.in, false, false), terminalType(0));
            case WasiConfig.Input.Bytes(byte[] bytes) ->
                    new InputDescriptor(new InputSource(new ByteArrayInputStream(bytes), true, true), FileType.UNKNOWN);
            case WasiConfig.Input.File(var path) ->
                    new InputDescriptor(new InputSource(Files.newInputStream(path), true, true), FileType.UNKNOWN);
            case WasiConfig.Input.Stream(var stream) -> new InputDescriptor(new InputSource(stream, false, false), FileType.UNKNOWN);
        };
    }

    /** The sink for an output; {@link #output(OutputSink, WasiConfig.Output)} makes its descriptor. */
    public static OutputSink sink(WasiConfig.Output output, OutputSink.Group group, boolean stderr) throws IOException {
        return switch (output) {
            case WasiConfig.Output.Discard() -> new OutputSink(OutputStream.nullOutputStream(), false, true, group);
            case WasiConfig.Output.Inherit() -> new OutputSink(stderr ? System.err : System.out, false, false, group);
            case WasiConfig.Output.File(var path, boolean append) -> new OutputSink(Files.newOutputStream(path,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING), true, false, group);
            case WasiConfig.Output.Stream(var stream) -> new OutputSink(stream, false, false, group);
        };
    }

    /** The descriptor of an output; {@code fd} is 1 or 2. */
    public static OutputDescriptor output(OutputSink sink, WasiConfig.Output output, int fd) {
        FileType type = output instanceof WasiConfig.Output.Inherit ? terminalType(fd) : FileType.UNKNOWN;
        return new OutputDescriptor(sink, type);
    }

    private static FileType terminalType(int fd) {
        return Terminal.isTerminal(fd) ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
    }
}
