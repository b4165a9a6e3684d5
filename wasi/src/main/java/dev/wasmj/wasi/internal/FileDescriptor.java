package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.FileType;
import dev.wasmj.wasi.internal.fs.Filestat;
import dev.wasmj.wasi.internal.fs.SandboxFile;
import java.nio.ByteBuffer;

/** An open file inside a preopen: reads, writes and metadata go to its {@link SandboxFile}. */
public final class FileDescriptor extends Descriptor {
    private final SandboxFile file;

    public FileDescriptor(SandboxFile file, long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting);
        this.file = file;
    }

    public SandboxFile file() {
        return file;
    }

    @Override
    public FileType type() {
        return FileType.REGULAR_FILE;
    }

    @Override
    public int fdflags() {
        return file.fdflags();
    }

    @Override
    public void setFdflags(int fdflags) throws ErrnoException {
        file.setFdflags(fdflags);
    }

    @Override
    public long read(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        if (!readable()) {
            throw new ErrnoException(Errno.BADF, "not opened for reading");
        }
        long total = 0;
        for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
            ByteBuffer buffer = limited(iovs.buffer(i), total);
            int wanted = buffer.remaining();
            if (wanted == 0) {
                continue;
            }
            int n = file.read(buffer);
            if (n <= 0) {
                break;
            }
            total += n;
            if (n < wanted) {
                break;
            }
        }
        return total;
    }

    @Override
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        if (!writable()) {
            throw new ErrnoException(Errno.BADF, "not opened for writing");
        }
        long total = 0;
        for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
            ByteBuffer buffer = limited(iovs.buffer(i), total);
            int wanted = buffer.remaining();
            if (wanted == 0) {
                continue;
            }
            int n = file.write(buffer);
            total += n;
            if (n < wanted) {
                break;
            }
        }
        return total;
    }

    @Override
    public long pread(Iovecs iovs, long offset) throws ErrnoException {
        if (!readable()) {
            throw new ErrnoException(Errno.BADF, "not opened for reading");
        }
        long total = 0;
        for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
            ByteBuffer buffer = limited(iovs.buffer(i), total);
            int wanted = buffer.remaining();
            if (wanted == 0) {
                continue;
            }
            int n = file.pread(buffer, offset + total);
            if (n <= 0) {
                break;
            }
            total += n;
            if (n < wanted) {
                break;
            }
        }
        return total;
    }

    @Override
    public long pwrite(Iovecs iovs, long offset) throws ErrnoException {
        if (!writable()) {
            throw new ErrnoException(Errno.BADF, "not opened for writing");
        }
        long total = 0;
        for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
            ByteBuffer buffer = limited(iovs.buffer(i), total);
            int wanted = buffer.remaining();
            if (wanted == 0) {
                continue;
            }
            int n = file.pwrite(buffer, offset + total);
            total += n;
            if (n < wanted) {
                break;
            }
        }
        return total;
    }

    /** Caps {@code buffer} so that one call moves at most {@link Iovecs#MAX_TRANSFER} bytes. */
    static ByteBuffer limited(ByteBuffer buffer, long soFar) {
        long room = Iovecs.MAX_TRANSFER - soFar;
        if (buffer.remaining() > room) {
            buffer.limit(buffer.position() + (int) room);
        }
        return buffer;
    }

    @Override
    public long seek(long offset, int whence) throws ErrnoException {
        return file.seek(offset, whence);
    }

    @Override
    public long tell() throws ErrnoException {
        return file.tell();
    }

    @Override
    public void sync() throws ErrnoException {
        file.sync();
    }

    @Override
    public void datasync() throws ErrnoException {
        file.datasync();
    }

    @Override
    public void advise(long offset, long len, int advice) throws ErrnoException {
        file.advise(offset, len, advice);
    }

    @Override
    public void allocate(long offset, long len) throws ErrnoException {
        file.allocate(offset, len);
    }

    @Override
    public Filestat stat() throws ErrnoException {
        return file.stat();
    }

    @Override
    public void setSize(long size) throws ErrnoException {
        file.setSize(size);
    }

    @Override
    public void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        file.setTimes(atim, mtim, fstflags);
    }

    @Override
    public boolean readable() {
        return file.readable();
    }

    @Override
    public boolean writable() {
        return file.writable();
    }

    @Override
    public void close() {
        file.close();
    }
}
