package dev.wasmj.cli.run;

import dev.wasmj.wasi.WasiConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Where a guest that {@code wasmj run} runs gets its standard streams: the process's own (the
 * command line), or given streams (tests running the command in-process).
 */
public sealed interface GuestStdio {
    /** Gives the guest these streams in {@code config}. */
    void applyTo(WasiConfig config);

    /** The process's stdin, stdout and stderr, as WASI inherits them. */
    static GuestStdio inherit() {
        return new Inherited();
    }

    /** The given streams (read, written and flushed by the guest; never closed). */
    static GuestStdio of(InputStream in, OutputStream out, OutputStream err) {
        return new Streams(in, out, err);
    }

    /** The process's streams. */
    record Inherited() implements GuestStdio {
        @Override
        public void applyTo(WasiConfig config) {
            config.inheritStdio();
        }
    }

    /** Given streams. */
    record Streams(InputStream in, OutputStream out, OutputStream err) implements GuestStdio {
        public Streams {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(err, "err");
        }

        @Override
        public void applyTo(WasiConfig config) {
            config.stdin(in).stdout(out).stderr(err);
        }
    }
}
