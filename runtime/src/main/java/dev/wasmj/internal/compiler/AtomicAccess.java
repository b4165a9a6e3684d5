package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.internal.runtime.MemoryInstance;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The threads proposal's atomic memory instructions for generated code (see {@link AtomicCompiler}).
 * On shared memories: sequentially consistent loads, stores, read-modify-writes and compare-exchanges
 * through {@link VarHandle}s on the memory's segment, 8- and 16-bit ones through a compare-and-set loop
 * on their aligned 32-bit word, and {@code memory.atomic.wait}/{@code notify}, one method per operation
 * and size. On unshared memories, which only their store's thread accesses, {@link #unshared} does
 * them all with plain accesses (such a memory's segment may have no aligned access).
 *
 * <p>Every method takes the address as an unsigned {@code long} (a 32-bit address zero-extended by the
 * caller), the {@link MemoryInstance} and the static offset. Values travel as {@code long}s: operands
 * are truncated to the access size, results (old values) are zero-extended. The effective address is
 * checked against the memory's current size (a shared memory's segment may be longer), then for
 * alignment: the interpreter's order, trap codes and messages. Public only because generated classes
 * live in another (unnamed) module.
 */
public final class AtomicAccess {
    private AtomicAccess() {}

    private static final VarHandle INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final ValueLayout.OfShort PLAIN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt PLAIN_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong PLAIN_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The operations, for {@link #rmwSubWord} and {@link #unshared}. */
    static final int ADD = 0, SUB = 1, AND = 2, OR = 3, XOR = 4, XCHG = 5, CMPXCHG = 6, LOAD = 7, STORE = 8,
            NOTIFY = 9, WAIT = 10;

    /** The operation named {@code name} ({@code add}, {@code cmpxchg}, {@code wait}...). */
    static int operation(String name) {
        return switch (name) {
            case "add" -> ADD;
            case "sub" -> SUB;
            case "and" -> AND;
            case "or" -> OR;
            case "xor" -> XOR;
            case "xchg" -> XCHG;
            case "cmpxchg" -> CMPXCHG;
            case "load" -> LOAD;
            case "store" -> STORE;
            case "notify" -> NOTIFY;
            case "wait" -> WAIT;
            default -> throw new IllegalArgumentException("atomic operation " + name);
        };
    }

    /**
     * The effective address of an atomic access of {@code size} bytes at {@code addr + offset} of
     * {@code m}: traps if it is out of bounds of the memory's current size (an overflowing sum
     * included), then if it is not a multiple of {@code size}.
     */
    private static long ea(long addr, long offset, int size, MemoryInstance m) {
        long ea = addr + offset;
        if ((addr | offset | ea) < 0 || ea > m.byteSize() - size) {
            throw new TrapSignal(new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access"));
        }
        if ((ea & (size - 1)) != 0) {
            throw new TrapSignal(new Trap(TrapCode.HEAP_MISALIGNED, "unaligned atomic"));
        }
        return ea;
    }

    // ---- loads and stores

    public static long load8(long addr, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return readSubWord(m.segment, ea, 0xFF);
    }

    public static long load16(long addr, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return readSubWord(m.segment, ea, 0xFFFF);
    }

    public static long load32(long addr, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getVolatile(m.segment, ea) & 0xFFFF_FFFFL;
    }

    public static long load64(long addr, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getVolatile(m.segment, ea);
    }

    public static void store8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        rmwSubWord(m.segment, ea, 0xFF, XCHG, v);
    }

    public static void store16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        rmwSubWord(m.segment, ea, 0xFFFF, XCHG, v);
    }

