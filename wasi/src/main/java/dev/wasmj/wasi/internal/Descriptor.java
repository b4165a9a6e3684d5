package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.FileType;
import dev.wasmj.wasi.internal.fs.Filestat;

/**
 * An open descriptor of the guest's table: a file, a directory, a standard stream or a socket,
 * with its WASI rights. Each operation a kind does not support fails with the errno POSIX gives
 * for it; rights are checked by the caller ({@link DescriptorTable#get(int, long)}) first.
 */
public abstract class Descriptor {
    /** {@code $fdflags} NONBLOCK. */
    static final int NONBLOCK = 4;

    private long rightsBase;
    private long rightsInheriting;
    private int fdflags;

    protected Descriptor(long rightsBase, long rightsInheriting) {
        this(rightsBase, rightsInheriting, 0);
    }

    protected Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    public final long rightsBase() {
        return rightsBase;
    }

    public final long rightsInheriting() {
        return rightsInheriting;
    }

    /** {@code fd_fdstat_set_rights}: rights can only be dropped ({@code ENOTCAPABLE} otherwise). */
    public final void restrictRights(long base, long inheriting) throws ErrnoException {
        if ((base & ~rightsBase) != 0 || (inheriting & ~rightsInheriting) != 0) {
            throw new ErrnoException(Errno.NOTCAPABLE, "rights can only be dropped");
        }
        rightsBase = base;
        rightsInheriting = inheriting;
    }

    public abstract FileType type();

    /**
     * Whether the descriptor can be read at all (opened for reading): a descriptor that can but
     * lacks {@code FD_READ} is {@code ENOTCAPABLE}, one that cannot gets the errno of its kind
     * (EBADF, EISDIR, ...).
     */
    public boolean readable() {
        return false;
    }

    /** Whether the descriptor can be written at all (see {@link #readable()}). */
    public boolean writable() {
        return false;
    }

    /** The {@code $fdflags}: those last set, unless the kind keeps them elsewhere. */
    public int fdflags() {
        return fdflags;
    }

    /**
     * {@code fd_fdstat_set_flags}: the flags are recorded; a kind that honours one (NONBLOCK for
     * streams and sockets) reads them back with {@link #fdflags()} or {@link #nonblocking()}.
     */
    public void setFdflags(int fdflags) throws ErrnoException {
        this.fdflags = fdflags;
    }

    /** Whether NONBLOCK is set: an operation that would wait fails with {@code EAGAIN}. */
    protected final boolean nonblocking() {
        return (fdflags() & NONBLOCK) != 0;
    }

    /** {@code fd_read}: the bytes read into the buffers, in order. */
    public long read(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        throw new ErrnoException(Errno.BADF, "not readable");
    }

    /** {@code fd_write}: the bytes written from the buffers, in order. */
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        throw new ErrnoException(Errno.BADF, "not writable");
    }

    public long pread(Iovecs iovs, long offset) throws ErrnoException {
        throw new ErrnoException(Errno.SPIPE);
    }

    public long pwrite(Iovecs iovs, long offset) throws ErrnoException {
        throw new ErrnoException(Errno.SPIPE);
    }

    /** Whether this is a stream (no position): {@code fd_seek} and {@code fd_tell} give {@code ESPIPE}. */
    public boolean isStream() {
        return false;
    }

    public long seek(long offset, int whence) throws ErrnoException {
        throw new ErrnoException(Errno.SPIPE);
    }

    public long tell() throws ErrnoException {
        throw new ErrnoException(Errno.SPIPE);
    }

    public void sync() throws ErrnoException {
        throw new ErrnoException(Errno.INVAL);
    }

    public void datasync() throws ErrnoException {
        sync();
    }

    public void advise(long offset, long len, int advice) throws ErrnoException {
        throw new ErrnoException(Errno.SPIPE);
    }

    public void allocate(long offset, long len) throws ErrnoException {
        throw new ErrnoException(Errno.SPIPE);
    }

    /** {@code fd_filestat_get}: streams report their type and zeros. */
    public Filestat stat() throws ErrnoException {
        return new Filestat(0, 0, type(), 1, 0, 0, 0, 0);
    }

    public void setSize(long size) throws ErrnoException {
        throw new ErrnoException(Errno.INVAL);
    }

    public void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        throw new ErrnoException(Errno.NOTSUP);
    }

    /** Releases what this descriptor holds (streams given by the host are flushed, not closed). */
    public abstract void close();
}
