package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.DirEntry;
import java.util.List;

/**
 * The {@code fd_*} functions. Each checks, in order: that output pointers are inside memory
 * ({@code EFAULT}, before any effect), that narrow arguments fit their type ({@code EINVAL}),
 * that the descriptor is open ({@code EBADF}), that it has the rights the function needs
 * ({@code ENOTCAPABLE}), then asks the descriptor, which fails with the errno of its kind
 * ({@code ESPIPE} for seeking a stream, {@code EISDIR} for reading a directory, ...).
 */
final class FdFunctions {
    static final int FDFLAGS = 0x1F;
    static final int FSTFLAGS = 0xF;
    private static final int FST_ATIM = 1;
    private static final int FST_ATIM_NOW = 2;
    private static final int FST_MTIM = 4;
    private static final int FST_MTIM_NOW = 8;

    private FdFunctions() {}

    // --- reading and writing

    static int read(WasiCall c) throws ErrnoException {
        return transfer(c, 3, FdFunctions::readable, (d, iovs) -> d.read(iovs, c.state()));
    }

    static int write(WasiCall c) throws ErrnoException {
        return transfer(c, 3, FdFunctions::writable, (d, iovs) -> d.write(iovs, c.state()));
    }

    static int pread(WasiCall c) throws ErrnoException {
        return transfer(c, 4, FdFunctions::readable, (d, iovs) -> d.pread(iovs, offset(c.i64(3))));
    }

    static int pwrite(WasiCall c) throws ErrnoException {
        return transfer(c, 4, FdFunctions::writable, (d, iovs) -> d.pwrite(iovs, offset(c.i64(3))));
    }

    /** How a function finds its descriptor: {@link #readable} or {@link #writable}. */
    @FunctionalInterface
    private interface DescriptorLookup {
        Descriptor get(WasiCall c, int fd) throws ErrnoException;
    }

    /** What a function does with its descriptor and buffers: the bytes moved. */
    @FunctionalInterface
    private interface Transfer {
        long apply(Descriptor d, Iovecs iovs) throws ErrnoException;
    }

    /**
     * The shape of {@code fd_read}, {@code fd_write}, {@code fd_pread} and {@code fd_pwrite}:
     * argument 0 the descriptor, 1 and 2 the iovec array, {@code resultArg} where the count of
     * bytes moved goes. The result pointer and the iovecs are checked before the descriptor.
     */
    private static int transfer(WasiCall c, int resultArg, DescriptorLookup lookup, Transfer op)
            throws ErrnoException {
        GuestMemory m = c.memory();
        int resultPtr = c.i32(resultArg);
        m.check(resultPtr, 4);
        Iovecs iovs = Iovecs.of(m, c.i32(1), c.i32(2));
        Descriptor d = lookup.get(c, c.i32(0));
        m.putI32(resultPtr, (int) op.apply(d, iovs));
        return 0;
    }

    /**
     * The descriptor, for reading: one opened for reading needs {@code FD_READ}; one that cannot
     * be read is returned as is and its read fails with the errno of its kind.
     */
    static Descriptor readable(WasiCall c, int fd) throws ErrnoException {
        Descriptor d = c.table().get(fd);
        if (d.readable()) {
            DescriptorTable.requireRights(d, Rights.FD_READ);
        }
        return d;
    }

    /** The descriptor, for writing (see {@link #readable}). */
    static Descriptor writable(WasiCall c, int fd) throws ErrnoException {
        Descriptor d = c.table().get(fd);
        if (d.writable()) {
            DescriptorTable.requireRights(d, Rights.FD_WRITE);
        }
        return d;
    }

    /** A file offset or size (u64): EINVAL above the largest a Java file can have. */
    private static long offset(long value) throws ErrnoException {
        if (value < 0) {
            throw new ErrnoException(Errno.INVAL, "offset " + Long.toUnsignedString(value) + " too large");
        }
        return value;
    }

    // --- positions

    static int seek(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(3);
        c.memory().check(resultPtr, 8);
        long offset = c.i64(1);
        int whence = c.u8(2);
        if (whence > 2) {
            throw new ErrnoException(Errno.INVAL, "whence " + whence);
        }
        boolean tellOnly = offset == 0 && whence == 1;
        Descriptor d = positioned(c, c.i32(0), tellOnly ? Rights.FD_TELL : Rights.FD_SEEK);
        c.memory().putI64(resultPtr, d.seek(offset, whence));
        return 0;
    }

    static int tell(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(1);
        c.memory().check(resultPtr, 8);
        Descriptor d = positioned(c, c.i32(0), Rights.FD_TELL);
        c.memory().putI64(resultPtr, d.tell());
        return 0;
    }

    /**
     * The descriptor, for an operation on file positions (seek, tell, advise, allocate): a stream
     * has none, which is {@code ESPIPE} before its rights are looked at; else it needs {@code rights}.
     */
    private static Descriptor positioned(WasiCall c, int fd, long rights) throws ErrnoException {
        Descriptor d = c.table().get(fd);
        if (d.isStream()) {
            throw new ErrnoException(Errno.SPIPE);
        }
        DescriptorTable.requireRights(d, rights);
        return d;
    }

    // --- syncing, advice, allocation

    static int sync(WasiCall c) throws ErrnoException {
        c.table().get(c.i32(0), Rights.FD_SYNC).sync();
        return 0;
    }

    static int datasync(WasiCall c) throws ErrnoException {
        c.table().get(c.i32(0), Rights.FD_DATASYNC).datasync();
        return 0;
    }

