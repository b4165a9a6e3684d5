package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.MemoryInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.TableInstance;

import java.lang.foreign.MemorySegment;

import static dev.wasmj.internal.interpreter.Interpreter.BYTE;
import static dev.wasmj.internal.interpreter.Interpreter.INT;
import static dev.wasmj.internal.interpreter.Interpreter.LONG;
import static dev.wasmj.internal.interpreter.Interpreter.SHORT;

/** Memory and table instructions off the hot path: other memories, memory64, bulk operations, tables. */
final class MemoryOps {
    private MemoryOps() {}

    static Trap memoryOutOfBounds() {
        return new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access");
    }

    static Trap tableOutOfBounds() {
        return new Trap(TrapCode.TABLE_OUT_OF_BOUNDS, "out of bounds table access");
    }

    /** An address operand of a memory or table with 64-bit indices ({@code is64}) or 32-bit ones. */
    private static long addr(long v, boolean is64) {
        return is64 ? v : v & 0xFFFF_FFFFL;
    }

    /** Checks that {@code [at, at + n)} (unsigned) is within {@code size}. */
    private static boolean inBounds(long at, long n, long size) {
        return Long.compareUnsigned(at, size) <= 0 && Long.compareUnsigned(n, size - at) <= 0;
    }

    /** The function at {@code index} of table {@code table} for call_indirect of type id {@code typeId}. */
    static FunctionInstance indirect(ModuleInstance inst, int table, int typeId, long index) {
        TableInstance t = inst.tables[table];
        long i = addr(index, t.declaredType().is64());
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw new Trap(TrapCode.TABLE_OUT_OF_BOUNDS, "undefined element");
        }
        Object e = t.elements[(int) i];
        if (e == null) {
            throw new Trap(TrapCode.INDIRECT_CALL_TO_NULL, "uninitialized element " + i);
        }
        FunctionInstance f = (FunctionInstance) e;
        int id = f.type().id();
        if (id != typeId && !inst.store().subtyping().isDefSubtype(id, typeId)) {
            throw new Trap(TrapCode.BAD_SIGNATURE, "indirect call type mismatch");
        }
        return f;
    }

    /** Runs memory/table instruction {@code op} with immediates at m.pc; updates m.pc and m.sp. */
    static void exec(Machine m, ModuleInstance inst, int op) {
        int[] code = m.code.code();
        int pc = m.pc;
        int sp = m.sp;
        long[] s = m.s;
        Object[] r = m.r;
        switch (op) {
            case Op.MEMORY_SIZE -> {
                MemoryInstance mem = inst.memories[code[pc++]];
                s[sp++] = mem.pages();
            }
            case Op.MEMORY_GROW -> {
                MemoryInstance mem = inst.memories[code[pc++]];
                long delta = addr(s[sp - 1], mem.is64());
                long old = mem.grow(delta);
                s[sp - 1] = mem.is64() ? old : (int) old;
            }
            case Op.MEMORY_FILL -> {
                MemoryInstance mem = inst.memories[code[pc++]];
                sp -= 3;
                long d = addr(s[sp], mem.is64());
                byte v = (byte) s[sp + 1];
                long n = addr(s[sp + 2], mem.is64());
                if (!inBounds(d, n, mem.byteSize())) {
                    throw memoryOutOfBounds();
                }
                mem.segment.asSlice(d, n).fill(v);
            }
            case Op.MEMORY_COPY -> {
                MemoryInstance dst = inst.memories[code[pc++]];
                MemoryInstance src = inst.memories[code[pc++]];
                sp -= 3;
                long d = addr(s[sp], dst.is64());
                long sa = addr(s[sp + 1], src.is64());
                long n = addr(s[sp + 2], dst.is64() && src.is64());
                if (!inBounds(d, n, dst.byteSize()) || !inBounds(sa, n, src.byteSize())) {
                    throw memoryOutOfBounds();
                }
                MemorySegment.copy(src.segment, sa, dst.segment, d, n);
            }
            case Op.MEMORY_INIT -> {
                byte[] data = inst.data[code[pc++]];
                MemoryInstance mem = inst.memories[code[pc++]];
                sp -= 3;
                long d = addr(s[sp], mem.is64());
                long sa = s[sp + 1] & 0xFFFF_FFFFL;
                long n = s[sp + 2] & 0xFFFF_FFFFL;
                if (!inBounds(d, n, mem.byteSize()) || !inBounds(sa, n, data.length)) {
                    throw memoryOutOfBounds();
                }
                MemorySegment.copy(MemorySegment.ofArray(data), sa, mem.segment, d, n);
            }
            case Op.DATA_DROP -> inst.data[code[pc++]] = new byte[0];
            case Op.TABLE_GET -> {
                TableInstance t = inst.tables[code[pc++]];
                long i = addr(s[sp - 1], t.declaredType().is64());
                if (Long.compareUnsigned(i, t.size) >= 0) {
                    throw tableOutOfBounds();
                }
                r[sp - 1] = t.elements[(int) i];
            }
            case Op.TABLE_SET -> {
                TableInstance t = inst.tables[code[pc++]];
                sp -= 2;
                long i = addr(s[sp], t.declaredType().is64());
                if (Long.compareUnsigned(i, t.size) >= 0) {
                    throw tableOutOfBounds();
                }
                t.elements[(int) i] = r[sp + 1];
            }
            case Op.TABLE_SIZE -> {
                TableInstance t = inst.tables[code[pc++]];
                s[sp++] = t.size;
            }
            case Op.TABLE_GROW -> {
                TableInstance t = inst.tables[code[pc++]];
                sp--;
                long n = addr(s[sp], t.declaredType().is64());
                long old = t.grow(n, r[sp - 1]);
                s[sp - 1] = t.declaredType().is64() ? old : (int) old;
            }
            case Op.TABLE_FILL -> {
                TableInstance t = inst.tables[code[pc++]];
                sp -= 3;
                boolean is64 = t.declaredType().is64();
                long i = addr(s[sp], is64);
                Object v = r[sp + 1];
                long n = addr(s[sp + 2], is64);
                if (!inBounds(i, n, t.size)) {
                    throw tableOutOfBounds();
                }
                java.util.Arrays.fill(t.elements, (int) i, (int) (i + n), v);
            }
            case Op.TABLE_COPY -> {
                TableInstance dst = inst.tables[code[pc++]];
                TableInstance src = inst.tables[code[pc++]];
                sp -= 3;
                boolean d64 = dst.declaredType().is64();
                boolean s64 = src.declaredType().is64();
                long d = addr(s[sp], d64);
                long sa = addr(s[sp + 1], s64);
                long n = addr(s[sp + 2], d64 && s64);
                if (!inBounds(d, n, dst.size) || !inBounds(sa, n, src.size)) {
                    throw tableOutOfBounds();
                }
                System.arraycopy(src.elements, (int) sa, dst.elements, (int) d, (int) n);
            }
            case Op.TABLE_INIT -> {
                Object[] elems = inst.elements[code[pc++]];
                TableInstance t = inst.tables[code[pc++]];
                sp -= 3;
                long d = addr(s[sp], t.declaredType().is64());
                long sa = s[sp + 1] & 0xFFFF_FFFFL;
                long n = s[sp + 2] & 0xFFFF_FFFFL;
                if (!inBounds(d, n, t.size) || !inBounds(sa, n, elems.length)) {
                    throw tableOutOfBounds();
                }
                System.arraycopy(elems, (int) sa, t.elements, (int) d, (int) n);
            }
            case Op.ELEM_DROP -> inst.elements[code[pc++]] = new Object[0];
            case Op.MEM_SLOW -> {
                int wasmOp = code[pc];
                MemoryInstance mem = inst.memories[code[pc + 1]];
                long offset = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
                int lane = code[pc + 4];
                pc += 5;
                if (AtomicOps.isAtomic(wasmOp)) {
                    sp = AtomicOps.exec(wasmOp, mem, offset, s, sp);
                } else if (SimdMemory.isSimd(wasmOp)) {
                    sp = SimdMemory.exec(wasmOp, mem, offset, lane, s, sp);
                } else {
                    sp = access(wasmOp, mem, offset, s, sp);
                }
            }
            default -> throw new IllegalStateException("not a memory instruction: " + op);
        }
        m.pc = pc;
        m.sp = sp;
    }

    /** A plain load or store on any memory, with explicit bounds checks; returns the new stack pointer. */
    private static int access(int op, MemoryInstance mem, long offset, long[] s, int sp) {
        boolean store = op >= Op.I32_STORE && op <= Op.I64_STORE32;
        int at = store ? sp - 2 : sp - 1;
        long a = addr(s[at], mem.is64());
        long ea = a + offset;
        if (Long.compareUnsigned(ea, a) < 0) {
            throw memoryOutOfBounds();
        }
        int size = switch (op) {
            case Op.I32_LOAD8_S, Op.I32_LOAD8_U, Op.I64_LOAD8_S, Op.I64_LOAD8_U, Op.I32_STORE8, Op.I64_STORE8 -> 1;
            case Op.I32_LOAD16_S, Op.I32_LOAD16_U, Op.I64_LOAD16_S, Op.I64_LOAD16_U, Op.I32_STORE16,
                 Op.I64_STORE16 -> 2;
            case Op.I64_LOAD, Op.F64_LOAD, Op.I64_STORE, Op.F64_STORE -> 8;
            case Op.I32_LOAD, Op.F32_LOAD, Op.I64_LOAD32_S, Op.I64_LOAD32_U, Op.I32_STORE, Op.F32_STORE,
                 Op.I64_STORE32 -> 4;
            default -> throw new UnsupportedOperationException("memory instruction not supported yet: "
                    + dev.wasmj.format.Opcode.values()[op].text());
        };
        if (!inBounds(ea, size, mem.byteSize())) {
            throw memoryOutOfBounds();
        }
        MemorySegment seg = mem.segment;
        long v = s[at + 1];
        switch (op) {
            case Op.I32_LOAD, Op.F32_LOAD, Op.I64_LOAD32_S -> s[at] = seg.get(INT, ea);
            case Op.I64_LOAD32_U -> s[at] = seg.get(INT, ea) & 0xFFFF_FFFFL;
            case Op.I64_LOAD, Op.F64_LOAD -> s[at] = seg.get(LONG, ea);
            case Op.I32_LOAD8_S, Op.I64_LOAD8_S -> s[at] = seg.get(BYTE, ea);
            case Op.I32_LOAD8_U, Op.I64_LOAD8_U -> s[at] = seg.get(BYTE, ea) & 0xFF;
            case Op.I32_LOAD16_S, Op.I64_LOAD16_S -> s[at] = seg.get(SHORT, ea);
            case Op.I32_LOAD16_U, Op.I64_LOAD16_U -> s[at] = seg.get(SHORT, ea) & 0xFFFF;
            case Op.I32_STORE, Op.F32_STORE, Op.I64_STORE32 -> seg.set(INT, ea, (int) v);
            case Op.I64_STORE, Op.F64_STORE -> seg.set(LONG, ea, v);
            case Op.I32_STORE8, Op.I64_STORE8 -> seg.set(BYTE, ea, (byte) v);
            default -> seg.set(SHORT, ea, (short) v);
        }
        return store ? sp - 2 : sp;
    }
}
