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
        requireReadable();
        return transfer(iovs, (buffer, soFar) -> file.read(buffer));
    }

    @Override
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        requireWritable();
        return transfer(iovs, (buffer, soFar) -> file.write(buffer));
    }

    @Override
    public long pread(Iovecs iovs, long offset) throws ErrnoException {
        requireReadable();
        return transfer(iovs, (buffer, soFar) -> file.pread(buffer, offset + soFar));
    }

    @Override
    public long pwrite(Iovecs iovs, long offset) throws ErrnoException {
        requireWritable();
        return transfer(iovs, (buffer, soFar) -> file.pwrite(buffer, offset + soFar));
    }

    private void requireReadable() throws ErrnoException {
        if (!readable()) {
            throw new ErrnoException(Errno.BADF, "not opened for reading");
        }
    }

    private void requireWritable() throws ErrnoException {
        if (!writable()) {
            throw new ErrnoException(Errno.BADF, "not opened for writing");
        }
    }

    /** One read or write of the file into or from one buffer. */
    @FunctionalInterface
    private interface BufferTransfer {
        /** Moves bytes through {@code buffer}, {@code soFar} bytes into the call; the bytes moved, 0 at the end of the file. */
        int apply(ByteBuffer buffer, long soFar) throws ErrnoException;
    }

    /**
     * Moves the buffers' bytes in order, at most {@link Iovecs#MAX_TRANSFER} in all, and stops
     * after the first buffer that is not moved whole (a short read or write, or the end of the file).
     */
    private static long transfer(Iovecs iovs, BufferTransfer op) throws ErrnoException {
        long total = 0;
        for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
            ByteBuffer buffer = limited(iovs.buffer(i), total);
            int wanted = buffer.remaining();
            if (wanted == 0) {
                continue;
            }
            int n = op.apply(buffer, total);
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
