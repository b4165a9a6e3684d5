package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.MemoryInstance;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Loads and stores for generated code: the address operand (int or, for memory64, long), then the hoisted
 * memory (the {@code byte[]} of a memory kept in an array, else its segment) and the static offset.
 * Small enough for the JIT to inline; an access out of bounds throws {@link IndexOutOfBoundsException},
 * which the boundary turns into an "out of bounds memory access" trap. Public only because generated
 * classes live in another (unnamed) module.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    /**
     * Little-endian views of a {@code byte[]} as ints, longs and shorts; public for the accesses that
     * generated code makes itself ({@link ArrayAccessEmitter}), which the JIT inlines with the handle
     * as a constant.
     */
    public static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** See {@link #INTS}. */
    public static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** See {@link #INTS}. */
    public static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Little-endian views of a {@code byte[]} as floats and doubles, for f32 and f64 loads and stores that
     * generated code makes itself: their raw bits convert to and from the float registers' values
     * without a move between register files ({@link ArrayAccessEmitter}).
     */
    public static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    /** See {@link #FLOATS}. */
    public static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    // ---- out of line: loads and stores that run about once per call (see FunctionCompiler)

    /*
     * C2 stops inlining in a method once its parse has made about 18,000 nodes
     * (NodeCountInliningCutoff), and an inlined MemorySegment access costs 600-800 of them: only the
     * first 25 or so accesses of a method, in bytecode order, are inlined, and accesses in loops that
     * come later are calls. Accesses that run about once per call come here instead (see
     * FunctionCompiler): C2 does not inline a method of more than 325 bytes of bytecode
     * (FreqInlineSize) even at a hot call site, and this one, with all the kinds of access, is bigger
     * (MemoryAccessTest checks it), so each such access costs the caller a call, not 700 nodes.
     */

    /**
     * The load or store with Wasm opcode {@code op} (0x28 to 0x3E) at {@code addr}, out of line. A
     * store takes its value in {@code v} (an i32 sign-extended) and returns 0; a load ignores
     * {@code v} and returns its value (an i32 sign-extended).
     */
    public static long outOfLine(int addr, long v, MemorySegment m, long offset, int op) {
        return switch (op) {
            case 0x28, 0x2A -> i32Load(addr, m, offset);
            case 0x29, 0x2B -> i64Load(addr, m, offset);
            case 0x2C -> i32Load8S(addr, m, offset);
            case 0x2D -> i32Load8U(addr, m, offset);
            case 0x2E -> i32Load16S(addr, m, offset);
            case 0x2F -> i32Load16U(addr, m, offset);
            case 0x30 -> i64Load8S(addr, m, offset);
            case 0x31 -> i64Load8U(addr, m, offset);
            case 0x32 -> i64Load16S(addr, m, offset);
            case 0x33 -> i64Load16U(addr, m, offset);
            case 0x34 -> i64Load32S(addr, m, offset);
            case 0x35 -> i64Load32U(addr, m, offset);
            default -> {
                switch (op) {
                    case 0x36, 0x38 -> i32Store(addr, (int) v, m, offset);
                    case 0x37, 0x39 -> i64Store(addr, v, m, offset);
                    case 0x3A -> i32Store8(addr, (int) v, m, offset);
                    case 0x3B -> i32Store16(addr, (int) v, m, offset);
                    case 0x3C -> i64Store8(addr, v, m, offset);
                    case 0x3D -> i64Store16(addr, v, m, offset);
                    case 0x3E -> i64Store32(addr, v, m, offset);
                    default -> throw new IllegalArgumentException("not a load or store: " + op);
                }
                yield 0;
            }
        };
    }

    /** {@link #outOfLine(int, long, MemorySegment, long, int)} on a memory kept in an array. */
    public static long outOfLine(int addr, long v, byte[] m, long offset, int op) {
        return switch (op) {
            case 0x28, 0x2A -> i32Load(addr, m, offset);
            case 0x29, 0x2B -> i64Load(addr, m, offset);
            case 0x2C -> i32Load8S(addr, m, offset);
            case 0x2D -> i32Load8U(addr, m, offset);
            case 0x2E -> i32Load16S(addr, m, offset);
            case 0x2F -> i32Load16U(addr, m, offset);
            case 0x30 -> i64Load8S(addr, m, offset);
            case 0x31 -> i64Load8U(addr, m, offset);
            case 0x32 -> i64Load16S(addr, m, offset);
            case 0x33 -> i64Load16U(addr, m, offset);
            case 0x34 -> i64Load32S(addr, m, offset);
            case 0x35 -> i64Load32U(addr, m, offset);
            default -> {
                switch (op) {
                    case 0x36, 0x38 -> i32Store(addr, (int) v, m, offset);
                    case 0x37, 0x39 -> i64Store(addr, v, m, offset);
                    case 0x3A -> i32Store8(addr, (int) v, m, offset);
                    case 0x3B -> i32Store16(addr, (int) v, m, offset);
                    case 0x3C -> i64Store8(addr, v, m, offset);
                    case 0x3D -> i64Store16(addr, v, m, offset);
                    case 0x3E -> i64Store32(addr, v, m, offset);
                    default -> throw new IllegalArgumentException("not a load or store: " + op);
                }
                yield 0;
            }
        };
    }

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

    // ---- memories kept in a byte[] (MemoryInstance.array): a bounds check and a plain array access

    /*
     * The index of address + offset in the array, negative if it is 2^31 or more (an array is shorter):
     * the sum wraps to a negative int when addr and offset are below 2^31; a negative addr (2^31 or
     * more unsigned) or an offset of 2^31 or more (a constant, folded by the JIT) makes it -1 whatever
     * the sum. Objects.checkIndex then throws IndexOutOfBoundsException for a negative index or one
     * whose access runs past the end, and the JIT drops the array's own check as redundant. With an
     * offset of 0 (a constant, so the JIT folds the test) the index is the address itself, which the
     * JIT folds into the access's address computation (matmul's loop, offsets 0: 1.9 -> 1.5 ms;
     * checking the address and then address + offset against the same limit, which C2 could merge
     * with neighbouring checks, made matmul and nbody slower).
     */
    private static int index(int addr, long offset) {
        if (offset == 0) {
            return addr;
        }
        return (addr + (int) offset) | (addr >> 31) | (int) -(offset >>> 31);
    }

    /** The index of an access of {@code size} bytes, checked. */
    private static int checked(int addr, long offset, byte[] m, int size) {
        return Objects.checkIndex(index(addr, offset), m.length - (size - 1));
    }

    /**
     * The index of a one-byte access, checked by an unsigned comparison with the array's length rather
     * than by {@code Objects.checkIndex} (same exception, same message): the JIT then sees the array
     * access's own bounds check as the same comparison and drops it. With {@code Objects.checkIndex} it
     * kept both (the intrinsic compares the index with a cast of the length, the array access its result
     * with the length): sieve's inner loop compared its index with the length twice.
     */
    private static int byteIndex(int addr, long offset, byte[] m) {
        int index = index(addr, offset);
        if (Integer.compareUnsigned(index, m.length) >= 0) {
            throw outOfBounds(index, m.length);
        }
        return index;
    }

    /**
     * The exception of an access at {@code index} of an array of {@code length} bytes, with
     * {@code Objects.checkIndex}'s message (generated code throws it too).
     */
    public static IndexOutOfBoundsException outOfBounds(int index, int length) {
        return new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + length);
    }

    public static int i32Load(int addr, byte[] m, long offset) {
        return (int) INTS.get(m, checked(addr, offset, m, 4));
    }

    public static long i64Load(int addr, byte[] m, long offset) {
        return (long) LONGS.get(m, checked(addr, offset, m, 8));
    }

    public static int i32Load8S(int addr, byte[] m, long offset) {
        return m[byteIndex(addr, offset, m)];
    }

    public static int i32Load8U(int addr, byte[] m, long offset) {
        return m[byteIndex(addr, offset, m)] & 0xFF;
    }

    public static int i32Load16S(int addr, byte[] m, long offset) {
        return (short) SHORTS.get(m, checked(addr, offset, m, 2));
    }

    public static int i32Load16U(int addr, byte[] m, long offset) {
        return (short) SHORTS.get(m, checked(addr, offset, m, 2)) & 0xFFFF;
    }

    public static long i64Load8S(int addr, byte[] m, long offset) {
        return m[byteIndex(addr, offset, m)];
    }

    public static long i64Load8U(int addr, byte[] m, long offset) {
        return m[byteIndex(addr, offset, m)] & 0xFFL;
    }

    public static long i64Load16S(int addr, byte[] m, long offset) {
        return (short) SHORTS.get(m, checked(addr, offset, m, 2));
    }

    public static long i64Load16U(int addr, byte[] m, long offset) {
        return (short) SHORTS.get(m, checked(addr, offset, m, 2)) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, byte[] m, long offset) {
        return (int) INTS.get(m, checked(addr, offset, m, 4));
    }

    public static long i64Load32U(int addr, byte[] m, long offset) {
        return (int) INTS.get(m, checked(addr, offset, m, 4)) & 0xFFFF_FFFFL;
    }

    public static void i32Store(int addr, int v, byte[] m, long offset) {
        INTS.set(m, checked(addr, offset, m, 4), v);
    }

    public static void i64Store(int addr, long v, byte[] m, long offset) {
        LONGS.set(m, checked(addr, offset, m, 8), v);
    }

    public static void i32Store8(int addr, int v, byte[] m, long offset) {
        m[byteIndex(addr, offset, m)] = (byte) v;
    }

    public static void i32Store16(int addr, int v, byte[] m, long offset) {
        SHORTS.set(m, checked(addr, offset, m, 2), (short) v);
    }

    public static void i64Store8(int addr, long v, byte[] m, long offset) {
        m[byteIndex(addr, offset, m)] = (byte) v;
    }

    public static void i64Store16(int addr, long v, byte[] m, long offset) {
        SHORTS.set(m, checked(addr, offset, m, 2), (short) v);
    }

    public static void i64Store32(int addr, long v, byte[] m, long offset) {
        INTS.set(m, checked(addr, offset, m, 4), (int) v);
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

    // ---- shared memories

    /*
     * A shared memory's segment is reserved at its maximum size (MemoryInstance), longer than the
     * memory, and another thread may grow the memory at any time, so each access is checked against
     * the memory's size. The caller passes a size it read earlier ({@code limit}: memories only grow,
     * so it is a lower bound) and, when the segment never changes, that segment ({@code seg}): an
     * access within the limit needs no read of the MemoryInstance's volatile fields, so the JIT can
     * treat both as loop invariants. An access beyond the limit re-reads the current size, then (when
     * {@code seg} is null) the segment, which is at least as long as the size read before it. The
     * address is unsigned (a 32-bit one zero-extended by the caller).
     */

    /**
     * The segment offset of an access of {@code size} bytes at {@code addr + offset} of shared memory
     * {@code m}, at least {@code limit} bytes long.
     */
    private static long sharedAt(long addr, long offset, int size, long limit, MemoryInstance m) {
        long ea = addr + offset;
        if ((addr | offset | ea) < 0 || ea > limit - size) {
            if ((addr | offset | ea) < 0 || ea > m.byteSize() - size) {
                throw new IndexOutOfBoundsException("out of bounds memory access");
            }
        }
        return ea;
    }

    /** {@code seg} if not null (a segment that never changes), else the memory's current segment. */
    private static MemorySegment sharedSegment(MemorySegment seg, MemoryInstance m) {
        return seg != null ? seg : m.segment;
    }

    public static int sharedI32Load(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 4, limit, m);
        return sharedSegment(seg, m).get(INT, ea);
    }

    public static long sharedI64Load(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 8, limit, m);
        return sharedSegment(seg, m).get(LONG, ea);
    }

    public static int sharedI32Load8S(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 1, limit, m);
        return sharedSegment(seg, m).get(BYTE, ea);
    }

    public static int sharedI32Load8U(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 1, limit, m);
        return sharedSegment(seg, m).get(BYTE, ea) & 0xFF;
    }

    public static int sharedI32Load16S(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 2, limit, m);
        return sharedSegment(seg, m).get(SHORT, ea);
    }

    public static int sharedI32Load16U(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 2, limit, m);
        return sharedSegment(seg, m).get(SHORT, ea) & 0xFFFF;
    }

    public static long sharedI64Load8S(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 1, limit, m);
        return sharedSegment(seg, m).get(BYTE, ea);
    }

    public static long sharedI64Load8U(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 1, limit, m);
        return sharedSegment(seg, m).get(BYTE, ea) & 0xFFL;
    }

    public static long sharedI64Load16S(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 2, limit, m);
        return sharedSegment(seg, m).get(SHORT, ea);
    }

    public static long sharedI64Load16U(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 2, limit, m);
        return sharedSegment(seg, m).get(SHORT, ea) & 0xFFFFL;
    }

    public static long sharedI64Load32S(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 4, limit, m);
        return sharedSegment(seg, m).get(INT, ea);
    }

    public static long sharedI64Load32U(long addr, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 4, limit, m);
        return sharedSegment(seg, m).get(INT, ea) & 0xFFFF_FFFFL;
    }

    public static void sharedI32Store(long addr, int v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 4, limit, m);
        sharedSegment(seg, m).set(INT, ea, v);
    }

    public static void sharedI64Store(long addr, long v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 8, limit, m);
        sharedSegment(seg, m).set(LONG, ea, v);
    }

    public static void sharedI32Store8(long addr, int v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 1, limit, m);
        sharedSegment(seg, m).set(BYTE, ea, (byte) v);
    }

    public static void sharedI32Store16(long addr, int v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 2, limit, m);
        sharedSegment(seg, m).set(SHORT, ea, (short) v);
    }

    public static void sharedI64Store8(long addr, long v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 1, limit, m);
        sharedSegment(seg, m).set(BYTE, ea, (byte) v);
    }

    public static void sharedI64Store16(long addr, long v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 2, limit, m);
        sharedSegment(seg, m).set(SHORT, ea, (short) v);
    }

    public static void sharedI64Store32(long addr, long v, MemorySegment seg, long limit, MemoryInstance m, long offset) {
        long ea = sharedAt(addr, offset, 4, limit, m);
        sharedSegment(seg, m).set(INT, ea, (int) v);
    }
}
