package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.format.Opcode;
import dev.wasmj.internal.ops.AtomicMemory;
import dev.wasmj.internal.runtime.MemoryInstance;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The threads proposal's atomic memory instructions: sequentially consistent loads, stores,
 * read-modify-writes and compare-exchanges ({@link AtomicMemory}, shared with the compiler), fences,
 * and wait/notify.
 */
final class AtomicOps {
    private AtomicOps() {}

    /** The kinds of instruction: {@link AtomicMemory}'s read-modify-writes, then the others. */
    static final int ADD = AtomicMemory.ADD, SUB = AtomicMemory.SUB, AND = AtomicMemory.AND, OR = AtomicMemory.OR,
            XOR = AtomicMemory.XOR, XCHG = AtomicMemory.XCHG, LOAD = 6, STORE = 7, CMPXCHG = 8, NOTIFY = 9, WAIT = 10,
            FENCE = 11;

    /** Per opcode ordinal: the access size in bytes and the kind; whether the value is i64. */
    private static final int[] SIZE = new int[Opcode.values().length];
    private static final int[] KIND = new int[Opcode.values().length];
    private static final boolean[] WIDE = new boolean[Opcode.values().length];
    /** Per opcode ordinal: whether it is a threads-proposal instruction (a table: no enum array copy per access). */
    private static final boolean[] ATOMIC = new boolean[Opcode.values().length];

    static {
        for (Opcode op : Opcode.values()) {
            if (op.prefix() != Opcode.PREFIX_THREADS) {
                continue;
            }
            String t = op.text();
            int o = op.ordinal();
            ATOMIC[o] = true;
            WIDE[o] = t.startsWith("i64") || t.equals("memory.atomic.wait64");
            if (t.equals("memory.atomic.notify")) {
                KIND[o] = NOTIFY;
                SIZE[o] = 4;
            } else if (t.startsWith("memory.atomic.wait")) {
                KIND[o] = WAIT;
                SIZE[o] = WIDE[o] ? 8 : 4;
            } else if (t.equals("atomic.fence")) {
                KIND[o] = FENCE;
            } else {
                String rest = t.substring(t.indexOf(".atomic.") + 8); // load8_u, rmw16.add_u, store, rmw.cmpxchg
                int bits = WIDE[o] ? 64 : 32;
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(rest);
                if (m.find()) {
                    bits = Integer.parseInt(m.group(1));
                }
                SIZE[o] = bits / 8;
                String name = rest.contains(".") ? rest.substring(rest.indexOf('.') + 1) : rest;
                name = name.replace("_u", "").replaceAll("\\d", "");
                KIND[o] = switch (name) {
                    case "load" -> LOAD;
                    case "store" -> STORE;
                    case "add" -> ADD;
                    case "sub" -> SUB;
                    case "and" -> AND;
                    case "or" -> OR;
                    case "xor" -> XOR;
                    case "xchg" -> XCHG;
                    case "cmpxchg" -> CMPXCHG;
                    default -> throw new IllegalStateException("atomic " + t);
                };
            }
        }
    }

    static boolean isAtomic(int op) {
        return ATOMIC[op];
    }

    /** Runs atomic instruction {@code op} on {@code mem}; returns the new stack pointer. */
    static int exec(int op, MemoryInstance mem, long offset, long[] s, int sp) {
        int kind = KIND[op];
        if (kind == FENCE) {
            VarHandle.fullFence();
            return sp;
        }
        int operands = switch (kind) {
            case LOAD -> 0;
            case CMPXCHG, WAIT -> 2;
            default -> 1;
        };
        int at = sp - operands - 1;
        long a = mem.is64() ? s[at] : s[at] & 0xFFFF_FFFFL;
        long ea = a + offset;
        int size = SIZE[op];
        if (Long.compareUnsigned(ea, a) < 0 || Long.compareUnsigned(ea, mem.byteSize() - size) > 0
                || mem.byteSize() < size) {
            throw MemoryOps.memoryOutOfBounds();
        }
        if ((ea & (size - 1)) != 0) {
            throw new Trap(TrapCode.HEAP_MISALIGNED, "unaligned atomic");
        }
        MemorySegment seg = mem.segment;
        long mask = size == 8 ? -1L : (1L << (size * 8)) - 1;
        if (mem.array != null && kind != NOTIFY && kind != WAIT) {
            // a memory in a Java array: its segment has no aligned (atomic) access, so the instruction runs
            // on an aligned copy of the bytes it accesses (no other thread accesses an unshared memory)
            MemorySegment copy = MemorySegment.ofArray(new long[1]);
            MemorySegment.copy(seg, ea, copy, 0, size);
            int next = access(op, kind, copy, 0, size, mask, s, at);
            MemorySegment.copy(copy, 0, seg, ea, size);
            return next;
        }
        switch (kind) {
            case NOTIFY -> {
                s[at] = mem.shared() ? mem.waiters.notify(ea, s[at + 1] & 0xFFFF_FFFFL) : 0;
                return at + 1;
            }
            case WAIT -> {
                if (!mem.shared()) {
                    throw new Trap(TrapCode.ATOMIC_WAIT_NON_SHARED_MEMORY, "expected shared memory");
                }
                long expected = WIDE[op] ? s[at + 1] : s[at + 1] & 0xFFFF_FFFFL;
                long timeout = s[at + 2];
                try {
                    s[at] = mem.waiters.await(ea, () -> AtomicMemory.read(seg, ea, size) == expected, timeout);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Trap(TrapCode.INTERRUPT, "interrupted");
                }
                return at + 1;
            }
            default -> {
                return access(op, kind, seg, ea, size, mask, s, at);
            }
        }
    }

    /** A load, store, read-modify-write or compare-exchange with its address at {@code s[at]}. */
    private static int access(int op, int kind, MemorySegment seg, long ea, int size, long mask, long[] s, int at) {
        switch (kind) {
            case LOAD -> {
                s[at] = result(op, AtomicMemory.read(seg, ea, size));
                return at + 1;
            }
            case STORE -> {
                AtomicMemory.write(seg, ea, size, s[at + 1]);
                return at;
            }
            case CMPXCHG -> {
                long expected = s[at + 1] & mask;
                long replacement = s[at + 2] & mask;
                s[at] = result(op, AtomicMemory.cmpxchg(seg, ea, size, expected, replacement));
                return at + 1;
            }
            default -> {
                long v = s[at + 1] & mask;
                s[at] = result(op, AtomicMemory.rmw(seg, ea, size, kind, v));
                return at + 1;
            }
        }
    }

    /** The stack value of an old memory value: zero-extended, as an int for i32 instructions. */
    private static long result(int op, long v) {
        return WIDE[op] ? v : (int) v;
    }
}
