package dev.wasmj.internal.runtime;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.Bytes;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.validate.DefType;

/**
 * Evaluates constant expressions (validated) of a module instance: constants, extended-const
 * arithmetic, {@code ref.null}, {@code ref.func}, {@code global.get}, i31 and GC allocations.
 * The result is left in {@link #lo}, {@link #hi} (v128 high half) and {@link #ref}.
 */
final class ConstEvaluator {
    private final ModuleInstance instance;
    private long[] nums = new long[16];
    private long[] highs = new long[16];
    private Object[] refs = new Object[16];
    private int sp;

    long lo;
    long hi;
    Object ref;

    ConstEvaluator(ModuleInstance instance) {
        this.instance = instance;
    }

    /** Evaluates {@code expr} (up to and including its {@code end}). */
    void eval(Bytes expr) {
        CodeReader r = new CodeReader(expr);
        sp = 0;
        while (true) {
            Opcode op = r.next();
            switch (op) {
                case END -> {
                    sp--;
                    lo = nums[sp];
                    hi = highs[sp];
                    ref = refs[sp];
                    return;
                }
                case I32_CONST -> push(r.i32, null);
                case I64_CONST, F64_CONST -> push(r.i64, null);
                case F32_CONST -> push(r.i32, null);
                case V128_CONST -> {
                    push(r.v128Low, null);
                    highs[sp - 1] = r.v128High;
                }
                case REF_NULL -> push(0, null);
                case REF_FUNC -> push(0, instance.functions[r.a]);
                case GLOBAL_GET -> {
                    GlobalInstance g = instance.globals[r.a];
                    push(g.value, g.ref);
                    highs[sp - 1] = g.high;
                }
                case I32_ADD -> binary((int) nums[sp - 2] + (int) nums[sp - 1]);
                case I32_SUB -> binary((int) nums[sp - 2] - (int) nums[sp - 1]);
                case I32_MUL -> binary((int) nums[sp - 2] * (int) nums[sp - 1]);
                case I64_ADD -> binary(nums[sp - 2] + nums[sp - 1]);
                case I64_SUB -> binary(nums[sp - 2] - nums[sp - 1]);
                case I64_MUL -> binary(nums[sp - 2] * nums[sp - 1]);
                case REF_I31 -> {
                    refs[sp - 1] = I31Ref.of((int) nums[sp - 1]);
                }
                case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { } // identity
                case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_NEW_DESC, STRUCT_NEW_DEFAULT_DESC -> structNew(op, r.a);
                case ARRAY_NEW, ARRAY_NEW_DEFAULT -> {
                    int n = (int) nums[--sp];
                    arrayNew(r.a, n, op == Opcode.ARRAY_NEW_DEFAULT ? 0 : -1);
                }
                case ARRAY_NEW_FIXED -> arrayNew(r.a, r.b, r.b);
                default -> throw new IllegalStateException("not a constant instruction: " + op);
            }
        }
    }

    private void push(long value, Object r) {
        if (sp == nums.length) {
            nums = java.util.Arrays.copyOf(nums, sp * 2);
            highs = java.util.Arrays.copyOf(highs, sp * 2);
            refs = java.util.Arrays.copyOf(refs, sp * 2);
        }
        nums[sp] = value;
        highs[sp] = 0;
        refs[sp] = r;
        sp++;
    }

    private void binary(long result) {
        sp--;
        nums[sp - 1] = result;
    }

    private void structNew(Opcode op, int typeIndex) {
        DefType t = instance.module().types().type(typeIndex);
        StructLayout layout = StructLayout.of(t);
        Object desc = null;
        if (op == Opcode.STRUCT_NEW_DESC || op == Opcode.STRUCT_NEW_DEFAULT_DESC) {
            desc = refs[--sp];
            if (desc == null) {
                throw new dev.wasmj.Trap(dev.wasmj.TrapCode.NULL_REFERENCE, "null descriptor reference");
            }
        }
        long[] fnums = new long[layout.numCount()];
        Object[] frefs = new Object[layout.refCount()];
        if (op == Opcode.STRUCT_NEW || op == Opcode.STRUCT_NEW_DESC) {
            int n = layout.index().length;
            sp -= n;
            var fields = t.structType().fields();
            for (int i = 0; i < n; i++) {
                int at = layout.index()[i];
                if (layout.isRef()[i]) {
                    frefs[at] = refs[sp + i];
                } else {
                    int st = fields.get(i).storageType();
                    fnums[at] = Packed.wrap(st, nums[sp + i]);
                    if (st == ValType.V128) {
                        fnums[at + 1] = highs[sp + i];
                    }
                }
            }
        }
        push(0, new WasmStruct(t, fnums, frefs, desc));
    }

    /** count >= 0 with explicit values: array.new_fixed; -1: array.new (one value); 0 default. */
    private void arrayNew(int typeIndex, int n, int fixed) {
        DefType t = instance.module().types().type(typeIndex);
        int st = ((ArrayType) t.composite()).element().storageType();
        WasmArray a = Packed.newArray(t, n);
        if (fixed == -1) {
            sp--;
            Packed.fill(a, st, 0, n, nums[sp], highs[sp], refs[sp]);
        } else if (fixed > 0) {
            sp -= n;
            for (int i = 0; i < n; i++) {
                Packed.fill(a, st, i, 1, nums[sp + i], highs[sp + i], refs[sp + i]);
            }
        }
        push(0, a);
    }
}