    static int advise(WasiCall c) throws ErrnoException {
        long offset = offset(c.i64(1));
        long len = offset(c.i64(2));
        int advice = c.u8(3);
        if (advice > 5) {
            throw new ErrnoException(Errno.INVAL, "advice " + advice);
        }
        Descriptor d = positioned(c, c.i32(0), Rights.FD_ADVISE);
        d.advise(offset, len, advice);
        return 0;
    }

    static int allocate(WasiCall c) throws ErrnoException {
        long offset = offset(c.i64(1));
        long len = offset(c.i64(2));
        if (offset + len < 0) {
            throw new ErrnoException(Errno.FBIG);
        }
        Descriptor d = positioned(c, c.i32(0), Rights.FD_ALLOCATE);
        d.allocate(offset, len);
        return 0;
    }

    // --- the table

    static int close(WasiCall c) throws ErrnoException {
        c.table().remove(c.i32(0)).close();
        return 0;
    }

    static int renumber(WasiCall c) throws ErrnoException {
        c.table().renumber(c.i32(0), c.i32(1));
        return 0;
    }

    // --- descriptor and file status

    static int fdstatGet(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(1);
        c.memory().check(resultPtr, Structs.FDSTAT_SIZE);
        Structs.fdstat(c.memory(), resultPtr, c.table().get(c.i32(0)));
        return 0;
    }

    static int fdstatSetFlags(WasiCall c) throws ErrnoException {
        int flags = WasiCall.flags(c.u16(1), FDFLAGS);
        c.table().get(c.i32(0), Rights.FD_FDSTAT_SET_FLAGS).setFdflags(flags);
        return 0;
    }

    static int fdstatSetRights(WasiCall c) throws ErrnoException {
        c.table().get(c.i32(0)).restrictRights(c.i64(1), c.i64(2));
        return 0;
    }

    static int filestatGet(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(1);
        c.memory().check(resultPtr, Structs.FILESTAT_SIZE);
        Descriptor d = c.table().get(c.i32(0), Rights.FD_FILESTAT_GET);
        Structs.filestat(c.memory(), resultPtr, d.stat());
        return 0;
    }

    static int filestatSetSize(WasiCall c) throws ErrnoException {
        long size = offset(c.i64(1));
        c.table().get(c.i32(0), Rights.FD_FILESTAT_SET_SIZE).setSize(size);
        return 0;
    }

    static int filestatSetTimes(WasiCall c) throws ErrnoException {
        int fstflags = fstflags(c.u16(3));
        c.table().get(c.i32(0), Rights.FD_FILESTAT_SET_TIMES).setTimes(c.i64(1), c.i64(2), fstflags);
        return 0;
    }

    /** Checks {@code $fstflags}: known bits, and not both a time and "now" for the same timestamp. */
    static int fstflags(int flags) throws ErrnoException {
        WasiCall.flags(flags, FSTFLAGS);
        if ((flags & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                || (flags & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
            throw new ErrnoException(Errno.INVAL, "both a time and now");
        }
        return flags;
    }

    // --- preopens

    static int prestatGet(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(1);
        c.memory().check(resultPtr, Structs.PRESTAT_SIZE);
        Structs.prestat(c.memory(), resultPtr, preopenName(c, c.i32(0)).length);
        return 0;
    }

    /** Copies the preopen's name (no NUL); {@code ENAMETOOLONG} if the buffer is shorter. */
    static int prestatDirName(WasiCall c) throws ErrnoException {
        int ptr = c.i32(1);
        long length = Integer.toUnsignedLong(c.i32(2));
        c.memory().check(ptr, length);
        byte[] name = preopenName(c, c.i32(0));
        if (length < name.length) {
            throw new ErrnoException(Errno.NAMETOOLONG);
        }
        c.memory().write(ptr, name, 0, name.length);
        return 0;
    }

    private static byte[] preopenName(WasiCall c, int fd) throws ErrnoException {
        if (c.table().get(fd) instanceof DirDescriptor dir && dir.preopenName() != null) {
            return dir.preopenName();
        }
        throw new ErrnoException(Errno.BADF, "not a preopened directory");
    }

    // --- directories

    /**
     * {@code fd_readdir}: dirents from position {@code cookie} of the directory's listing, each
     * with {@code d_next} = its position + 1, until the buffer is full; the last one may be cut
     * short, which tells the guest to call again with a larger buffer or the last whole entry's
     * cookie.
     */
    static int readdir(WasiCall c) throws ErrnoException {
        GuestMemory m = c.memory();
        int buf = c.i32(1);
        long length = Integer.toUnsignedLong(c.i32(2));
        long cookie = c.i64(3);
        int resultPtr = c.i32(4);
        m.check(buf, length);
        m.check(resultPtr, 4);
        Descriptor d = c.table().get(c.i32(0));
        if (!(d instanceof DirDescriptor dir)) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        DescriptorTable.requireRights(d, Rights.FD_READDIR);
        List<DirEntry> entries = dir.entries(cookie);
        long used = 0;
        for (long i = cookie; i >= 0 && i < entries.size() && used < length; i++) {
            DirEntry e = entries.get((int) i);
            byte[] dirent = Structs.dirent(i + 1, e.ino(), e.name(), e.type().code());
            int n = (int) Math.min(dirent.length, length - used);
            m.write(buf + (int) used, dirent, 0, n);
            used += n;
        }
        m.putI32(resultPtr, (int) used);
        return 0;
    }
}
