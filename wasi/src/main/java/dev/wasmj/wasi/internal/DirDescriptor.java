package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.DirEntry;
import dev.wasmj.wasi.internal.fs.FileType;
import dev.wasmj.wasi.internal.fs.Filestat;
import dev.wasmj.wasi.internal.fs.SandboxDir;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An open directory: a preopen (with the name the guest sees it under, for
 * {@code fd_prestat_*}) or one opened by {@code path_open}. Its flags are recorded; none changes
 * how a directory behaves.
 */
public final class DirDescriptor extends Descriptor {
    private final SandboxDir dir;
    private final byte[] preopenName;
    private List<DirEntry> listing;

    /** @param preopenName the guest's name for a preopen, {@code null} for a directory the guest opened */
    public DirDescriptor(SandboxDir dir, String preopenName, long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting);
        this.dir = dir;
        this.preopenName = preopenName == null ? null : preopenName.getBytes(StandardCharsets.UTF_8);
    }

    public SandboxDir dir() {
        return dir;
    }

    /** The preopen's name as UTF-8, {@code null} if this is not a preopen. */
    public byte[] preopenName() {
        return preopenName;
    }

    /**
     * The entries for {@code fd_readdir} from {@code cookie}: listed afresh when reading starts
     * (cookie 0), else the listing of the previous call, so that cookies of one pass stay
     * positions in one list and a pass over a large directory lists it once.
     */
    public List<DirEntry> entries(long cookie) throws ErrnoException {
        if (cookie == 0 || listing == null) {
            listing = dir.entries();
        }
        return listing;
    }

    @Override
    public FileType type() {
        return FileType.DIRECTORY;
    }

    @Override
    public long read(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public long pread(Iovecs iovs, long offset) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public long pwrite(Iovecs iovs, long offset) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public long seek(long offset, int whence) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public long tell() throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public void advise(long offset, long len, int advice) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public void allocate(long offset, long len) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public void setSize(long size) throws ErrnoException {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    public void sync() throws ErrnoException {
        dir.sync();
    }

    @Override
    public Filestat stat() throws ErrnoException {
        return dir.stat();
    }

    @Override
    public void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        dir.setTimes(atim, mtim, fstflags);
    }

    @Override
    public void close() {
        dir.close();
    }
}
