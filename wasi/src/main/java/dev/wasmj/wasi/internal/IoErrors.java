package dev.wasmj.wasi.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/** Maps the {@link IOException}s of streams and sockets to the errno the guest sees. */
public final class IoErrors {
    private IoErrors() {}

    public static ErrnoException errno(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        Errno errno;
        if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            errno = Errno.INTR;
        } else if (e instanceof ClosedChannelException) {
            errno = Errno.PIPE;
        } else if (message.contains("broken pipe")) {
            errno = Errno.PIPE;
        } else if (message.contains("connection reset")) {
            errno = Errno.CONNRESET;
        } else if (e instanceof SocketException && message.contains("not connected")) {
            errno = Errno.NOTCONN;
        } else {
            errno = Errno.IO;
        }
        return new ErrnoException(errno, String.valueOf(e.getMessage()));
    }

    /**
     * The result of a read or write that failed after moving {@code moved} bytes: those bytes, a
     * short transfer as POSIX reports it (the next call meets the failure again), or, when none
     * moved, the failure's errno.
     */
    public static long afterPartialTransfer(long moved, IOException failure) throws ErrnoException {
        if (moved > 0) {
            return moved;
        }
        throw errno(failure);
    }

    /** As {@link #afterPartialTransfer(long, IOException)}, for a failure already mapped (EAGAIN while waiting, ...). */
    public static long afterPartialTransfer(long moved, ErrnoException failure) throws ErrnoException {
        if (moved > 0) {
            return moved;
        }
        throw failure;
    }

    /**
     * Closes a stream or socket the guest let go of ({@code fd_close}, or the context closing):
     * a failure, even to flush the last bytes, has no one left to report to and is dropped.
     */
    public static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException ignored) {
            // see above: no one to report to
        }
    }
}
