package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.WasmException;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.internal.ops.SimdDispatch;
import dev.wasmj.internal.ops.SimdOps;
import dev.wasmj.internal.runtime.CallContext;
import dev.wasmj.internal.runtime.ExceptionObject;
import dev.wasmj.internal.runtime.TagInstance;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.GlobalInstance;
import dev.wasmj.internal.runtime.HostCode;
import dev.wasmj.internal.runtime.HostFunctionInstance;
import dev.wasmj.internal.runtime.I31Ref;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * The interpreter's instructions that are not in its hot loop: frame changes (calls, returns, tail
 * calls), host calls, the calling convention, and every less frequent instruction (delegated further
 * to {@link Numeric} and {@link MemoryOps}).
 */
final class Exec {
    private Exec() {}

    /**
     * A Wasm exception that leaves the invocation without passing the handlers of the frame running:
     * thrown by a function that frame tail-called outside the interpreter (a host or compiled
     * function), after that frame was gone. {@link Interpreter#invoke} throws the exception on.
     */
    static final class Escape extends RuntimeException {
        final WasmException exception;

        Escape(WasmException exception) {
            super(null, null, false, false);
            this.exception = exception;
        }
    }

    /** What {@link #slow} did: continue in the same frame, switch to the frame in the machine, or finish. */
    static final int SAME_FRAME = 0, NEW_FRAME = 1, FINISHED = 2;

    // ---- calling convention: the stack's slots are the convention's slots

    /** Copies {@code n} slots of values from slots/refs to the stack at {@code at}. */
    static void fromSlots(Machine m, int n, int at, long[] slots, Object[] refs) {
        System.arraycopy(slots, 0, m.s, at, n);
        System.arraycopy(refs, 0, m.r, at, n);
    }

    /** Copies {@code n} slots of values from the stack at {@code at} to slots/refs. */
    static void toSlots(Machine m, int n, int at, long[] slots, Object[] refs) {
        System.arraycopy(m.s, at, slots, 0, n);
        System.arraycopy(m.r, at, refs, 0, n);
    }

    // ---- frames

    /** Starts {@code c} with its parameters at {@code fp}: clears its declared locals. */
    static void enter(Machine m, Code c, int fp) {
        int from = fp + c.params();
        int to = fp + c.locals();
        java.util.Arrays.fill(m.s, from, to, 0L);
        for (int i : c.refLocals()) {
            m.r[fp + i] = null;
        }
        m.code = c;
        m.pc = 0;
        m.fp = fp;
        m.sp = to;
    }

    /** Keeps the top {@code arity} values at {@code fp + height}; returns the new stack pointer. */
    static int drop(Machine m, int sp, int height, int arity, int fp) {
        int to = fp + height;
        int from = sp - arity;
        if (from != to) {
            System.arraycopy(m.s, from, m.s, to, arity);
            System.arraycopy(m.r, from, m.r, to, arity);
        }
        return to + arity;
    }

    /**
     * Returns from the frame of {@code c} at {@code fp} (results on top of m.sp); true if that was the
     * entry frame (results left at fp), else the caller's frame is in the machine.
     */
    static boolean doReturn(Machine m, Code c, int fp, int baseDepth) {
        int sp = drop(m, m.sp, 0, c.results(), fp);
        if (m.depth == baseDepth) {
            m.sp = sp;
            return true;
        }
        int d = --m.depth;
        m.code = m.frameCode[d];
        m.pc = m.framePc[d];
        m.fp = m.frameFp[d];
        m.frameCode[d] = null;
        m.sp = sp;
        return false;
    }

    /** Calls {@code callee} from the frame of {@code c} at {@code fp} (m.pc, m.sp after the call's operands). */
    static void call(Machine m, Code c, int fp, FunctionInstance callee) {
        if (callee instanceof WasmFunction wf && wf.compiled == null) {
            if ((wf.heat -= WasmFunction.CALL_HEAT) < 0) {
                hot(wf);
            }
            Code cc = Interpreter.code(wf);
            int nfp = m.sp - cc.params();
            m.pushFrame(c, m.pc, fp);
            m.ensure(nfp + cc.maxHeight());
            enter(m, cc, nfp);
        } else {
            callHost(m, c.instance(), callee);
            m.code = c;
            m.fp = fp;
        }
    }

