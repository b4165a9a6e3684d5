package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.internal.interpreter.Interpreter;
import dev.wasmj.internal.ops.NumericOps;
import dev.wasmj.internal.runtime.CallContext;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.HostFunctionInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.TableInstance;
import dev.wasmj.internal.runtime.WasmFunction;

/**
 * The run-time helpers generated code calls with {@code invokestatic}: calls that leave compiled
 * code (imports, functions on the interpreter, indirect calls), memory growth, and the instructions
 * that trap. Traps leave compiled code as {@link TrapSignal}s so that they carry a stack trace.
 * Public only because generated classes live in another (unnamed) module.
 */
public final class CompilerSupport {
    private CompilerSupport() {}

    // ---- calls out of compiled code (the slots convention of HostCode)

    /** Calls function {@code func} of {@code inst} with arguments and results in slots/refs. */
    public static void call(ModuleInstance inst, int func, long[] slots, Object[] refs) {
        invoke(inst, inst.functions[func], slots, refs);
    }

    /** Calls {@code f} from compiled code of {@code caller} with arguments and results in slots/refs. */
    public static void invoke(ModuleInstance caller, FunctionInstance f, long[] slots, Object[] refs) {
        if (f instanceof HostFunctionInstance h) {
            h.code().call(new CallContext(caller.store(), caller), slots, refs);
            return;
        }
        WasmFunction w = (WasmFunction) f;
        var compiled = w.compiled;
        if (compiled == null && w.instance().generated instanceof HotCompiler h) {
            h.calledFromCompiled(w); // tiered: it may get compiled now (when not in the background)
            compiled = w.compiled;
        }
        if (compiled != null) {
            compiled.call(new CallContext(caller.store(), caller), slots, refs);
        } else {
            Interpreter.invoke(caller.store(), w, slots, refs);
        }
    }

    /**
     * The function at {@code index} of table {@code table} of {@code inst} for a call_indirect of
     * canonical type id {@code typeId}; traps like the interpreter.
     */
    public static FunctionInstance indirect(int index, ModuleInstance inst, int table, int typeId) {
        TableInstance t = inst.tables[table];
        long i = index & 0xFFFF_FFFFL;
        if (i >= t.size) {
            throw new TrapSignal(new Trap(TrapCode.TABLE_OUT_OF_BOUNDS, "undefined element"));
        }
        Object e = t.elements[(int) i];
        if (e == null) {
            throw new TrapSignal(new Trap(TrapCode.INDIRECT_CALL_TO_NULL, "uninitialized element " + i));
        }
        FunctionInstance f = (FunctionInstance) e;
        int id = f.type().id();
        if (id != typeId && !inst.store().subtyping().isDefSubtype(id, typeId)) {
            throw new TrapSignal(new Trap(TrapCode.BAD_SIGNATURE, "indirect call type mismatch"));
        }
        return f;
    }

    /** {@link #indirect(int, ModuleInstance, int, int)} on a table with 64-bit indices. */
    public static FunctionInstance indirect(long index, ModuleInstance inst, int table, int typeId) {
        TableInstance t = inst.tables[table];
        if (Long.compareUnsigned(index, t.size) >= 0) {
            throw new TrapSignal(new Trap(TrapCode.TABLE_OUT_OF_BOUNDS, "undefined element"));
        }
        Object e = t.elements[(int) index];
        if (e == null) {
            throw new TrapSignal(new Trap(TrapCode.INDIRECT_CALL_TO_NULL, "uninitialized element " + index));
        }
        FunctionInstance f = (FunctionInstance) e;
        int id = f.type().id();
        if (id != typeId && !inst.store().subtyping().isDefSubtype(id, typeId)) {
            throw new TrapSignal(new Trap(TrapCode.BAD_SIGNATURE, "indirect call type mismatch"));
        }
        return f;
    }

    /**
     * The method of {@code f} with unboxed parameters and result, for {@code invokeExact} with the
     * descriptor of its type, if {@code f} is compiled; else null (call it through the slots).
     */
    public static java.lang.invoke.MethodHandle directHandle(FunctionInstance f) {
        if (f instanceof WasmFunction w && w.compiled instanceof CompiledCode c) {
            return c.direct();
        }
        return null;
    }

    // ---- traps

    /** The signal for {@code unreachable} (generated code throws it). */
    public static RuntimeException unreachable() {
        return new TrapSignal(new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "unreachable"));
    }

    /** The signal for a null reference where there must be none. */
    public static RuntimeException nullReference(String message) {
        return new TrapSignal(new Trap(TrapCode.NULL_REFERENCE, message));
    }

    /** The Wasm exception of tag {@code tag} of {@code inst} with the values in slots/refs (generated code throws it). */
    public static RuntimeException exception(ModuleInstance inst, int tag, long[] slots, Object[] refs) {
        return new dev.wasmj.WasmException(
                new dev.wasmj.internal.runtime.ExceptionObject(inst.tags[tag], slots, refs));
    }

    /** throw_ref: the Wasm exception of {@code exn}, or the null-reference trap. */
    public static RuntimeException rethrow(Object exn) {
        if (exn == null) {
            return nullReference("null exception reference");
        }
        return new dev.wasmj.WasmException((dev.wasmj.internal.runtime.ExceptionObject) exn);
    }

    /** ref.eq: the same reference, or i31 references of the same value. */
    public static int refEq(Object a, Object b) {
        return a == b || (a instanceof dev.wasmj.internal.runtime.I31Ref && a.equals(b)) ? 1 : 0;
    }

    // ---- references

    /** ref.is_null. */
    public static int isNull(Object ref) {
        return ref == null ? 1 : 0;
    }

    // ---- numeric instructions that trap (NumericOps's, with the trap as a signal)

    public static int i32DivS(int a, int b) {
        try {
            return NumericOps.i32DivS(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32DivU(int a, int b) {
        try {
            return NumericOps.i32DivU(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32RemS(int a, int b) {
        try {
            return NumericOps.i32RemS(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32RemU(int a, int b) {
        try {
            return NumericOps.i32RemU(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64DivS(long a, long b) {
        try {
            return NumericOps.i64DivS(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64DivU(long a, long b) {
        try {
            return NumericOps.i64DivU(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64RemS(long a, long b) {
        try {
            return NumericOps.i64RemS(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64RemU(long a, long b) {
        try {
            return NumericOps.i64RemU(a, b);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32TruncF32S(int a) {
        try {
            return NumericOps.i32TruncF32S(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32TruncF32U(int a) {
        try {
            return NumericOps.i32TruncF32U(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32TruncF64S(long a) {
        try {
            return NumericOps.i32TruncF64S(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static int i32TruncF64U(long a) {
        try {
            return NumericOps.i32TruncF64U(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64TruncF32S(int a) {
        try {
            return NumericOps.i64TruncF32S(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64TruncF32U(int a) {
        try {
            return NumericOps.i64TruncF32U(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64TruncF64S(long a) {
        try {
            return NumericOps.i64TruncF64S(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }

    public static long i64TruncF64U(long a) {
        try {
            return NumericOps.i64TruncF64U(a);
        } catch (Trap t) {
            throw new TrapSignal(t);
        }
    }
}
