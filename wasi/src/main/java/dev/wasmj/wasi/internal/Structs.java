package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.Filestat;

/** Writes WASI's structs into guest memory with the layouts of {@code typenames.witx}. */
final class Structs {
    /** {@code $fdstat}: filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16. */
    static final int FDSTAT_SIZE = 24;
    /** {@code $filestat}: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56. */
    static final int FILESTAT_SIZE = 64;
    /** {@code $prestat}: tag u8 @0, pr_name_len u32 @4. */
    static final int PRESTAT_SIZE = 8;
    /** {@code $dirent}: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20, then the name @24. */
    static final int DIRENT_SIZE = 24;

    private Structs() {}

    static void fdstat(GuestMemory m, int ptr, Descriptor d) throws ErrnoException {
        m.zero(ptr, FDSTAT_SIZE);
        m.putU8(ptr, d.type().code());
        m.putU16(ptr + 2, d.fdflags());
        m.putI64(ptr + 8, d.rightsBase());
        m.putI64(ptr + 16, d.rightsInheriting());
    }

    static void filestat(GuestMemory m, int ptr, Filestat s) throws ErrnoException {
        m.zero(ptr, FILESTAT_SIZE);
        m.putI64(ptr, s.dev());
        m.putI64(ptr + 8, s.ino());
        m.putU8(ptr + 16, s.type().code());
        m.putI64(ptr + 24, s.nlink());
        m.putI64(ptr + 32, s.size());
        m.putI64(ptr + 40, s.atim());
        m.putI64(ptr + 48, s.mtim());
        m.putI64(ptr + 56, s.ctim());
    }

    static void prestat(GuestMemory m, int ptr, int nameLength) throws ErrnoException {
        m.zero(ptr, PRESTAT_SIZE);
        m.putU8(ptr, 0); // preopentype dir
        m.putI32(ptr + 4, nameLength);
    }

    /** A dirent header followed by the name, as bytes. */
    static byte[] dirent(long next, long ino, byte[] name, int type) {
        byte[] bytes = new byte[DIRENT_SIZE + name.length];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, next);
        b.putLong(8, ino);
        b.putInt(16, name.length);
        b.put(20, (byte) type);
        System.arraycopy(name, 0, bytes, DIRENT_SIZE, name.length);
        return bytes;
    }
}