    /**
     * Tail-calls {@code callee} from the frame of {@code c} at {@code fp}; returns a {@link #slow} result.
     * Runs a compiled callee that may tail-call further ({@code HostCode.tailCalling}) here too: a chain
     * of tail calls between compiled and interpreted functions stays in this loop.
     */
    static int tailCall(Machine m, Code c, int fp, FunctionInstance callee, int baseDepth) {
        if (callee instanceof WasmFunction wf && (wf.compiled == null || wf.compiled.tailCalling())) {
            if (wf.compiled == null && (wf.heat -= WasmFunction.CALL_HEAT) < 0) {
                hot(wf);
            }
            Code cc = Interpreter.code(wf);
            int n = cc.params();
            drop(m, m.sp, 0, n, fp);
            m.ensure(fp + cc.maxHeight());
            enter(m, cc, fp);
            return NEW_FRAME;
        }
        try {
            callHost(m, c.instance(), callee);
        } catch (WasmException e) {
            // the tail call replaced this frame: its handlers do not apply, the caller's do
            if (m.depth == baseDepth) {
                throw new Escape(e);
            }
            int d = --m.depth;
            Code caller = m.frameCode[d];
            int callerPc = m.framePc[d];
            int callerFp = m.frameFp[d];
            m.frameCode[d] = null;
            try {
                handle(m, caller, callerFp, e.exception(), callerPc - 1, baseDepth);
            } catch (WasmException unhandled) {
                throw new Escape(unhandled);
            }
            return NEW_FRAME;
        }
        return doReturn(m, c, fp, baseDepth) ? FINISHED : NEW_FRAME;
    }

    /** {@code f} ran out of {@link WasmFunction#heat}: tells the code generator (tiered compilation). */
    static void hot(WasmFunction f) {
        f.heat = Integer.MAX_VALUE;
        var generator = f.instance().store().codeGenerator();
        if (generator != null) {
            generator.hot(f);
        }
    }

    /**
     * Calls a host function or a compiled Wasm function (both in the slots convention) with its
     * arguments on top of the stack (m.sp), leaving its results there.
     */
    static void callHost(Machine m, ModuleInstance caller, FunctionInstance f) {
        HostCode hostCode = f instanceof HostFunctionInstance h ? h.code() : ((WasmFunction) f).compiled;
        int params = Lowering.slots(f.funcType().params());
        int results = Lowering.slots(f.funcType().results());
        int n = Math.max(params, results);
        long[] slots = new long[n];
        Object[] refs = new Object[n];
        int at = m.sp - params;
        toSlots(m, params, at, slots, refs);
        int savedTop = m.top;
        int savedDepth = m.depth;
        Code code = m.code;
        int pc = m.pc;
        m.top = m.sp;
        try {
            hostCode.call(new CallContext(caller.store(), caller), slots, refs);
        } finally {
            m.top = savedTop;
            m.depth = savedDepth;
            m.code = code;
            m.pc = pc;
        }
        m.ensure(at + results);
        fromSlots(m, results, at, slots, refs);
        m.sp = at + results;
    }

    // ---- traps

    /**
     * {@code t} with the frames of this run of the interpreter (from {@code c} at {@code pc} out to the
     * frame at {@code baseDepth}) after the frames it has: those of the callee it came from (compiled
     * code, or a nested run of the interpreter under a host function). Each run adds its own frames
     * on the way out, so a trap under compiled code and the interpreter gets the frames of both.
     */
    static Trap backtrace(Trap t, Machine m, Code c, int pc, int baseDepth) {
        List<Trap.Frame> frames = new ArrayList<>(t.backtrace());
        if (frames.size() >= 1000) {
            return t;
        }
        frames.add(frame(c, pc));
        for (int d = m.depth - 1; d >= baseDepth && frames.size() < 1000; d--) {
            if (m.frameCode[d] != null) {
                frames.add(frame(m.frameCode[d], m.framePc[d]));
            }
        }
        return new Trap(t.code(), t.getMessage(), frames);
    }

