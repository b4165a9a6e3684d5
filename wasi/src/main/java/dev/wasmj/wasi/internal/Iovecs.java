package dev.wasmj.wasi.internal;

import java.nio.ByteBuffer;

/**
 * A guest's {@code iovec}/{@code ciovec} array ({@code buf u32, buf_len u32}, 8 bytes each),
 * checked whole before any byte moves: the array and every buffer must lie inside the memory
 * ({@code EFAULT} otherwise), so a transfer never stops half-way on a bad pointer. Nothing is
 * allocated per entry, whatever count the guest declares.
 */
public final class Iovecs {
    /** The most bytes one call transfers: a longer request is a partial transfer, which is allowed. */
    public static final long MAX_TRANSFER = Integer.MAX_VALUE;

    private final GuestMemory memory;
    private final int base;
    private final int count;
    private final long totalLength;

    private Iovecs(GuestMemory memory, int base, int count, long totalLength) {
        this.memory = memory;
        this.base = base;
        this.count = count;
        this.totalLength = totalLength;
    }

    /** The array of {@code count} (unsigned) entries at {@code ptr}. */
    public static Iovecs of(GuestMemory memory, int ptr, int count) throws ErrnoException {
        long n = Integer.toUnsignedLong(count);
        memory.check(ptr, n * 8);
        long total = 0;
        for (long i = 0; i < n; i++) {
            int entry = ptr + (int) (i * 8);
            int buf = memory.i32(entry);
            long len = Integer.toUnsignedLong(memory.i32(entry + 4));
            memory.check(buf, len);
            total += len;
        }
        return new Iovecs(memory, ptr, (int) Math.min(n, Integer.MAX_VALUE), total);
    }

    /** The number of entries. */
    public int count() {
        return count;
    }

    /** The sum of the lengths. */
    public long totalLength() {
        return totalLength;
    }

    /** The memory the entries point into. */
    public java.lang.foreign.MemorySegment segment() {
        return memory.segment();
    }

    /** Entry {@code i}'s buffer: its offset in {@link #segment()}. */
    public long offset(int i) {
        return Integer.toUnsignedLong(get(base + i * 8));
    }

    /** Entry {@code i}'s length. */
    public long length(int i) {
        return Integer.toUnsignedLong(get(base + i * 8 + 4));
    }

    private int get(int ptr) {
        try {
            return memory.i32(ptr);
        } catch (ErrnoException e) {
            throw new IllegalStateException("iovec checked in of() is now out of bounds", e);
        }
    }

    /** A buffer over entry {@code i} (over guest memory), at most {@link #MAX_TRANSFER} bytes. */
    public ByteBuffer buffer(int i) {
        try {
            int entry = base + i * 8;
            return memory.buffer(memory.i32(entry), Integer.toUnsignedLong(memory.i32(entry + 4)));
        } catch (ErrnoException e) {
            throw new IllegalStateException("iovec checked in of() is now out of bounds", e);
        }
    }
}
