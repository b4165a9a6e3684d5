package dev.wasmj.internal.ops;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Sequentially consistent accesses of 1, 2, 4 or 8 bytes at an aligned offset of a memory's segment,
 * little-endian, for the threads proposal's atomic instructions of both engines: 4- and 8-byte ones
 * are single {@link VarHandle} operations, 1- and 2-byte ones a compare-and-set loop on their aligned
 * 4-byte word. Values are {@code long}s: operands are truncated to the access size, old values come
 * back zero-extended. The caller has checked bounds and alignment.
 */
public final class AtomicMemory {
    private AtomicMemory() {}

    private static final VarHandle INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    /** The read-modify-write operations of {@link #rmw}. */
    public static final int ADD = 0, SUB = 1, AND = 2, OR = 3, XOR = 4, XCHG = 5;

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    /** The {@code size}-byte value at {@code ea}, zero-extended. */
    public static long read(MemorySegment seg, long ea, int size) {
        return switch (size) {
            case 8 -> (long) LONG.getVolatile(seg, ea);
            case 4 -> (int) INT.getVolatile(seg, ea) & 0xFFFF_FFFFL;
            default -> {
                long word = ea & ~3L;
                int shift = (int) (ea - word) * 8;
                yield ((int) INT.getVolatile(seg, word) >>> shift) & mask(size);
            }
        };
    }

    /** Stores the low {@code size} bytes of {@code v} at {@code ea}. */
    public static void write(MemorySegment seg, long ea, int size, long v) {
        switch (size) {
            case 8 -> LONG.setVolatile(seg, ea, v);
            case 4 -> INT.setVolatile(seg, ea, (int) v);
            default -> rmw(seg, ea, size, XCHG, v);
        }
    }

    /** Applies {@code op} ({@link #ADD} to {@link #XCHG}) with {@code v} at {@code ea}; returns the old value. */
    public static long rmw(MemorySegment seg, long ea, int size, int op, long v) {
        if (size == 8) {
            return switch (op) {
                case ADD -> (long) LONG.getAndAdd(seg, ea, v);
                case SUB -> (long) LONG.getAndAdd(seg, ea, -v);
                case AND -> (long) LONG.getAndBitwiseAnd(seg, ea, v);
                case OR -> (long) LONG.getAndBitwiseOr(seg, ea, v);
                case XOR -> (long) LONG.getAndBitwiseXor(seg, ea, v);
                default -> (long) LONG.getAndSet(seg, ea, v);
            };
        }
        if (size == 4) {
            int iv = (int) v;
            int old = switch (op) {
                case ADD -> (int) INT.getAndAdd(seg, ea, iv);
                case SUB -> (int) INT.getAndAdd(seg, ea, -iv);
                case AND -> (int) INT.getAndBitwiseAnd(seg, ea, iv);
                case OR -> (int) INT.getAndBitwiseOr(seg, ea, iv);
                case XOR -> (int) INT.getAndBitwiseXor(seg, ea, iv);
                default -> (int) INT.getAndSet(seg, ea, iv);
            };
            return old & 0xFFFF_FFFFL;
        }
        long mask = mask(size);
        long word = ea & ~3L;
        int shift = (int) (ea - word) * 8;
        for (;;) {
            int w = (int) INT.getVolatile(seg, word);
            long old = (w >>> shift) & mask;
            long next = switch (op) {
                case ADD -> old + v;
                case SUB -> old - v;
                case AND -> old & v;
                case OR -> old | v;
                case XOR -> old ^ v;
                default -> v;
            } & mask;
            int nw = (int) ((w & ~(mask << shift)) | (next << shift));
            if (INT.compareAndSet(seg, word, w, nw)) {
                return old;
            }
        }
    }

    /**
     * Replaces the value at {@code ea} by {@code replacement} if it is {@code expected} (both truncated
     * to the access size); returns the old value.
     */
    public static long cmpxchg(MemorySegment seg, long ea, int size, long expected, long replacement) {
        if (size == 8) {
            return (long) LONG.compareAndExchange(seg, ea, expected, replacement);
        }
        if (size == 4) {
            return (int) INT.compareAndExchange(seg, ea, (int) expected, (int) replacement) & 0xFFFF_FFFFL;
        }
        long mask = mask(size);
        long word = ea & ~3L;
        int shift = (int) (ea - word) * 8;
        for (;;) {
            int w = (int) INT.getVolatile(seg, word);
            long old = (w >>> shift) & mask;
            if (old != (expected & mask)) {
                return old;
            }
            int nw = (int) ((w & ~(mask << shift)) | ((replacement & mask) << shift));
            if (INT.compareAndSet(seg, word, w, nw)) {
                return old;
            }
        }
    }
}
