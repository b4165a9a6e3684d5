package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.FileType;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening TCP socket handed in by the host: {@code sock_accept} makes connected sockets. The
 * channel is switched to non-blocking mode; a blocking accept waits on the context's selector.
 */
public final class ListenerDescriptor extends Descriptor {
    private final ServerSocketChannel channel;

    public ListenerDescriptor(ServerSocketChannel channel) {
        super(Rights.LISTENER, Rights.SOCKET);
        this.channel = channel;
    }

    public ServerSocketChannel channel() {
        return channel;
    }

    @Override
    public FileType type() {
        return FileType.SOCKET_STREAM;
    }

    @Override
    public boolean isStream() {
        return true;
    }

    /** Accepts a connection, waiting for one unless this listener is NONBLOCK (then EAGAIN when none is pending). */
    public SocketChannel accept(DescriptorContext context) throws ErrnoException {
        try {
            channel.configureBlocking(false);
            while (true) {
                SocketChannel socket = channel.accept();
                if (socket != null) {
                    socket.configureBlocking(false);
                    return socket;
                }
                if (nonblocking()) {
                    throw new ErrnoException(Errno.AGAIN);
                }
                context.beforeBlocking();
                context.await(channel, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException e) {
            throw IoErrors.errno(e);
        }
    }

    @Override
    public long read(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        throw new ErrnoException(Errno.NOTCONN);
    }

    @Override
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        throw new ErrnoException(Errno.NOTCONN);
    }

    @Override
    public void close() {
        IoErrors.closeQuietly(channel);
    }
}
