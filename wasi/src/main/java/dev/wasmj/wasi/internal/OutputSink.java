package dev.wasmj.wasi.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * A buffered standard output or error stream: guest bytes are copied straight from guest memory
 * into a 64 KiB buffer and written to the target when it fills, on {@link #flush()} and on
 * {@link #close()}. Sinks of one {@link Group} keep their relative order: writing to one first
 * flushes the other, so interleaved stdout and stderr lines reach a shared terminal in the order
 * the guest wrote them. The methods are synchronized, so that a host thread may flush (a
 * shutdown hook, say) while the guest writes.
 */
public final class OutputSink implements Closeable {
    /** The buffer size. */
    public static final int BUFFER_SIZE = 64 * 1024;

    /** Sinks whose relative order is kept (stdout and stderr of one context). */
    public static final class Group {
        private OutputSink last;
    }

    private final OutputStream target;
    private final boolean ownsTarget;
    private final boolean discard;
    private final Group group;
    private final byte[] buffer;
    private int count;
    private boolean closed;

    /**
     * @param target     where the bytes go
     * @param ownsTarget whether {@link #close()} closes the target (else it is only flushed)
     * @param discard    whether the bytes are dropped (no buffering, no target writes)
     */
    public OutputSink(OutputStream target, boolean ownsTarget, boolean discard, Group group) {
        this.target = target;
        this.ownsTarget = ownsTarget;
        this.discard = discard;
        this.group = group;
        this.buffer = discard ? new byte[0] : new byte[BUFFER_SIZE];
    }

    /** Writes the {@code length} bytes at {@code offset} of {@code memory}; returns their number. */
    public synchronized int write(MemorySegment memory, long offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (discard) {
            return length;
        }
        if (length <= buffer.length - count && group.last == this) {
            MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, offset, buffer, count, length);
            count += length;
            return length;
        }
        return write(memory.asSlice(offset, length).asByteBuffer());
    }

    /** Writes all of {@code src}'s remaining bytes; returns their number. */
    public synchronized int write(ByteBuffer src) throws IOException {
        int length = src.remaining();
        if (closed) {
            throw new IOException("stream closed");
        }
        if (discard) {
            src.position(src.limit());
            return length;
        }
        OutputSink last = group.last;
        if (last != this) {
            if (last != null) {
                last.flush();
            }
            group.last = this;
        }
        if (length > buffer.length - count) {
            flushBuffer();
            if (length >= buffer.length) {
                byte[] chunk = new byte[Math.min(length, 1 << 20)];
                while (src.hasRemaining()) {
                    int n = Math.min(chunk.length, src.remaining());
                    src.get(chunk, 0, n);
                    target.write(chunk, 0, n);
                }
                return length;
            }
        }
        src.get(buffer, count, length);
        count += length;
        return length;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            target.write(buffer, 0, n);
        }
    }

    /** Writes the buffered bytes to the target and flushes it. */
    public synchronized void flush() throws IOException {
        if (discard || closed) {
            return;
        }
        flushBuffer();
        target.flush();
    }

    /** Flushes, then closes the target if it belongs to this sink. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            if (group.last == this) {
                group.last = null;
            }
            if (ownsTarget) {
                target.close();
            }
        }
    }
}
