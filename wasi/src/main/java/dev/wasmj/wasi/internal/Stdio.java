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
 * {@link WasiConfig.Output}. The process's streams and those of a terminal-like sink (inherit,
 * discard) are character devices; files and host streams are of unknown type, as Wasmtime
 * reports a non-terminal. Streams wasmj opens (files) are closed with the context; the process's
 * and the host's are only flushed.
 */
public final class Stdio {
    private Stdio() {}

    public static InputDescriptor input(WasiConfig.Input input) throws IOException {
        return switch (input) {
            case WasiConfig.Input.Inherit() -> new InputDescriptor(new InputSource(System.in, false, false), FileType.CHARACTER_DEVICE);
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

    public static OutputDescriptor output(OutputSink sink, WasiConfig.Output output) {
        FileType type = output instanceof WasiConfig.Output.Inherit || output instanceof WasiConfig.Output.Discard
                ? FileType.CHARACTER_DEVICE : FileType.UNKNOWN;
        return new OutputDescriptor(sink, type);
    }
}
