package dev.wasmj.wasi;

import dev.wasmj.wasi.internal.DescriptorTable;
import dev.wasmj.wasi.internal.DirDescriptor;
import dev.wasmj.wasi.internal.ErrnoException;
import dev.wasmj.wasi.internal.ListenerDescriptor;
import dev.wasmj.wasi.internal.OutputSink;
import dev.wasmj.wasi.internal.Rights;
import dev.wasmj.wasi.internal.Stdio;
import dev.wasmj.wasi.internal.WasiState;
import dev.wasmj.wasi.internal.fs.SandboxDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one WASI guest (Wasmtime's {@code WasiCtx}): its descriptor table (stdio,
 * preopened directories, open files, sockets), arguments and environment. Made by
 * {@link WasiConfig#build()}; used by the functions {@link WasiPreview1#addToLinker} defines. One
 * per store, used by one thread at a time (the store's), except that {@link #flush()} may be
 * called from another thread while the guest runs. {@link #close()} flushes stdout and stderr and
 * closes every descriptor.
 *
 * <p>Descriptors: 0, 1 and 2 are stdin, stdout and stderr; 3, 4, ... the preopened directories
 * in the order they were configured, then the TCP listeners.
 */
public final class WasiCtx implements AutoCloseable {
    private final WasiState state;

    WasiCtx(WasiConfig config) {
        int given = 3 + config.preopens.size() + config.listeners.size();
        if (given > config.maxOpenFiles) {
            throw new IllegalArgumentException("maxOpenFiles " + config.maxOpenFiles + " is less than the "
                    + given + " descriptors given to the guest (stdio, preopens, listeners)");
        }
        DescriptorTable table = new DescriptorTable(config.maxOpenFiles);
        List<OutputSink> sinks = new ArrayList<>();
        try {
            OutputSink.Group group = new OutputSink.Group();
            table.add(Stdio.input(config.stdin));
            OutputSink stdout = Stdio.sink(config.stdout, group, false);
            sinks.add(stdout);
            table.add(Stdio.output(stdout, config.stdout, 1));
            OutputSink stderr = Stdio.sink(config.stderr, group, true);
            sinks.add(stderr);
            table.add(Stdio.output(stderr, config.stderr, 2));
            for (WasiConfig.Preopen p : config.preopens) {
                SandboxDir dir = SandboxDir.open(p.host(), p.dirPerms(), p.filePerms());
                table.add(new DirDescriptor(dir, p.guestPath(), Rights.DIRECTORY, Rights.DIRECTORY_INHERITING));
            }
            for (ServerSocketChannel listener : config.listeners) {
                table.add(new ListenerDescriptor(listener));
            }
        } catch (IOException e) {
            closeQuietly(table, sinks);
            throw new UncheckedIOException(e);
        } catch (ErrnoException e) {
            closeQuietly(table, sinks);
            throw new IllegalStateException(e);
        }
        this.state = new WasiState(table, config.args.stream().map(WasiState::utf8).toList(),
                config.env.entrySet().stream().map(e -> WasiState.utf8(e.getKey() + "=" + e.getValue())).toList(),
                sinks);
    }

    private static void closeQuietly(DescriptorTable table, List<OutputSink> sinks) {
        table.closeAll();
        for (OutputSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    WasiState state() {
        return state;
    }

    /**
     * Flushes buffered stdout and stderr.
     *
     * @throws UncheckedIOException if writing to a stream fails
     */
    public void flush() {
        try {
            state.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flushes stdout and stderr and closes every descriptor: files and directories wasmj opened,
     * sockets, listeners, stdio files; the process's streams and streams the host gave are
     * flushed, not closed. Idempotent.
     *
     * @throws UncheckedIOException if flushing a stream fails (everything is closed regardless)
     */
    @Override
    public void close() {
        state.close();
    }
}
