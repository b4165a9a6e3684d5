package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.SandboxDir;
import dev.wasmj.wasi.internal.fs.SandboxFile;
import java.io.Closeable;

/**
 * The {@code path_*} functions: each decodes its path(s) (UTF-8: {@code EILSEQ}; a NUL byte:
 * {@code EINVAL}), finds the directory descriptor ({@code EBADF} if not open, {@code ENOTDIR}
 * if not a directory), checks its rights ({@code ENOTCAPABLE}) and asks the {@link SandboxDir},
 * which resolves the path inside the preopen and enforces its permissions.
 */
final class PathFunctions {
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;
    private static final int O_CREAT = 1;
    private static final int O_TRUNC = 8;
    private static final int OFLAGS = 0xF;

    /** The rights that make {@code path_open} open for reading. */
    private static final long READ_RIGHTS = Rights.FD_READ | Rights.FD_READDIR;
    /** The rights that make {@code path_open} open for writing (as Wasmtime decides it). */
    private static final long WRITE_RIGHTS = Rights.FD_DATASYNC | Rights.FD_WRITE | Rights.FD_ALLOCATE
            | Rights.FD_FILESTAT_SET_SIZE;

    private PathFunctions() {}

    /** The directory descriptor {@code fd} with {@code rights}. */
    private static DirDescriptor dir(WasiCall c, int fd, long rights) throws ErrnoException {
        Descriptor d = c.table().get(fd);
        if (!(d instanceof DirDescriptor dir)) {
            throw new ErrnoException(Errno.NOTDIR, "descriptor " + fd + " is not a directory");
        }
        DescriptorTable.requireRights(d, rights);
        return dir;
    }