    public static void store32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        INT.setVolatile(m.segment, ea, (int) v);
    }

    public static void store64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        LONG.setVolatile(m.segment, ea, v);
    }

    // ---- read-modify-writes: each returns the old value, zero-extended

    public static long add8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return rmwSubWord(m.segment, ea, 0xFF, ADD, v);
    }

    public static long add16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return rmwSubWord(m.segment, ea, 0xFFFF, ADD, v);
    }

    public static long add32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getAndAdd(m.segment, ea, (int) v) & 0xFFFF_FFFFL;
    }

    public static long add64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getAndAdd(m.segment, ea, v);
    }

    public static long sub8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return rmwSubWord(m.segment, ea, 0xFF, SUB, v);
    }

    public static long sub16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return rmwSubWord(m.segment, ea, 0xFFFF, SUB, v);
    }

    public static long sub32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getAndAdd(m.segment, ea, -(int) v) & 0xFFFF_FFFFL;
    }

    public static long sub64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getAndAdd(m.segment, ea, -v);
    }

    public static long and8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return rmwSubWord(m.segment, ea, 0xFF, AND, v);
    }

    public static long and16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return rmwSubWord(m.segment, ea, 0xFFFF, AND, v);
    }

    public static long and32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getAndBitwiseAnd(m.segment, ea, (int) v) & 0xFFFF_FFFFL;
    }

    public static long and64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getAndBitwiseAnd(m.segment, ea, v);
    }

    public static long or8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return rmwSubWord(m.segment, ea, 0xFF, OR, v);
    }

    public static long or16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return rmwSubWord(m.segment, ea, 0xFFFF, OR, v);
    }

    public static long or32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getAndBitwiseOr(m.segment, ea, (int) v) & 0xFFFF_FFFFL;
    }

    public static long or64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getAndBitwiseOr(m.segment, ea, v);
    }

    public static long xor8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return rmwSubWord(m.segment, ea, 0xFF, XOR, v);
    }

    public static long xor16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return rmwSubWord(m.segment, ea, 0xFFFF, XOR, v);
    }

    public static long xor32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getAndBitwiseXor(m.segment, ea, (int) v) & 0xFFFF_FFFFL;
    }

    public static long xor64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getAndBitwiseXor(m.segment, ea, v);
    }

    public static long xchg8(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return rmwSubWord(m.segment, ea, 0xFF, XCHG, v);
    }

    public static long xchg16(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return rmwSubWord(m.segment, ea, 0xFFFF, XCHG, v);
    }

    public static long xchg32(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return (int) INT.getAndSet(m.segment, ea, (int) v) & 0xFFFF_FFFFL;
    }

    public static long xchg64(long addr, long v, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.getAndSet(m.segment, ea, v);
    }

    // ---- compare-exchanges: each returns the old value, zero-extended

    public static long cmpxchg8(long addr, long expected, long replacement, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 1, m);
        return cmpxchgSubWord(m.segment, ea, 0xFF, expected, replacement);
    }

    public static long cmpxchg16(long addr, long expected, long replacement, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 2, m);
        return cmpxchgSubWord(m.segment, ea, 0xFFFF, expected, replacement);
    }

    public static long cmpxchg32(long addr, long expected, long replacement, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        // an i64.atomic.rmw32.cmpxchg_u compares the low 32 bits only: the int casts truncate both
        return (int) INT.compareAndExchange(m.segment, ea, (int) expected, (int) replacement) & 0xFFFF_FFFFL;
    }

    public static long cmpxchg64(long addr, long expected, long replacement, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return (long) LONG.compareAndExchange(m.segment, ea, expected, replacement);
    }

    // ---- wait and notify

    /**
     * memory.atomic.notify: wakes up to {@code count} (an unsigned i32) threads waiting at the address;
     * returns how many woke.
     */
    public static long notify32(long addr, long count, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        return m.waiters.notify(ea, count & 0xFFFF_FFFFL);
    }

    /**
     * memory.atomic.wait32: 0 when woken, 1 if the i32 at the address is not {@code expected}, 2 after
     * {@code timeout} nanoseconds (negative: no timeout).
     */
    public static long wait32(long addr, long expected, long timeout, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 4, m);
        long value = expected & 0xFFFF_FFFFL;
        return await(m, ea, () -> ((int) INT.getVolatile(m.segment, ea) & 0xFFFF_FFFFL) == value, timeout);
    }

    /** memory.atomic.wait64: as {@link #wait32} for the i64 at the address. */
    public static long wait64(long addr, long expected, long timeout, MemoryInstance m, long offset) {
        long ea = ea(addr, offset, 8, m);
        return await(m, ea, () -> (long) LONG.getVolatile(m.segment, ea) == expected, timeout);
    }

    private static long await(MemoryInstance m, long ea, java.util.function.BooleanSupplier stillExpected,
            long timeout) {
        try {
            return m.waiters.await(ea, stillExpected, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrapSignal(new Trap(TrapCode.INTERRUPT, "interrupted"));
        }
    }

    // ---- unshared memories

    /**
     * Atomic operation {@code op} ({@link #ADD} to {@link #WAIT}) of {@code size} bytes on unshared
     * memory {@code m}, with plain accesses: only the store's thread accesses such a memory. Operands
     * {@code a} and {@code b} as the instruction has them (the value; the expected value and the
     * replacement; the expected value and the timeout), unused ones 0. Returns the old value
     * zero-extended (0 for a store); notify returns 0 (nobody can wait), wait traps with "expected
     * shared memory", both after the bounds and alignment checks.
     */
    public static long unshared(long addr, long a, long b, MemoryInstance m, long offset, int size, int op) {
        long ea = ea(addr, offset, size, m);
        MemorySegment seg = m.segment;
        long mask = size == 8 ? -1L : (1L << (size * 8)) - 1;
        switch (op) {
            case NOTIFY -> {
                return 0;
            }
            case WAIT -> throw new TrapSignal(new Trap(TrapCode.ATOMIC_WAIT_NON_SHARED_MEMORY,
                    "expected shared memory"));
            case LOAD -> {
                return readPlain(seg, ea, size);
            }
            case STORE -> {
                writePlain(seg, ea, size, a);
                return 0;
            }
            case CMPXCHG -> {
                long old = readPlain(seg, ea, size);
                if (old == (a & mask)) {
                    writePlain(seg, ea, size, b);
                }
                return old;
            }
            default -> {
                long old = readPlain(seg, ea, size);
                long next = switch (op) {
                    case ADD -> old + a;
                    case SUB -> old - a;
                    case AND -> old & a;
                    case OR -> old | a;
                    case XOR -> old ^ a;
                    default -> a;
                };
                writePlain(seg, ea, size, next);
                return old;
            }
        }
    }

    /** The {@code size}-byte value at {@code ea}, zero-extended. */
    private static long readPlain(MemorySegment seg, long ea, int size) {
        return switch (size) {
            case 1 -> seg.get(ValueLayout.JAVA_BYTE, ea) & 0xFFL;
            case 2 -> seg.get(PLAIN_SHORT, ea) & 0xFFFFL;
            case 4 -> seg.get(PLAIN_INT, ea) & 0xFFFF_FFFFL;
            default -> seg.get(PLAIN_LONG, ea);
        };
    }

    /** Stores the low {@code size} bytes of {@code v} at {@code ea}. */
    private static void writePlain(MemorySegment seg, long ea, int size, long v) {
        switch (size) {
            case 1 -> seg.set(ValueLayout.JAVA_BYTE, ea, (byte) v);
            case 2 -> seg.set(PLAIN_SHORT, ea, (short) v);
            case 4 -> seg.set(PLAIN_INT, ea, (int) v);
            default -> seg.set(PLAIN_LONG, ea, v);
        }
    }

    // ---- 8- and 16-bit accesses on their aligned 32-bit word

    private static long readSubWord(MemorySegment seg, long ea, int mask) {
        long word = ea & ~3L;
        int shift = (int) (ea - word) * 8;
        return ((int) INT.getVolatile(seg, word) >>> shift) & mask;
    }

    /** Applies {@code op} with {@code v} to the {@code mask}-sized value at {@code ea}; returns the old one. */
    private static long rmwSubWord(MemorySegment seg, long ea, int mask, int op, long v) {
        long word = ea & ~3L;
        int shift = (int) (ea - word) * 8;
        for (;;) {
            int w = (int) INT.getVolatile(seg, word);
            int old = (w >>> shift) & mask;
            int operand = (int) v;
            int next = switch (op) {
                case ADD -> old + operand;
                case SUB -> old - operand;
                case AND -> old & operand;
                case OR -> old | operand;
                case XOR -> old ^ operand;
                default -> operand;
            } & mask;
            int nw = (w & ~(mask << shift)) | (next << shift);
            if (INT.compareAndSet(seg, word, w, nw)) {
                return old;
            }
        }
    }

    /** Compare-exchange of the {@code mask}-sized value at {@code ea}; returns the old value. */
    private static long cmpxchgSubWord(MemorySegment seg, long ea, int mask, long expected, long replacement) {
        long word = ea & ~3L;
        int shift = (int) (ea - word) * 8;
        for (;;) {
            int w = (int) INT.getVolatile(seg, word);
            int old = (w >>> shift) & mask;
            if (old != ((int) expected & mask)) { // the expected operand wraps to the access size
                return old;
            }
            int nw = (w & ~(mask << shift)) | (((int) replacement & mask) << shift);
            if (INT.compareAndSet(seg, word, w, nw)) {
                return old;
            }
        }
    }
}
