package dev.wasmj.wasi.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Everything the WASI functions of one context work on: the descriptor table, the arguments
 * and environment (encoded once), the standard output sinks, and the selector sockets wait on.
 * Used by one thread at a time (the store's).
 */
public final class WasiState implements DescriptorContext {
    private final DescriptorTable table;
    private final List<byte[]> args;
    private final List<byte[]> env;
    private final List<OutputSink> sinks;
    private final GuestMemory.Cache memoryCache = new GuestMemory.Cache();
    private Selector selector;
    private SecureRandom random;
    private boolean closed;

    /**
     * @param args  the arguments, UTF-8
     * @param env   the environment as {@code NAME=VALUE}, UTF-8
     * @param sinks stdout and stderr, flushed by {@link #flush()}
     */
    public WasiState(DescriptorTable table, List<byte[]> args, List<byte[]> env, List<OutputSink> sinks) {
        this.table = table;
        this.args = List.copyOf(args);
        this.env = List.copyOf(env);
        this.sinks = List.copyOf(sinks);
    }

    /** UTF-8 bytes of {@code s}. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the calling instance's memory export is remembered. */
    public GuestMemory.Cache memoryCache() {
        return memoryCache;
    }

    public DescriptorTable table() {
        return table;
    }

    public List<byte[]> args() {
        return args;
    }

    public List<byte[]> env() {
        return env;
    }

    /** The context's random generator (made on first use). */
    public SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    /** The selector sockets wait on (made on first use). */
    public Selector selector() throws ErrnoException {
        if (selector == null) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw IoErrors.errno(e);
            }
        }
        return selector;
    }

    /** Flushes stdout and stderr. */
    public void flush() throws IOException {
        IOException first = null;
        for (OutputSink sink : sinks) {
            try {
                sink.flush();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void beforeBlocking() {
        try {
            flush();
        } catch (IOException ignored) {
            // the next write to the stream reports its failure to the guest
        }
    }

    @Override
    public void await(SelectableChannel channel, int ops) throws ErrnoException {
        try {
            Selector s = selector();
            SelectionKey key = channel.keyFor(s);
            if (key == null) {
                key = channel.register(s, ops);
            } else {
                key.interestOps(ops);
            }
            try {
                s.select();
            } finally {
                if (key.isValid()) {
                    key.interestOps(0);
                }
                s.selectedKeys().clear();
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ErrnoException(Errno.INTR);
            }
        } catch (IOException e) {
            throw IoErrors.errno(e);
        } catch (ClosedSelectorException e) {
            throw new ErrnoException(Errno.BADF);
        }
    }

    /** Flushes, then closes every descriptor and the selector. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            flush();
        } catch (IOException e) {
            failure = e;
        }
        table.closeAll();
        for (OutputSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing registered is left open
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}