    private static boolean follow(int lookupflags) throws ErrnoException {
        return (WasiCall.flags(lookupflags, LOOKUP_SYMLINK_FOLLOW) & LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    /**
     * {@code path_open}: the new descriptor's rights are the requested ones within the
     * directory's inheriting rights (and the rights of what was opened); it is opened for
     * reading if they include {@code FD_READ} or {@code FD_READDIR}, for writing if they include
     * {@code FD_WRITE}, {@code FD_DATASYNC}, {@code FD_ALLOCATE} or {@code FD_FILESTAT_SET_SIZE}.
     * {@code O_CREAT} needs {@code PATH_CREATE_FILE}, {@code O_TRUNC} {@code PATH_FILESTAT_SET_SIZE}.
     */
    static int open(WasiCall c) throws ErrnoException {
        GuestMemory m = c.memory();
        int resultPtr = c.i32(8);
        m.check(resultPtr, 4);
        boolean follow = follow(c.i32(1));
        String path = m.path(c.i32(2), c.i32(3));
        int oflags = WasiCall.flags(c.u16(4), OFLAGS);
        int fdflags = WasiCall.flags(c.u16(7), FdFunctions.FDFLAGS);
        long needed = Rights.PATH_OPEN
                | ((oflags & O_CREAT) != 0 ? Rights.PATH_CREATE_FILE : 0)
                | ((oflags & O_TRUNC) != 0 ? Rights.PATH_FILESTAT_SET_SIZE : 0);
        DirDescriptor dir = dir(c, c.i32(0), needed);
        long base = c.i64(5) & dir.rightsInheriting();
        long inheriting = c.i64(6) & dir.rightsInheriting();
        c.table().checkRoom();
        Closeable opened = dir.dir().open(path, follow, oflags, fdflags,
                (base & READ_RIGHTS) != 0, (base & WRITE_RIGHTS) != 0);
        Descriptor d = switch (opened) {
            case SandboxDir sub -> new DirDescriptor(sub, null, base & Rights.DIRECTORY, inheriting);
            case SandboxFile file -> new FileDescriptor(file, base & Rights.FILE, inheriting);
            default -> throw new IllegalStateException("SandboxDir.open returned " + opened.getClass());
        };
        try {
            m.putI32(resultPtr, c.table().add(d));
        } catch (ErrnoException e) {
            d.close();
            throw e;
        }
        return 0;
    }

    static int createDirectory(WasiCall c) throws ErrnoException {
        String path = c.memory().path(c.i32(1), c.i32(2));
        dir(c, c.i32(0), Rights.PATH_CREATE_DIRECTORY).dir().createDirectory(path);
        return 0;
    }

    static int removeDirectory(WasiCall c) throws ErrnoException {
        String path = c.memory().path(c.i32(1), c.i32(2));
        dir(c, c.i32(0), Rights.PATH_REMOVE_DIRECTORY).dir().removeDirectory(path);
        return 0;
    }

    static int unlinkFile(WasiCall c) throws ErrnoException {
        String path = c.memory().path(c.i32(1), c.i32(2));
        dir(c, c.i32(0), Rights.PATH_UNLINK_FILE).dir().unlinkFile(path);
        return 0;
    }

    static int filestatGet(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(4);
        c.memory().check(resultPtr, Structs.FILESTAT_SIZE);
        boolean follow = follow(c.i32(1));
        String path = c.memory().path(c.i32(2), c.i32(3));
        var stat = dir(c, c.i32(0), Rights.PATH_FILESTAT_GET).dir().stat(path, follow);
        Structs.filestat(c.memory(), resultPtr, stat);
        return 0;
    }

    static int filestatSetTimes(WasiCall c) throws ErrnoException {
        boolean follow = follow(c.i32(1));
        String path = c.memory().path(c.i32(2), c.i32(3));
        int fstflags = FdFunctions.fstflags(c.u16(6));
        dir(c, c.i32(0), Rights.PATH_FILESTAT_SET_TIMES).dir().setTimes(path, follow, c.i64(4), c.i64(5), fstflags);
        return 0;
    }

    static int link(WasiCall c) throws ErrnoException {
        boolean follow = follow(c.i32(1));
        String from = c.memory().path(c.i32(2), c.i32(3));
        String to = c.memory().path(c.i32(5), c.i32(6));
        DirDescriptor source = dir(c, c.i32(0), Rights.PATH_LINK_SOURCE);
        DirDescriptor target = dir(c, c.i32(4), Rights.PATH_LINK_TARGET);
        source.dir().link(from, follow, target.dir(), to);
        return 0;
    }

    static int rename(WasiCall c) throws ErrnoException {
        String from = c.memory().path(c.i32(1), c.i32(2));
        String to = c.memory().path(c.i32(4), c.i32(5));
        DirDescriptor source = dir(c, c.i32(0), Rights.PATH_RENAME_SOURCE);
        DirDescriptor target = dir(c, c.i32(3), Rights.PATH_RENAME_TARGET);
        source.dir().rename(from, target.dir(), to);
        return 0;
    }

    static int symlink(WasiCall c) throws ErrnoException {
        String target = c.memory().path(c.i32(0), c.i32(1));
        String link = c.memory().path(c.i32(3), c.i32(4));
        dir(c, c.i32(2), Rights.PATH_SYMLINK).dir().symlink(target, link);
        return 0;
    }

    /** {@code path_readlink}: the target, cut to the buffer's length; the result is the bytes copied. */
    static int readlink(WasiCall c) throws ErrnoException {
        GuestMemory m = c.memory();
        int buf = c.i32(3);
        long length = Integer.toUnsignedLong(c.i32(4));
        int resultPtr = c.i32(5);
        m.check(buf, length);
        m.check(resultPtr, 4);
        String path = m.path(c.i32(1), c.i32(2));
        byte[] target = dir(c, c.i32(0), Rights.PATH_READLINK).dir().readlink(path);
        int n = (int) Math.min(target.length, length);
        m.write(buf, target, 0, n);
        m.putI32(resultPtr, n);
        return 0;
    }
}
