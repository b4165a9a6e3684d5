package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.internal.ops.AtomicMemory;
import dev.wasmj.internal.runtime.MemoryInstance;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The threads proposal's atomic memory instructions for generated code (see {@link AtomicCompiler}).
 * On shared memories, {@link #shared}: sequentially consistent loads, stores, read-modify-writes and
 * compare-exchanges ({@link AtomicMemory}, shared with the interpreter) and
 * {@code memory.atomic.wait}/{@code notify}. On unshared memories, which only their store's thread accesses, {@link #unshared} does
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

    private static final ValueLayout.OfShort PLAIN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt PLAIN_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong PLAIN_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The operations of {@link #shared} and {@link #unshared}: {@link AtomicMemory}'s read-modify-writes, then the others. */
    static final int ADD = AtomicMemory.ADD, SUB = AtomicMemory.SUB, AND = AtomicMemory.AND, OR = AtomicMemory.OR,
            XOR = AtomicMemory.XOR, XCHG = AtomicMemory.XCHG, CMPXCHG = 6, LOAD = 7, STORE = 8, NOTIFY = 9, WAIT = 10;

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

    // ---- shared memories

    /**
     * Atomic operation {@code op} ({@link #ADD} to {@link #WAIT}) of {@code size} bytes on shared
     * memory {@code m}, sequentially consistent ({@link AtomicMemory}). Operands {@code a} and
     * {@code b} as the instruction has them (the value; the expected value and the replacement; the
     * count of a notify; the expected value and the timeout in nanoseconds of a wait, negative for
     * none), unused ones 0. Returns the old value zero-extended (0 for a store), the number of threads
     * a notify woke, or a wait's 0 (woken), 1 (not the expected value) or 2 (timed out). Generated code
     * passes {@code size} and {@code op} as constants, so the JIT keeps only their case.
     */
    public static long shared(long addr, long a, long b, MemoryInstance m, long offset, int size, int op) {
        long ea = ea(addr, offset, size, m);
        MemorySegment seg = m.segment;
        return switch (op) {
            case LOAD -> AtomicMemory.read(seg, ea, size);
            case STORE -> {
                AtomicMemory.write(seg, ea, size, a);
                yield 0;
            }
            case CMPXCHG -> AtomicMemory.cmpxchg(seg, ea, size, a, b);
            case NOTIFY -> m.waiters.notify(ea, a & 0xFFFF_FFFFL);
            case WAIT -> await(m, ea, size, a, b);
            default -> AtomicMemory.rmw(seg, ea, size, op, a);
        };
    }

    /** memory.atomic.wait32/64 on shared memory {@code m} at {@code ea}. */
    private static long await(MemoryInstance m, long ea, int size, long expected, long timeout) {
        long value = size == 4 ? expected & 0xFFFF_FFFFL : expected;
        try {
            return m.waiters.await(ea, () -> AtomicMemory.read(m.segment, ea, size) == value, timeout);
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
}
