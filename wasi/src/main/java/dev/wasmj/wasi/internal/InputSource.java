package dev.wasmj.wasi.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Standard input: an {@link InputStream} that can also say, without blocking, whether a read
 * would return at once ({@code poll_oneoff}, non-blocking reads). Sources that never block
 * (bytes, files) are always ready. For others (the process's stdin, a host stream), readiness is
 * {@link InputStream#available()} or, when that says nothing, a read-ahead on a daemon thread
 * whose bytes the next read returns first.
 */
public final class InputSource implements Closeable {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final boolean ownsStream;
    private final boolean neverBlocks;
    private byte[] pending = new byte[0];
    private int pendingPos;
    private boolean eof;
    private CompletableFuture<byte[]> readAhead;

    /**
     * @param neverBlocks whether reads of {@code in} never block (bytes in memory, a file)
     * @param ownsStream  whether {@link #close()} closes {@code in}
     */
    public InputSource(InputStream in, boolean neverBlocks, boolean ownsStream) {
        this.in = in;
        this.neverBlocks = neverBlocks;
        this.ownsStream = ownsStream;
    }

    /** Whether a read would not block: bytes are available or the end is reached. */
    public boolean ready() throws IOException {
        if (pendingPos < pending.length || eof || neverBlocks) {
            return true;
        }
        if (readAhead != null) {
            if (!readAhead.isDone()) {
                return false;
            }
            takeReadAhead();
            return true;
        }
        if (in.available() > 0) {
            return true;
        }
        startReadAhead();
        return false;
    }

    /**
     * Whether a read would report the end of the stream: the end has been seen and nothing is
     * left, or the source never blocks and has nothing available (for bytes and files,
     * {@link InputStream#available()} is exact).
     */
    public boolean atEnd() throws IOException {
        if (pendingPos < pending.length) {
            return false;
        }
        return eof || (neverBlocks && readAhead == null && in.available() == 0);
    }

    /** The bytes a read would return at once (a lower bound). */
    public long available() throws IOException {
        if (pendingPos < pending.length) {
            return pending.length - pendingPos;
        }
        return eof ? 0 : Math.max(0, in.available());
    }

    /** Reads into {@code dst} (a buffer over guest memory); blocks until a byte is there. -1 at the end. */
    public int read(ByteBuffer dst) throws IOException {
        if (pendingPos >= pending.length && readAhead != null) {
            takeReadAhead();
        }
        if (pendingPos < pending.length) {
            int n = Math.min(dst.remaining(), pending.length - pendingPos);
            dst.put(pending, pendingPos, n);
            pendingPos += n;
            return n;
        }
        if (eof) {
            return -1;
        }
        byte[] chunk = new byte[Math.min(dst.remaining(), CHUNK)];
        int n = in.read(chunk, 0, chunk.length);
        if (n < 0) {
            eof = true;
            return -1;
        }
        dst.put(chunk, 0, n);
        return n;
    }

    private void startReadAhead() {
        CompletableFuture<byte[]> future = new CompletableFuture<>();
        readAhead = future;
        Thread.ofPlatform().daemon().name("wasmj-stdin").start(() -> {
            try {
                byte[] chunk = new byte[CHUNK];
                int n = in.read(chunk);
                future.complete(n < 0 ? null : Arrays.copyOf(chunk, n));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
    }

    private void takeReadAhead() throws IOException {
        CompletableFuture<byte[]> future = readAhead;
        readAhead = null;
        try {
            byte[] bytes = future.get();
            if (bytes == null) {
                eof = true;
            } else {
                pending = bytes;
                pendingPos = 0;
            }
        } catch (InterruptedException e) {
            readAhead = future;
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Closes the stream if it belongs to this source. */
    @Override
    public void close() throws IOException {
        if (ownsStream) {
            in.close();
        }
    }
}
