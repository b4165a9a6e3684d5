package dev.wasmj.internal.compiler;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Loads and stores for generated code: the address operand (int or, for memory64, long), then the hoisted
 * segment and the static offset. Small enough for the JIT to inline; an access out of bounds throws
 * {@link IndexOutOfBoundsException}, which the boundary turns into an "out of bounds memory access"
 * trap. Public only because generated classes live in another (unnamed) module.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private static long at(int addr, long offset) {
        return (addr & 0xFFFF_FFFFL) + offset;
    }

    /** A 64-bit address plus offset; out of bounds (a negative segment offset) if the sum overflows. */
    private static long at64(long addr, long offset) {
        long ea = addr + offset;
        if ((addr | offset | ea) < 0) {
            throw new IndexOutOfBoundsException("address overflow");
        }
        return ea;
    }

    public static int i32Load(int addr, MemorySegment m, long offset) {
        return m.get(INT, at(addr, offset));
    }

    public static long i64Load(int addr, MemorySegment m, long offset) {
        return m.get(LONG, at(addr, offset));
    }

    public static int i32Load8S(int addr, MemorySegment m, long offset) {
        return m.get(BYTE, at(addr, offset));
    }

    public static int i32Load8U(int addr, MemorySegment m, long offset) {
        return m.get(BYTE, at(addr, offset)) & 0xFF;
    }

    public static int i32Load16S(int addr, MemorySegment m, long offset) {
        return m.get(SHORT, at(addr, offset));
    }

    public static int i32Load16U(int addr, MemorySegment m, long offset) {
        return m.get(SHORT, at(addr, offset)) & 0xFFFF;
    }

    public static long i64Load8S(int addr, MemorySegment m, long offset) {
        return m.get(BYTE, at(addr, offset));
    }

    public static long i64Load8U(int addr, MemorySegment m, long offset) {
        return m.get(BYTE, at(addr, offset)) & 0xFFL;
    }

    public static long i64Load16S(int addr, MemorySegment m, long offset) {
        return m.get(SHORT, at(addr, offset));
    }

    public static long i64Load16U(int addr, MemorySegment m, long offset) {
        return m.get(SHORT, at(addr, offset)) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, MemorySegment m, long offset) {
        return m.get(INT, at(addr, offset));
    }

    public static long i64Load32U(int addr, MemorySegment m, long offset) {
        return m.get(INT, at(addr, offset)) & 0xFFFF_FFFFL;
    }

    public static void i32Store(int addr, int v, MemorySegment m, long offset) {
        m.set(INT, at(addr, offset), v);
    }

    public static void i64Store(int addr, long v, MemorySegment m, long offset) {
        m.set(LONG, at(addr, offset), v);
    }

    public static void i32Store8(int addr, int v, MemorySegment m, long offset) {
        m.set(BYTE, at(addr, offset), (byte) v);
    }

    public static void i32Store16(int addr, int v, MemorySegment m, long offset) {
        m.set(SHORT, at(addr, offset), (short) v);
    }

    public static void i64Store8(int addr, long v, MemorySegment m, long offset) {
        m.set(BYTE, at(addr, offset), (byte) v);
    }

    public static void i64Store16(int addr, long v, MemorySegment m, long offset) {
        m.set(SHORT, at(addr, offset), (short) v);
    }

    public static void i64Store32(int addr, long v, MemorySegment m, long offset) {
        m.set(INT, at(addr, offset), (int) v);
    }

    // ---- 64-bit addresses (memory64)

    public static int i32Load(long addr, MemorySegment m, long offset) {
        return m.get(INT, at64(addr, offset));
    }

    public static long i64Load(long addr, MemorySegment m, long offset) {
        return m.get(LONG, at64(addr, offset));
    }

    public static int i32Load8S(long addr, MemorySegment m, long offset) {
        return m.get(BYTE, at64(addr, offset));
    }

    public static int i32Load8U(long addr, MemorySegment m, long offset) {
        return m.get(BYTE, at64(addr, offset)) & 0xFF;
    }

    public static int i32Load16S(long addr, MemorySegment m, long offset) {
        return m.get(SHORT, at64(addr, offset));
    }

    public static int i32Load16U(long addr, MemorySegment m, long offset) {
        return m.get(SHORT, at64(addr, offset)) & 0xFFFF;
    }

    public static long i64Load8S(long addr, MemorySegment m, long offset) {
        return m.get(BYTE, at64(addr, offset));
    }

    public static long i64Load8U(long addr, MemorySegment m, long offset) {
        return m.get(BYTE, at64(addr, offset)) & 0xFFL;
    }

    public static long i64Load16S(long addr, MemorySegment m, long offset) {
        return m.get(SHORT, at64(addr, offset));
    }

    public static long i64Load16U(long addr, MemorySegment m, long offset) {
        return m.get(SHORT, at64(addr, offset)) & 0xFFFFL;
    }

    public static long i64Load32S(long addr, MemorySegment m, long offset) {
        return m.get(INT, at64(addr, offset));
    }

    public static long i64Load32U(long addr, MemorySegment m, long offset) {
        return m.get(INT, at64(addr, offset)) & 0xFFFF_FFFFL;
    }

    public static void i32Store(long addr, int v, MemorySegment m, long offset) {
        m.set(INT, at64(addr, offset), v);
    }

    public static void i64Store(long addr, long v, MemorySegment m, long offset) {
        m.set(LONG, at64(addr, offset), v);
    }

    public static void i32Store8(long addr, int v, MemorySegment m, long offset) {
        m.set(BYTE, at64(addr, offset), (byte) v);
    }

    public static void i32Store16(long addr, int v, MemorySegment m, long offset) {
        m.set(SHORT, at64(addr, offset), (short) v);
    }

    public static void i64Store8(long addr, long v, MemorySegment m, long offset) {
        m.set(BYTE, at64(addr, offset), (byte) v);
    }

    public static void i64Store16(long addr, long v, MemorySegment m, long offset) {
        m.set(SHORT, at64(addr, offset), (short) v);
    }

    public static void i64Store32(long addr, long v, MemorySegment m, long offset) {
        m.set(INT, at64(addr, offset), (int) v);
    }
}
