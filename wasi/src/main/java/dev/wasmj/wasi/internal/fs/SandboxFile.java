package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.internal.ErrnoException;
import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * An open regular file (or other non-directory) inside a preopen. Reads and writes move the
 * file position; {@code pread}/{@code pwrite} do not. Failures throw {@link ErrnoException}
 * (EBADF for reading a file opened without read access, EINVAL for a negative resulting
 * position, ...). {@code whence} is WASI's {@code $whence} (SET=0, CUR=1, END=2).
 */
public final class SandboxFile implements Closeable {

    /** Reads into {@code dst}'s remaining space; returns the bytes read, 0 at end of file. */
    public int read(ByteBuffer dst) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Writes {@code src}'s remaining bytes (at the end when in append mode); returns the bytes written. */
    public int write(ByteBuffer src) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public int pread(ByteBuffer dst, long offset) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public int pwrite(ByteBuffer src, long offset) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_seek}: returns the new position. */
    public long seek(long offset, int whence) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public long tell() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void sync() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void datasync() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_filestat_set_size}. */
    public void setSize(long size) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_allocate}: ensures the file is at least {@code offset + len} bytes. */
    public void allocate(long offset, long len) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_advise}: checks the advice (0..5, else EINVAL) and otherwise ignores it. */
    public void advise(long offset, long len, int advice) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_filestat_get}. */
    public Filestat stat() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_filestat_set_times}. */
    public void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public boolean readable() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public boolean writable() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The file's {@code $fdflags} (APPEND, DSYNC, NONBLOCK, RSYNC, SYNC as opened or set). */
    public int fdflags() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_fdstat_set_flags}: only APPEND and NONBLOCK may change; others give ENOTSUP. */
    public void setFdflags(int fdflags) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
