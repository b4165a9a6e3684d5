package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.internal.ops.NumericOps;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.Arrays;

/**
 * The wide-arithmetic instructions (i64.add128, i64.sub128, i64.mul_wide_s, i64.mul_wide_u), which
 * have two i64 results: the operands go to scratch locals, and each half of the result comes from
 * the {@link NumericOps} method the interpreter uses ({@code i64Add128Lo}, {@code i64Add128Hi}, ...),
 * the low half pushed first.
 */
final class WideArithmetic {
    private static final ClassDesc NUMERIC_OPS = ClassDesc.of(NumericOps.class.getName());

    private WideArithmetic() {}

    static void emit(FunctionCompiler fc, Opcode op) {
        int operands = switch (op) {
            case I64_ADD128, I64_SUB128 -> 4;
            case I64_MUL_WIDE_S, I64_MUL_WIDE_U -> 2;
            default -> throw new IllegalArgumentException(op.text());
        };
        CodeBuilder cb = fc.cb;
        int[] saved = new int[operands];
        for (int k = operands - 1; k >= 0; k--) {
            fc.pop();
            saved[k] = fc.temps.next('J');
            cb.lstore(saved[k]);
        }
        ClassDesc[] params = new ClassDesc[operands];
        Arrays.fill(params, ConstantDescs.CD_long);
        MethodTypeDesc type = MethodTypeDesc.of(ConstantDescs.CD_long, params);
        String name = Numerics.camel(op.text());
        for (String half : new String[] {"Lo", "Hi"}) {
            for (int slot : saved) {
                cb.lload(slot);
            }
            cb.invokestatic(NUMERIC_OPS, name + half, type);
            fc.push('J');
        }
    }
}
