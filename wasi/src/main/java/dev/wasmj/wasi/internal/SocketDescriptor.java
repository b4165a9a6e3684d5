package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.FileType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket (from {@code sock_accept}). The channel is non-blocking; blocking reads
 * and writes wait on the context's selector unless the descriptor is NONBLOCK (then EAGAIN).
 * Bytes read ahead ({@code MSG_PEEK}, readiness checks) are kept and returned by the next read.
 */
public final class SocketDescriptor extends Descriptor {
    private final SocketChannel channel;
    private ByteBuffer peeked = ByteBuffer.allocate(0);
    private boolean peerClosed;

    public SocketDescriptor(SocketChannel channel, int fdflags) {
        super(Rights.SOCKET, 0, fdflags);
        this.channel = channel;
    }

    public SocketChannel channel() {
        return channel;
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public FileType type() {
        return FileType.SOCKET_STREAM;
    }

    @Override
    public boolean isStream() {
        return true;
    }

    /** Bytes read ahead and not yet consumed. */
    public int peekedBytes() {
        return peeked.remaining();
    }

    /** Whether the peer closed its side (all its bytes consumed or not). */
    public boolean peerClosed() {
        return peerClosed;
    }

    /**
     * Reads what is available now into the read-ahead buffer without blocking; returns whether
     * anything is there to read (bytes or the end of the stream).
     */
    public boolean fillReadAhead() throws ErrnoException {
        if (peeked.hasRemaining() || peerClosed) {
            return true;
        }
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            int n = channel.read(buffer);
            if (n < 0) {
                peerClosed = true;
                return true;
            }
            buffer.flip();
            peeked = buffer;
            return n > 0;
        } catch (IOException e) {
            throw IoErrors.errno(e);
        }
    }

    @Override
    public long read(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        return receive(iovs, false, false, context);
    }

    /**
     * {@code sock_recv}: fills the buffers in order. {@code peek}: the bytes stay to be read
     * again. {@code waitAll}: waits until every buffer is full or the stream ends.
     */
    public long receive(Iovecs iovs, boolean peek, boolean waitAll, DescriptorContext context) throws ErrnoException {
        if (peek) {
            while (!fillReadAhead()) {
                waitOrAgain(SelectionKey.OP_READ, context);
            }
            long total = 0;
            ByteBuffer source = peeked.duplicate();
            for (int i = 0; i < iovs.count() && source.hasRemaining(); i++) {
                total += transfer(source, iovs.buffer(i));
            }
            return total;
        }
        long total = 0;
        try {
            for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
                ByteBuffer buffer = FileDescriptor.limited(iovs.buffer(i), total);
                while (buffer.hasRemaining()) {
                    if (peeked.hasRemaining()) {
                        total += transfer(peeked, buffer);
                        continue;
                    }
                    if (peerClosed) {
                        return total;
                    }
                    int n = channel.read(buffer);
                    if (n < 0) {
                        peerClosed = true;
                        return total;
                    }
                    total += n;
                    if (n == 0) {
                        if (total > 0 && !waitAll) {
                            return total;
                        }
                        waitOrAgain(SelectionKey.OP_READ, context);
                    }
                }
            }
        } catch (IOException e) {
            return IoErrors.afterPartialTransfer(total, e);
        } catch (ErrnoException e) {
            return IoErrors.afterPartialTransfer(total, e);
        }
        return total;
    }

    private static int transfer(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        ByteBuffer slice = from.slice(from.position(), n);
        to.put(slice);
        from.position(from.position() + n);
        return n;
    }

    @Override
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        long total = 0;
        try {
            for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
                ByteBuffer buffer = FileDescriptor.limited(iovs.buffer(i), total);
                while (buffer.hasRemaining()) {
                    int n = channel.write(buffer);
                    total += n;
                    if (n == 0) {
                        if (nonblocking() && total > 0) {
                            return total;
                        }
                        waitOrAgain(SelectionKey.OP_WRITE, context);
                    }
                }
            }
        } catch (IOException e) {
            return IoErrors.afterPartialTransfer(total, e);
        } catch (ErrnoException e) {
            return IoErrors.afterPartialTransfer(total, e);
        }
        return total;
    }

    private void waitOrAgain(int op, DescriptorContext context) throws ErrnoException {
        if (nonblocking()) {
            throw new ErrnoException(Errno.AGAIN);
        }
        context.beforeBlocking();
        context.await(channel, op);
    }

    /** {@code sock_shutdown}: {@code how} is RD (1), WR (2) or both. */
    public void shutdown(int how) throws ErrnoException {
        try {
            if ((how & 1) != 0) {
                channel.shutdownInput();
            }
            if ((how & 2) != 0) {
                channel.shutdownOutput();
            }
        } catch (IOException e) {
            throw IoErrors.errno(e);
        }
    }

    @Override
    public void close() {
        IoErrors.closeQuietly(channel);
    }
}
