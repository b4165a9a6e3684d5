package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * An open regular file (or other non-directory) inside a preopen. Reads and writes move the
 * file position; {@code pread}/{@code pwrite} do not. Failures throw {@link ErrnoException}
 * (EBADF for reading a file opened without read access, EINVAL for a negative resulting
 * position, ...). {@code whence} is WASI's {@code $whence} (SET=0, CUR=1, END=2).
 *
 * <p>The file keeps its directory open and its name, to stat it and set its times (a channel
 * can do neither): those act on the entry only while it is still the file that was opened (same
 * {@code fileKey}); once it has been renamed or replaced, {@link #stat()} reports what was known
 * at open with the current size and {@link #setTimes} fails with ENOTSUP.
 */
public final class SandboxFile implements Closeable {
    private final SeekableByteChannel channel;
    private final DirHandle parent;
    private final String name;
    private final Object fileKey;
    private final Filestat openedStat;
    private final boolean readable;
    private final boolean writable;
    private final Set<FilePerms> filePerms;
    private final long maxZeroFill;
    private int fdflags;
    private boolean closed;

    SandboxFile(SeekableByteChannel channel, DirHandle parent, String name, Object fileKey, Filestat openedStat,
                boolean readable, boolean writable, int fdflags, Set<FilePerms> filePerms, long maxZeroFill) {
        this.channel = channel;
        this.parent = parent;
        this.name = name;
        this.fileKey = fileKey;
        this.openedStat = openedStat;
        this.readable = readable;
        this.writable = writable;
        this.fdflags = fdflags;
        this.filePerms = filePerms;
        this.maxZeroFill = maxZeroFill;
    }

    /** Reads into {@code dst}'s remaining space; returns the bytes read, 0 at end of file. */
    public synchronized int read(ByteBuffer dst) throws ErrnoException {
        checkReadable();
        int read = IoErrors.call(() -> channel.read(dst));
        return Math.max(read, 0);
    }

    /** Writes {@code src}'s remaining bytes (at the end when in append mode); returns the bytes written. */
    public synchronized int write(ByteBuffer src) throws ErrnoException {
        checkWritable();
        return IoErrors.call(() -> {
            if (Flags.has(fdflags, Flags.FD_APPEND)) {
                channel.position(channel.size());
            } else {
                checkZeroFill(channel.position());
            }
            return writeFully(src);
        });
    }

    private int writeFully(ByteBuffer src) throws IOException {
        int total = 0;
        while (src.hasRemaining()) {
            int written = channel.write(src);
            if (written <= 0) {
                break;
            }
            total += written;
        }
        return total;
    }

    /** {@code fd_pread}: reads at {@code offset} without moving the position; 0 at or past the end. */
    public synchronized int pread(ByteBuffer dst, long offset) throws ErrnoException {
        checkReadable();
        checkOffset(offset);
        int read = IoErrors.call(() -> {
            if (channel instanceof FileChannel file) {
                return file.read(dst, offset);
            }
            long saved = channel.position();
            try {
                return channel.position(offset).read(dst);
            } finally {
                channel.position(saved);
            }
        });
        return Math.max(read, 0);
    }

    /** {@code fd_pwrite}: writes at {@code offset} (even in append mode) without moving the position. */
    public synchronized int pwrite(ByteBuffer src, long offset) throws ErrnoException {
        checkWritable();
        checkOffset(offset);
        return IoErrors.call(() -> {
            checkZeroFill(offset);
            if (channel instanceof FileChannel file) {
                int total = 0;
                while (src.hasRemaining()) {
                    int written = file.write(src, offset + total);
                    if (written <= 0) {
                        break;
                    }
                    total += written;
                }
                return total;
            }
            long saved = channel.position();
            try {
                channel.position(offset);
                return writeFully(src);
            } finally {
                channel.position(saved);
            }
        });
    }

    /** {@code fd_seek}: returns the new position. */
    public synchronized long seek(long offset, int whence) throws ErrnoException {
        checkOpen();
        long base = switch (whence) {
            case Flags.WHENCE_SET -> 0;
            case Flags.WHENCE_CUR -> IoErrors.call(channel::position);
            case Flags.WHENCE_END -> IoErrors.call(channel::size);
            default -> throw new ErrnoException(Errno.INVAL, "whence " + whence);
        };
        long position;
        try {
            position = Math.addExact(base, offset);
        } catch (ArithmeticException overflow) {
            throw new ErrnoException(Errno.INVAL, "position overflows");
        }
        if (position < 0) {
            throw new ErrnoException(Errno.INVAL, "negative position " + position);
        }
        IoErrors.call(() -> channel.position(position));
        return position;
    }

    /** {@code fd_tell}: the current position. */
    public synchronized long tell() throws ErrnoException {
        checkOpen();
        return IoErrors.call(channel::position);
    }

    /** {@code fd_sync}: flushes data and metadata to the device. */
    public synchronized void sync() throws ErrnoException {
        force(true);
    }

    /** {@code fd_datasync}: flushes the data to the device. */
    public synchronized void datasync() throws ErrnoException {
        force(false);
    }

    private void force(boolean metadata) throws ErrnoException {
        checkOpen();
        if (channel instanceof FileChannel file) {
            IoErrors.run(() -> file.force(metadata));
        }
    }

    /** {@code fd_filestat_set_size}: truncates or extends with zeros; the position stays. */
    public synchronized void setSize(long size) throws ErrnoException {
        checkWritable();
        if (size < 0) {
            throw new ErrnoException(Errno.INVAL, "negative size");
        }
        IoErrors.run(() -> {
            long current = channel.size();
            if (size < current) {
                long position = channel.position();
                channel.truncate(size);
                channel.position(position);
            } else if (size > current) {
                extendTo(size);
            }
        });
    }

    /** {@code fd_allocate}: ensures the file is at least {@code offset + len} bytes. */
    public synchronized void allocate(long offset, long len) throws ErrnoException {
        checkWritable();
        if (offset < 0 || len <= 0) {
            throw new ErrnoException(Errno.INVAL, "allocate offset " + offset + " len " + len);
        }
        long end;
        try {
            end = Math.addExact(offset, len);
        } catch (ArithmeticException overflow) {
            throw new ErrnoException(Errno.FBIG, "allocate beyond the largest file size");
        }
        IoErrors.run(() -> {
            if (end > channel.size()) {
                extendTo(end);
            }
        });
    }

    /** Grows the file to {@code size} bytes of zeros past the old end (a hole where the file system has them). */
    private void extendTo(long size) throws IOException, ErrnoException {
        checkZeroFill(size);
        ByteBuffer zero = ByteBuffer.allocate(1);
        if (channel instanceof FileChannel file) {
            while (zero.hasRemaining() && file.write(zero, size - 1) >= 0) {
                // a positional write of the last byte extends the file without moving the position
            }
            return;
        }
        long saved = channel.position();
        try {
            channel.position(size - 1);
            writeFully(zero);
        } finally {
            channel.position(saved);
        }
    }

    /** Refuses to grow the file to {@code end} if that adds more zeros than the provider may hold ({@link ZeroFillLimit}). */
    private void checkZeroFill(long end) throws IOException, ErrnoException {
        long size = channel.size();
        if (end > size && end - size > maxZeroFill) {
            throw new ErrnoException(Errno.NOSPC, "growing the file by " + (end - size) + " bytes of zeros");
        }
    }

    /** {@code fd_advise}: checks the advice (0..5, else EINVAL) and otherwise ignores it. */
    public synchronized void advise(long offset, long len, int advice) throws ErrnoException {
        checkOpen();
        if (advice < 0 || advice > Flags.ADVICE_MAX || offset < 0 || len < 0) {
            throw new ErrnoException(Errno.INVAL, "advice " + advice + " offset " + offset + " len " + len);
        }
    }

    /** {@code fd_filestat_get}. */
    public synchronized Filestat stat() throws ErrnoException {
        checkOpen();
        long size = IoErrors.call(channel::size);
        BasicFileAttributes current = currentAttributes();
        Filestat stat = current == null ? openedStat : Stats.of(parent, name, current);
        return Stats.withSize(stat, size);
    }

    /** {@code fd_filestat_set_times}: needs {@link FilePerms#WRITE}. */
    public synchronized void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        checkOpen();
        if (!filePerms.contains(FilePerms.WRITE)) {
            throw new ErrnoException(Errno.PERM, "the preopen does not allow WRITE of files");
        }
        FileTimes times = FileTimes.of(atim, mtim, fstflags);
        if (times.changesNothing()) {
            return;
        }
        if (currentAttributes() == null) {
            throw new ErrnoException(Errno.NOTSUP, "the file was renamed or replaced since it was opened");
        }
        IoErrors.run(() -> parent.setTimes(name, times.lastModified(), times.lastAccess()));
    }

    /**
     * The entry's attributes if it is still the file this descriptor has open, else null. Where
     * the provider has no file keys (zip, which has neither links nor concurrent writers), the
     * entry under the name is taken to be the file.
     */
    private BasicFileAttributes currentAttributes() {
        try {
            BasicFileAttributes attributes = parent.stat(name);
            if (fileKey == null ? attributes.fileKey() == null : fileKey.equals(attributes.fileKey())) {
                return attributes;
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether the file was opened for reading. */
    public boolean readable() {
        return readable;
    }

    /** Whether the file was opened for writing. */
    public boolean writable() {
        return writable;
    }

    /** The file's {@code $fdflags} (APPEND, DSYNC, NONBLOCK, RSYNC, SYNC as opened or set). */
    public synchronized int fdflags() {
        return fdflags;
    }

    /** {@code fd_fdstat_set_flags}: only APPEND and NONBLOCK may change; others give ENOTSUP. */
    public synchronized void setFdflags(int fdflags) throws ErrnoException {
        checkOpen();
        if ((fdflags & ~Flags.FD_ALL) != 0) {
            throw new ErrnoException(Errno.INVAL, "unknown fdflags " + fdflags);
        }
        if (((fdflags ^ this.fdflags) & ~Flags.FD_CHANGEABLE) != 0) {
            throw new ErrnoException(Errno.NOTSUP, "only APPEND and NONBLOCK can change after open");
        }
        this.fdflags = fdflags;
    }

    /** Closes the file and the directory handle it keeps; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // the descriptor is gone either way; zip may report a failed write-back here
        } finally {
            parent.close();
        }
    }

    private void checkOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.BADF, "file closed");
        }
    }

    private void checkReadable() throws ErrnoException {
        checkOpen();
        if (!readable) {
            throw new ErrnoException(Errno.BADF, "not open for reading");
        }
    }

    private void checkWritable() throws ErrnoException {
        checkOpen();
        if (!writable) {
            throw new ErrnoException(Errno.BADF, "not open for writing");
        }
    }

    private static void checkOffset(long offset) throws ErrnoException {
        if (offset < 0) {
            throw new ErrnoException(Errno.INVAL, "negative offset " + offset);
        }
    }
}
