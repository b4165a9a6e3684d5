package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.ValType;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * The f32 and f64 locals of a function compiled as one method, kept in JVM {@code float} and
 * {@code double} locals instead of their raw bits in {@code int} and {@code long} ones. Values on the
 * operand stack stay raw bits (the compiler's kinds 'I' and 'J'): {@code local.get} converts the
 * local to its bits ({@code Float.floatToRawIntBits}, {@code Double.doubleToRawLongBits}) and
 * {@code local.set} back, conversions that keep every bit (NaN payloads included) and that C2
 * compiles as register moves and folds with the conversions around the float arithmetic, loads and
 * stores next to them.
 *
 * <p>Why: C2 does not fold those conversions through a loop's phi. A float local carried around a
 * loop as bits lives in a general-purpose register (or its stack slot), moved to and from the
 * vector registers at every use and update: nbody's time-step loop, whose 15 positions are locals,
 * and a scratch Java copy of it ran 1.9 ms with {@code long} locals and 1.1 ms with {@code double}
 * ones.
 *
 * <p>Parameters arrive as bits in their own JVM locals (the calling convention does not change): the
 * method converts each f32 and f64 parameter into a float local of its own after its start label, so
 * a self tail call, which sets the parameters' bit locals and jumps there, converts them again.
 * Functions split into several methods ({@link FunctionSplitter}) keep every local as bits: their
 * locals move through {@code long[]} frames by kind.
 */
final class FloatLocals {
    /** No local kept as a float: every function compiled with a hook ({@link InstructionHook}). */
    static final FloatLocals NONE = new FloatLocals(new int[0], new boolean[0]);

    private static final MethodTypeDesc INT_BITS_TO_FLOAT =
            MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int);
    private static final MethodTypeDesc FLOAT_TO_RAW_INT_BITS =
            MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float);
    private static final MethodTypeDesc LONG_BITS_TO_DOUBLE =
            MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long);
    private static final MethodTypeDesc DOUBLE_TO_RAW_LONG_BITS =
            MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double);

    /** Per Wasm local, its JVM float or double local, or -1 if it is kept as bits. */
    private final int[] slots;
    /** Per Wasm local, whether it is an f64 (a double). */
    private final boolean[] wide;

    private FloatLocals(int[] slots, boolean[] wide) {
        this.slots = slots;
        this.wide = wide;
    }

    /** Allocates a float or double JVM local for each f32 and f64 parameter and local of the function. */
    static FloatLocals allocate(CodeBuilder cb, FuncType type, FunctionBody body) {
        int params = type.params().length;
        int n = params + (int) body.localCount();
        int[] slots = new int[n];
        boolean[] wide = new boolean[n];
        int i = 0;
        for (int p = 0; p < params; p++, i++) {
            slots[i] = allocate(cb, type.params()[p], wide, i);
        }
        for (int d = 0; d < body.localCounts().length; d++) {
            for (long c = 0; c < body.localCounts()[d]; c++, i++) {
                slots[i] = allocate(cb, body.localTypes()[d], wide, i);
            }
        }
        return new FloatLocals(slots, wide);
    }

    private static int allocate(CodeBuilder cb, int valType, boolean[] wide, int local) {
        if (valType == ValType.F64) {
            wide[local] = true;
            return cb.allocateLocal(TypeKind.DOUBLE);
        }
        return valType == ValType.F32 ? cb.allocateLocal(TypeKind.FLOAT) : -1;
    }

    /** Whether Wasm local {@code local} is kept as a float or double. */
    boolean has(int local) {
        return local < slots.length && slots[local] >= 0;
    }

    /** Converts the f32 and f64 parameters from their bit locals {@code paramSlots} into their float locals. */
    void enter(CodeBuilder cb, int params, int[] paramSlots) {
        for (int p = 0; p < params; p++) {
            if (has(p)) {
                if (wide[p]) {
                    cb.lload(paramSlots[p]);
                } else {
                    cb.iload(paramSlots[p]);
                }
                set(cb, p);
            }
        }
    }

    /** Sets float local {@code local} to +0.0 (a declared local's initial value). */
    void zero(CodeBuilder cb, int local) {
        if (wide[local]) {
            cb.dconst_0();
            cb.dstore(slots[local]);
        } else {
            cb.fconst_0();
            cb.fstore(slots[local]);
        }
    }

    /** Pushes the raw bits of float local {@code local}. */
    void get(CodeBuilder cb, int local) {
        if (wide[local]) {
            cb.dload(slots[local]);
            cb.invokestatic(ConstantDescs.CD_Double, "doubleToRawLongBits", DOUBLE_TO_RAW_LONG_BITS);
        } else {
            cb.fload(slots[local]);
            cb.invokestatic(ConstantDescs.CD_Float, "floatToRawIntBits", FLOAT_TO_RAW_INT_BITS);
        }
    }

    /** Pops raw bits into float local {@code local}. */
    void set(CodeBuilder cb, int local) {
        if (wide[local]) {
            cb.invokestatic(ConstantDescs.CD_Double, "longBitsToDouble", LONG_BITS_TO_DOUBLE);
            cb.dstore(slots[local]);
        } else {
            cb.invokestatic(ConstantDescs.CD_Float, "intBitsToFloat", INT_BITS_TO_FLOAT);
            cb.fstore(slots[local]);
        }
    }
}