    private static Trap.Frame frame(Code c, int pc) {
        int[] offs = c.offsets();
        int i = Math.min(pc - 1, offs.length - 1);
        while (i > 0 && offs[i] == 0) {
            i--;
        }
        WasmFunction f = c.function();
        return new Trap.Frame(c.instance().name(), f.index(), f.name(), i >= 0 ? offs[i] : -1);
    }

    // ---- the rest of the instructions

    /** Runs the instruction at m.pc of {@code c}'s frame at {@code fp} (m.sp current). */
    static int slow(Machine m, Code c, int fp, int baseDepth) {
        int[] code = c.code();
        int pc = m.pc;
        int op = code[pc++];
        int sp = m.sp;
        long[] s = m.s;
        Object[] r = m.r;
        ModuleInstance inst = c.instance();
        switch (op) {
            case Op.CALL_INDIRECT, Op.RETURN_CALL_INDIRECT -> {
                FunctionInstance f = MemoryOps.indirect(inst, code[pc + 1], code[pc], s[sp - 1]);
                m.pc = pc + 2;
                m.sp = sp - 1;
                if (op == Op.CALL_INDIRECT) {
                    call(m, c, fp, f);
                    return NEW_FRAME;
                }
                return tailCall(m, c, fp, f, baseDepth);
            }
            case Op.CALL_REF, Op.RETURN_CALL_REF -> {
                Object f = r[sp - 1];
                if (f == null) {
                    throw new Trap(TrapCode.NULL_REFERENCE, "null function reference");
                }
                m.pc = pc;
                m.sp = sp - 1;
                if (op == Op.CALL_REF) {
                    call(m, c, fp, (FunctionInstance) f);
                    return NEW_FRAME;
                }
                return tailCall(m, c, fp, (FunctionInstance) f, baseDepth);
            }
            case Op.RETURN_CALL -> {
                m.pc = pc + 1;
                return tailCall(m, c, fp, inst.functions[code[pc]], baseDepth);
            }
            case Op.BR_ON_NULL_DROP -> {
                if (r[sp - 1] == null) {
                    sp = drop(m, sp - 1, code[pc + 1], code[pc + 2], fp);
                    pc = code[pc];
                } else {
                    pc += 3;
                }
            }
            case Op.BR_ON_NON_NULL_DROP -> {
                if (r[sp - 1] != null) {
                    sp = drop(m, sp, code[pc + 1], code[pc + 2], fp);
                    pc = code[pc];
                } else {
                    sp--;
                    pc += 3;
                }
            }
            case Op.SELECT_REF -> {
                sp -= 2;
                if ((int) s[sp + 1] == 0) {
                    r[sp - 1] = r[sp];
                }
            }
            case Op.SELECT_V -> {
                sp -= 3;
                if ((int) s[sp + 2] == 0) {
                    s[sp - 2] = s[sp];
                    s[sp - 1] = s[sp + 1];
                }
            }
            case Op.LOCAL_GET_V -> {
                int i = fp + code[pc++];
                s[sp++] = s[i];
                s[sp++] = s[i + 1];
            }
            case Op.LOCAL_SET_V -> {
                int i = fp + code[pc++];
                sp -= 2;
                s[i] = s[sp];
                s[i + 1] = s[sp + 1];
            }
            case Op.LOCAL_TEE_V -> {
                int i = fp + code[pc++];
                s[i] = s[sp - 2];
                s[i + 1] = s[sp - 1];
            }
            case Op.GLOBAL_GET_REF -> r[sp++] = inst.globals[code[pc++]].ref;
            case Op.GLOBAL_SET_REF -> inst.globals[code[pc++]].ref = r[--sp];
            case Op.GLOBAL_GET_V -> {
                GlobalInstance g = inst.globals[code[pc++]];
                s[sp++] = g.value;
                s[sp++] = g.high;
            }
            case Op.GLOBAL_SET_V -> {
                GlobalInstance g = inst.globals[code[pc++]];
                sp -= 2;
                g.value = s[sp];
                g.high = s[sp + 1];
            }
            case Op.REF_NULL -> r[sp++] = null;
            case Op.REF_IS_NULL -> s[sp - 1] = r[sp - 1] == null ? 1 : 0;
            case Op.REF_FUNC -> r[sp++] = inst.functions[code[pc++]];
            case Op.REF_EQ -> {
                sp--;
                Object a = r[sp - 1];
                Object b = r[sp];
                s[sp - 1] = a == b || (a instanceof I31Ref && a.equals(b)) ? 1 : 0;
            }
            case Op.REF_AS_NON_NULL -> {
                if (r[sp - 1] == null) {
                    throw new Trap(TrapCode.NULL_REFERENCE, "null reference");
                }
            }
            case Op.MEMORY_GROW, Op.MEMORY_INIT, Op.DATA_DROP, Op.MEMORY_COPY, Op.MEMORY_FILL, Op.MEMORY_SIZE,
                 Op.TABLE_GET, Op.TABLE_SET, Op.TABLE_INIT, Op.ELEM_DROP, Op.TABLE_COPY, Op.TABLE_GROW,
                 Op.TABLE_SIZE, Op.TABLE_FILL, Op.MEM_SLOW -> {
                m.pc = pc;
                m.sp = sp;
                MemoryOps.exec(m, inst, op);
                if (op != Op.MEMORY_GROW) {
                    return SAME_FRAME;
                }
                m.code = c;
                m.fp = fp;
                return NEW_FRAME; // the memory may have moved: the loop reloads it
            }
            case Op.NOP -> { }
            case Op.LOOP -> {
                // a loop's head, in functions that count their iterations (tiered compilation); here,
                // not in the interpreter's hot loop, which stays the same without tiering
                if (--c.function().heat < 0) {
                    hot(c.function());
                }
            }
            case Op.ATOMIC_FENCE -> java.lang.invoke.VarHandle.fullFence();
            case Op.V128_LOAD -> sp = SimdMemory.load(inst.memories[0].segment, code[pc++], s, sp);
            case Op.V128_STORE -> sp = SimdMemory.store(inst.memories[0].segment, code[pc++], s, sp);
            case Op.SIMD_X -> {
                int at = sp - code[pc + 2];
                SimdDispatch.exec(code[pc], s, at, code[pc + 1]);
                sp = at + code[pc + 3];
                pc += 4;
            }
            case Op.I8X16_SHUFFLE -> {
                sp -= 4;
                SimdOps.i8x16Shuffle(s, sp, (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32),
                        (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32));
                sp += 2;
                pc += 4;
            }
            case Op.V128_CONST -> {
                s[sp++] = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32);
                s[sp++] = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
                pc += 4;
            }
            case Op.THROW -> {
                TagInstance tag = inst.tags[code[pc]];
                int n = Lowering.slots(tag.type().funcType().params());
                long[] slots = new long[n];
                Object[] refs = new Object[n];
                sp -= n;
                System.arraycopy(s, sp, slots, 0, n);
                System.arraycopy(r, sp, refs, 0, n);
                m.sp = sp;
                throw new WasmException(new ExceptionObject(tag, slots, refs));
            }
            case Op.THROW_REF -> {
                Object e = r[--sp];
                if (e == null) {
                    throw new Trap(TrapCode.NULL_REFERENCE, "null exception reference");
                }
                m.sp = sp;
                throw new WasmException((ExceptionObject) e);
            }
            case Op.RETHROW -> throw new WasmException((ExceptionObject) r[fp + code[pc]]);
            case Op.BR_ON_CAST_X, Op.BR_ON_CAST_FAIL_X -> {
                boolean ok = GcOps.test(inst.store().subtyping(), r[sp - 1], code[pc + 3], code[pc + 4] != 0);
                if (ok == (op == Op.BR_ON_CAST_X)) {
                    sp = drop(m, sp, code[pc + 1], code[pc + 2], fp);
                    pc = code[pc];
                } else {
                    pc += 5;
                }
            }
            case Op.BR_ON_CAST_DESC_EQ_X, Op.BR_ON_CAST_DESC_EQ_FAIL_X -> {
                sp--;
                boolean ok = GcOps.descEq(r[sp - 1], r[sp], code[pc + 3] != 0);
                if (ok == (op == Op.BR_ON_CAST_DESC_EQ_X)) {
                    sp = drop(m, sp, code[pc + 1], code[pc + 2], fp);
                    pc = code[pc];
                } else {
                    pc += 4;
                }
            }
            case Op.REF_GET_DESC, Op.REF_CAST_DESC_EQ, Op.REF_CAST_DESC_EQ_NULL, Op.STRUCT_NEW_DESC,
                 Op.STRUCT_NEW_DEFAULT_DESC,
                 Op.REF_TEST, Op.REF_TEST_NULL, Op.REF_CAST, Op.REF_CAST_NULL, Op.REF_I31, Op.I31_GET_S,
                 Op.I31_GET_U, Op.STRUCT_NEW, Op.STRUCT_NEW_DEFAULT, Op.STRUCT_GET, Op.STRUCT_SET, Op.ARRAY_NEW,
                 Op.ARRAY_NEW_DEFAULT, Op.ARRAY_NEW_FIXED, Op.ARRAY_NEW_DATA, Op.ARRAY_NEW_ELEM, Op.ARRAY_GET,
                 Op.ARRAY_SET, Op.ARRAY_LEN, Op.ARRAY_FILL, Op.ARRAY_COPY, Op.ARRAY_INIT_DATA,
                 Op.ARRAY_INIT_ELEM -> {
                m.pc = pc;
                m.sp = sp;
                GcOps.exec(m, inst, op);
                return SAME_FRAME;
            }
            default -> sp = Numeric.exec(op, s, sp);
        }
        m.pc = pc;
        m.sp = sp;
        return SAME_FRAME;
    }

    /**
     * Finds the handler of exception {@code exn} thrown at {@code throwPc} of the frame of {@code c} at
     * {@code fp}, unwinding frames down to {@code baseDepth}; sets the machine to the landing pad, or
     * throws the exception on if no frame of this invocation handles it.
     */
    static void handle(Machine m, Code c, int fp, ExceptionObject exn, int throwPc, int baseDepth) {
        Code cur = c;
        int curFp = fp;
        int p = throwPc;
        for (;;) {
            int[] hs = cur.handlers();
            ModuleInstance inst = cur.instance();
            for (int i = 0; i < hs.length && p >= 0; i += Lowering.HANDLER_SIZE) {
                if (p < hs[i] || p >= hs[i + 1]) {
                    continue;
                }
                int kind = hs[i + 2];
                if (kind == Lowering.H_DELEGATE) {
                    p = hs[i + 6];
                    i = -Lowering.HANDLER_SIZE;
                    continue;
                }
                boolean all = kind == CodeReader.CATCH_ALL || kind == CodeReader.CATCH_ALL_REF
                        || kind == Lowering.H_LEGACY_CATCH_ALL;
                if (!all && inst.tags[hs[i + 3]] != exn.tag()) {
                    continue;
                }
                int sp = curFp + hs[i + 5];
                m.ensure(sp + exn.slots().length + 1);
                if (!all) {
                    int n = exn.slots().length;
                    System.arraycopy(exn.slots(), 0, m.s, sp, n);
                    System.arraycopy(exn.refs(), 0, m.r, sp, n);
                    sp += n;
                }
                if (kind == CodeReader.CATCH_REF || kind == CodeReader.CATCH_ALL_REF) {
                    m.r[sp++] = exn;
                }
                if (kind == Lowering.H_LEGACY_CATCH || kind == Lowering.H_LEGACY_CATCH_ALL) {
                    m.r[curFp + hs[i + 6]] = exn;
                }
                m.code = cur;
                m.fp = curFp;
                m.pc = hs[i + 4];
                m.sp = sp;
                return;
            }
            if (m.depth == baseDepth) {
                throw new WasmException(exn);
            }
            int d = --m.depth;
            cur = m.frameCode[d];
            p = m.framePc[d] - 1;
            curFp = m.frameFp[d];
            m.frameCode[d] = null;
        }
    }
}
