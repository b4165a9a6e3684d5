package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.WasmException;
import dev.wasmj.internal.ops.NumericOps;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.GlobalInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.StoreContext;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The interpreter engine: runs Wasm functions over their {@link Code lowered code} with one
 * dispatch loop per host entry. Wasm-to-Wasm calls, returns and tail calls change frames inside the
 * loop (no Java recursion), so the frame stack, not the Java stack, bounds recursion. Hot instructions
 * are handled in {@link #run}; the rest go to {@link Exec}, kept apart so that {@code run} stays small
 * enough for the JIT.
 */
public final class Interpreter {
    private Interpreter() {}

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private static final ThreadLocal<Machine> MACHINE = ThreadLocal.withInitial(Machine::new);

    /** Calls {@code f} with arguments and results in the calling convention of {@code HostCode}. */
    public static void invoke(StoreContext store, WasmFunction f, long[] slots, Object[] refs) {
        Machine m = MACHINE.get();
        int savedTop = m.top;
        int savedDepth = m.depth;
        try {
            if ((f.heat -= WasmFunction.CALL_HEAT) < 0) {
                Exec.hot(f);
            }
            Code c = code(f);
            int base = m.top;
            m.ensure(base + c.maxHeight());
            Exec.fromSlots(m, c.params(), base, slots, refs);
            Exec.enter(m, c, base);
            m.top = base + c.maxHeight();
            run(m, savedDepth);
            Exec.toSlots(m, c.results(), base, slots, refs);
        } catch (Exec.Escape e) {
            throw e.exception;
        } catch (StackOverflowError e) {
            throw new Trap(TrapCode.STACK_OVERFLOW, "call stack exhausted");
        } finally {
            m.top = savedTop;
            m.depth = savedDepth;
        }
    }

    /** The lowered code of {@code f}, lowering it on first use. */
    static Code code(WasmFunction f) {
        Object c = f.lowered;
        if (c == null) {
            c = Lowering.lower(f);
            f.lowered = c;
        }
        return (Code) c;
    }

    static MemorySegment memory0(ModuleInstance inst) {
        return inst.memories.length > 0 ? inst.memories[0].segment : null;
    }

    /** Runs from the frame in {@code m} until the frame at {@code baseDepth} returns. */
    private static void run(Machine m, int baseDepth) {
        outer:
        for (;;) {
            Code c = m.code;
            int[] code = c.code();
            int pc = m.pc;
            int fp = m.fp;
            int sp = m.sp;
            long[] s = m.s;
            Object[] r = m.r;
            ModuleInstance inst = c.instance();
            GlobalInstance[] globals = inst.globals;
            MemorySegment mem = memory0(inst);
            try {
                for (;;) {
                    switch (code[pc++]) {
                        case Op.UNREACHABLE -> throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "unreachable");
                        case Op.JUMP -> pc = code[pc];
                        case Op.BR_IF -> pc = (int) s[--sp] != 0 ? code[pc] : pc + 1;
                        case Op.IF_FALSE, Op.JIF_EQZ -> pc = (int) s[--sp] == 0 ? code[pc] : pc + 1;
                        case Op.JIF_EQ -> pc = (int) s[sp -= 2] == (int) s[sp + 1] ? code[pc] : pc + 1;
                        case Op.JIF_NE -> pc = (int) s[sp -= 2] != (int) s[sp + 1] ? code[pc] : pc + 1;
                        case Op.JIF_LT_S -> pc = (int) s[sp -= 2] < (int) s[sp + 1] ? code[pc] : pc + 1;
                        case Op.JIF_GT_S -> pc = (int) s[sp -= 2] > (int) s[sp + 1] ? code[pc] : pc + 1;
                        case Op.JIF_LE_S -> pc = (int) s[sp -= 2] <= (int) s[sp + 1] ? code[pc] : pc + 1;
                        case Op.JIF_GE_S -> pc = (int) s[sp -= 2] >= (int) s[sp + 1] ? code[pc] : pc + 1;
                        case Op.JIF_LT_U ->
                                pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) < 0 ? code[pc] : pc + 1;
                        case Op.JIF_GT_U ->
                                pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) > 0 ? code[pc] : pc + 1;
                        case Op.JIF_LE_U ->
                                pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) <= 0 ? code[pc] : pc + 1;
                        case Op.JIF_GE_U ->
                                pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) >= 0 ? code[pc] : pc + 1;
                        case Op.BR_DROP -> {
                            sp = Exec.drop(m, sp, code[pc + 1], code[pc + 2], fp);
                            pc = code[pc];
                        }
                        case Op.BR_IF_DROP -> {
                            if ((int) s[--sp] != 0) {
                                sp = Exec.drop(m, sp, code[pc + 1], code[pc + 2], fp);
                                pc = code[pc];
                            } else {
                                pc += 3;
                            }
                        }
                        case Op.BR_TABLE_X -> {
                            int n = code[pc];
                            int i = (int) s[--sp];
                            int at = pc + 1 + 3 * (Integer.compareUnsigned(i, n) < 0 ? i : n);
                            int target = code[at];
                            if (target == Lowering.RETURN_TARGET) {
                                m.sp = sp;
                                if (Exec.doReturn(m, c, fp, baseDepth)) {
                                    return;
                                }
                                continue outer;
                            }
                            sp = Exec.drop(m, sp, code[at + 1], code[at + 2], fp);
                            pc = target;
                        }
                        case Op.RETURN_X -> {
                            m.sp = sp;
                            if (Exec.doReturn(m, c, fp, baseDepth)) {
                                return;
                            }
                            continue outer;
                        }
                        case Op.CALL -> {
                            FunctionInstance callee = inst.functions[code[pc]];
                            m.pc = pc + 1;
                            m.sp = sp;
                            Exec.call(m, c, fp, callee);
                            continue outer;
                        }
                        case Op.DROP -> sp--;
                        case Op.SELECT -> {
                            sp -= 2;
                            if ((int) s[sp + 1] == 0) {
                                s[sp - 1] = s[sp];
                            }
                        }
                        case Op.LOCAL_GET -> s[sp++] = s[fp + code[pc++]];
                        case Op.LOCAL_SET -> s[fp + code[pc++]] = s[--sp];
                        case Op.LOCAL_TEE -> s[fp + code[pc++]] = s[sp - 1];
                        case Op.LOCAL_GET_REF -> r[sp++] = r[fp + code[pc++]];
                        case Op.LOCAL_SET_REF -> r[fp + code[pc++]] = r[--sp];
                        case Op.LOCAL_TEE_REF -> r[fp + code[pc++]] = r[sp - 1];
                        case Op.GLOBAL_GET -> s[sp++] = globals[code[pc++]].value;
                        case Op.GLOBAL_SET -> globals[code[pc++]].value = s[--sp];
                        case Op.I32_CONST -> s[sp++] = code[pc++];
                        case Op.I64_CONST -> {
                            s[sp++] = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32);
                            pc += 2;
                        }
                        case Op.I32_LOAD, Op.F32_LOAD ->
                                s[sp - 1] = mem.get(INT, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]);
                        case Op.I64_LOAD, Op.F64_LOAD ->
                                s[sp - 1] = mem.get(LONG, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]);
                        case Op.I32_LOAD8_S, Op.I64_LOAD8_S ->
                                s[sp - 1] = mem.get(BYTE, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]);
                        case Op.I32_LOAD8_U, Op.I64_LOAD8_U ->
                                s[sp - 1] = mem.get(BYTE, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]) & 0xFF;
                        case Op.I32_LOAD16_S, Op.I64_LOAD16_S ->
                                s[sp - 1] = mem.get(SHORT, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]);
                        case Op.I32_LOAD16_U, Op.I64_LOAD16_U ->
                                s[sp - 1] = mem.get(SHORT, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]) & 0xFFFF;
                        case Op.I64_LOAD32_S -> s[sp - 1] = mem.get(INT, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]);
                        case Op.I64_LOAD32_U ->
                                s[sp - 1] = mem.get(INT, (s[sp - 1] & 0xFFFF_FFFFL) + code[pc++]) & 0xFFFF_FFFFL;
                        case Op.I32_STORE, Op.F32_STORE, Op.I64_STORE32 -> {
                            sp -= 2;
                            mem.set(INT, (s[sp] & 0xFFFF_FFFFL) + code[pc++], (int) s[sp + 1]);
                        }
                        case Op.I64_STORE, Op.F64_STORE -> {
                            sp -= 2;
                            mem.set(LONG, (s[sp] & 0xFFFF_FFFFL) + code[pc++], s[sp + 1]);
                        }
                        case Op.I32_STORE8, Op.I64_STORE8 -> {
                            sp -= 2;
                            mem.set(BYTE, (s[sp] & 0xFFFF_FFFFL) + code[pc++], (byte) s[sp + 1]);
                        }
                        case Op.I32_STORE16, Op.I64_STORE16 -> {
                            sp -= 2;
                            mem.set(SHORT, (s[sp] & 0xFFFF_FFFFL) + code[pc++], (short) s[sp + 1]);
                        }
                        case Op.I32_EQZ -> s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0;
                        case Op.I32_EQ -> s[--sp - 1] = (int) s[sp - 1] == (int) s[sp] ? 1 : 0;
                        case Op.I32_NE -> s[--sp - 1] = (int) s[sp - 1] != (int) s[sp] ? 1 : 0;
                        case Op.I32_LT_S -> s[--sp - 1] = (int) s[sp - 1] < (int) s[sp] ? 1 : 0;
                        case Op.I32_LT_U -> s[--sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) < 0 ? 1 : 0;
                        case Op.I32_GT_S -> s[--sp - 1] = (int) s[sp - 1] > (int) s[sp] ? 1 : 0;
                        case Op.I32_GT_U -> s[--sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) > 0 ? 1 : 0;
                        case Op.I32_LE_S -> s[--sp - 1] = (int) s[sp - 1] <= (int) s[sp] ? 1 : 0;
                        case Op.I32_LE_U -> s[--sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) <= 0 ? 1 : 0;
                        case Op.I32_GE_S -> s[--sp - 1] = (int) s[sp - 1] >= (int) s[sp] ? 1 : 0;
                        case Op.I32_GE_U -> s[--sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) >= 0 ? 1 : 0;
                        case Op.I64_EQZ -> s[sp - 1] = s[sp - 1] == 0 ? 1 : 0;
                        case Op.I64_EQ -> s[--sp - 1] = s[sp - 1] == s[sp] ? 1 : 0;
                        case Op.I64_NE -> s[--sp - 1] = s[sp - 1] != s[sp] ? 1 : 0;
                        case Op.I64_LT_S -> s[--sp - 1] = s[sp - 1] < s[sp] ? 1 : 0;
                        case Op.I64_LT_U -> s[--sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) < 0 ? 1 : 0;
                        case Op.I64_GT_S -> s[--sp - 1] = s[sp - 1] > s[sp] ? 1 : 0;
                        case Op.I64_GT_U -> s[--sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) > 0 ? 1 : 0;
                        case Op.I64_LE_S -> s[--sp - 1] = s[sp - 1] <= s[sp] ? 1 : 0;
                        case Op.I64_LE_U -> s[--sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) <= 0 ? 1 : 0;
                        case Op.I64_GE_S -> s[--sp - 1] = s[sp - 1] >= s[sp] ? 1 : 0;
                        case Op.I64_GE_U -> s[--sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) >= 0 ? 1 : 0;
                        case Op.I32_ADD -> s[--sp - 1] = (int) s[sp - 1] + (int) s[sp];
                        case Op.I32_SUB -> s[--sp - 1] = (int) s[sp - 1] - (int) s[sp];
                        case Op.I32_MUL -> s[--sp - 1] = (int) s[sp - 1] * (int) s[sp];
                        case Op.I32_AND -> s[--sp - 1] = (int) s[sp - 1] & (int) s[sp];
                        case Op.I32_OR -> s[--sp - 1] = (int) s[sp - 1] | (int) s[sp];
                        case Op.I32_XOR -> s[--sp - 1] = (int) s[sp - 1] ^ (int) s[sp];
                        case Op.I32_SHL -> s[--sp - 1] = (int) s[sp - 1] << (int) s[sp];
                        case Op.I32_SHR_S -> s[--sp - 1] = (int) s[sp - 1] >> (int) s[sp];
                        case Op.I32_SHR_U -> s[--sp - 1] = (int) s[sp - 1] >>> (int) s[sp];
                        case Op.I64_ADD -> s[--sp - 1] = s[sp - 1] + s[sp];
                        case Op.I64_SUB -> s[--sp - 1] = s[sp - 1] - s[sp];
                        case Op.I64_MUL -> s[--sp - 1] = s[sp - 1] * s[sp];
                        case Op.I64_AND -> s[--sp - 1] = s[sp - 1] & s[sp];
                        case Op.I64_OR -> s[--sp - 1] = s[sp - 1] | s[sp];
                        case Op.I64_XOR -> s[--sp - 1] = s[sp - 1] ^ s[sp];
                        case Op.I64_SHL -> s[--sp - 1] = s[sp - 1] << s[sp];
                        case Op.I64_SHR_S -> s[--sp - 1] = s[sp - 1] >> s[sp];
                        case Op.I64_SHR_U -> s[--sp - 1] = s[sp - 1] >>> s[sp];
                        case Op.F32_ADD -> s[--sp - 1] = NumericOps.f32Add((int) s[sp - 1], (int) s[sp]);
                        case Op.F32_SUB -> s[--sp - 1] = NumericOps.f32Sub((int) s[sp - 1], (int) s[sp]);
                        case Op.F32_MUL -> s[--sp - 1] = NumericOps.f32Mul((int) s[sp - 1], (int) s[sp]);
                        case Op.F32_DIV -> s[--sp - 1] = NumericOps.f32Div((int) s[sp - 1], (int) s[sp]);
                        case Op.F64_ADD -> s[--sp - 1] = NumericOps.f64Add(s[sp - 1], s[sp]);
                        case Op.F64_SUB -> s[--sp - 1] = NumericOps.f64Sub(s[sp - 1], s[sp]);
                        case Op.F64_MUL -> s[--sp - 1] = NumericOps.f64Mul(s[sp - 1], s[sp]);
                        case Op.F64_DIV -> s[--sp - 1] = NumericOps.f64Div(s[sp - 1], s[sp]);
                        case Op.F64_EQ -> s[--sp - 1] = NumericOps.f64Eq(s[sp - 1], s[sp]);
                        case Op.F64_NE -> s[--sp - 1] = NumericOps.f64Ne(s[sp - 1], s[sp]);
                        case Op.F64_LT -> s[--sp - 1] = NumericOps.f64Lt(s[sp - 1], s[sp]);
                        case Op.F64_GT -> s[--sp - 1] = NumericOps.f64Gt(s[sp - 1], s[sp]);
                        case Op.F64_LE -> s[--sp - 1] = NumericOps.f64Le(s[sp - 1], s[sp]);
                        case Op.F64_GE -> s[--sp - 1] = NumericOps.f64Ge(s[sp - 1], s[sp]);
                        case Op.I32_DIV_S -> s[--sp - 1] = NumericOps.i32DivS((int) s[sp - 1], (int) s[sp]);
                        case Op.I32_DIV_U -> s[--sp - 1] = NumericOps.i32DivU((int) s[sp - 1], (int) s[sp]);
                        case Op.I32_REM_S -> s[--sp - 1] = NumericOps.i32RemS((int) s[sp - 1], (int) s[sp]);
                        case Op.I32_REM_U -> s[--sp - 1] = NumericOps.i32RemU((int) s[sp - 1], (int) s[sp]);
                        case Op.I32_WRAP_I64 -> s[sp - 1] = (int) s[sp - 1];
                        case Op.I64_EXTEND_I32_S -> s[sp - 1] = (int) s[sp - 1];
                        case Op.I64_EXTEND_I32_U -> s[sp - 1] = s[sp - 1] & 0xFFFF_FFFFL;
                        default -> {
                            m.pc = pc - 1;
                            m.sp = sp;
                            int next = Exec.slow(m, c, fp, baseDepth);
                            if (next == Exec.SAME_FRAME) {
                                pc = m.pc;
                                sp = m.sp;
                            } else if (next == Exec.NEW_FRAME) {
                                continue outer;
                            } else {
                                return;
                            }
                        }
                    }
                }
            } catch (WasmException e) {
                Exec.handle(m, c, fp, e.exception(), pc - 1, baseDepth);
                continue;
            } catch (Trap t) {
                throw Exec.backtrace(t, m, c, pc, baseDepth);
            } catch (IndexOutOfBoundsException e) {
                if (e instanceof ArrayIndexOutOfBoundsException) {
                    throw e;
                }
                throw Exec.backtrace(new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access"),
                        m, c, pc, baseDepth);
            }
        }
    }
}
