package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * The integer comparisons ({@code i32.eqz}, {@code i32.eq} ... {@code i64.ge_u}) as JVM branches
 * instead of calls to {@code NumericOps}: past C2's inlining budget ({@code NodeCountInliningCutoff})
 * such a call stays a call, and a call in a loop makes C2 spill every value live across it
 * (nbody's time-step loop kept its 15 f64 positions on the stack for its {@code i32.ne}). As a
 * value (1 or 0), or fused with the {@code br_if} or {@code if} after it into one conditional jump
 * ({@link ControlCompiler#fusedComparison}). Unsigned comparisons branch on
 * {@code Integer.compareUnsigned}'s and {@code Long.compareUnsigned}'s result, which C2 compiles as
 * intrinsics whatever its budget, exactly as {@code NumericOps}' methods do, i64 ones on
 * {@code lcmp}'s.
 */
final class IntComparisons {
    private IntComparisons() {}

    private static final MethodTypeDesc COMPARE_INTS =
            MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int);
    private static final MethodTypeDesc COMPARE_LONGS =
            MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_long, ConstantDescs.CD_long);

    /** Whether {@code op} is one of the integer comparisons this class emits. */
    static boolean handles(Opcode op) {
        return condition(op) != null;
    }

    /**
     * Whether comparison {@code op} is one JVM branch on its operands: the signed i32 comparisons. The
     * others branch on the int that {@code lcmp} or {@code compareUnsigned} left on the JVM stack,
     * which C2 then computes as a value wherever the branch needs its JVM state: at a loop's back-edge
     * (its safepoint), every iteration. Sieve's inner loop, {@code br_if (i32.lt_u ...)} back to it,
     * ran 0.92 ms as a call of {@code NumericOps.i32LtU} (the compiler's code for such back-edges),
     * 0.96 branching on {@code Integer.compareUnsigned}'s result, and 1.0 on a 1 or 0 computed by
     * branches in the method (C2's profile of those branches is the site's own; the helper's is shared).
     */
    static boolean onOperands(Opcode op) {
        return !op.name().startsWith("I64") && !op.name().endsWith("_U");
    }

    /** How many operands comparison {@code op} takes. */
    static int operands(Opcode op) {
        return condition(op) == Cond.EQZ ? 1 : 2;
    }

    /**
     * Emits comparison {@code op} on the operands on top of the JVM stack (one for eqz, else two),
     * leaving the int 1 if it holds, else 0.
     */
    static void emit(Opcode op, CodeBuilder cb) {
        Label yes = cb.newLabel();
        Label done = cb.newLabel();
        branch(op, cb, yes, true);
        cb.iconst_0();
        cb.goto_(done);
        cb.labelBinding(yes);
        cb.iconst_1();
        cb.labelBinding(done);
    }

    /**
     * Emits a jump to {@code target} taken if comparison {@code op} is {@code when} (holds, or does not),
     * consuming its operands: one JVM branch on two ints, else one after {@code lcmp} or the unsigned
     * comparison.
     */
    static void branch(Opcode op, CodeBuilder cb, Label target, boolean when) {
        Cond c = condition(op);
        if (!when) {
            c = c.negated();
        }
        boolean wide = op.name().startsWith("I64");
        if (c == Cond.EQZ || c == Cond.NEZ) {
            if (wide) {
                cb.lconst_0();
                cb.lcmp();
            }
            cb.branch(c.againstZero, target);
            return;
        }
        boolean unsigned = op.name().endsWith("_U");
        if (unsigned) {
            if (wide) {
                cb.invokestatic(ConstantDescs.CD_Long, "compareUnsigned", COMPARE_LONGS);
            } else {
                cb.invokestatic(ConstantDescs.CD_Integer, "compareUnsigned", COMPARE_INTS);
            }
            cb.branch(c.againstZero, target);
            return;
        }
        if (!wide) {
            cb.branch(c.twoInts, target);
            return;
        }
        cb.lcmp();
        cb.branch(c.againstZero, target);
    }

    /** A comparison: its JVM branch on two ints and on one int against zero. */
    private enum Cond {
        EQZ(null, java.lang.classfile.Opcode.IFEQ),
        NEZ(null, java.lang.classfile.Opcode.IFNE),
        EQ(java.lang.classfile.Opcode.IF_ICMPEQ, java.lang.classfile.Opcode.IFEQ),
        NE(java.lang.classfile.Opcode.IF_ICMPNE, java.lang.classfile.Opcode.IFNE),
        LT(java.lang.classfile.Opcode.IF_ICMPLT, java.lang.classfile.Opcode.IFLT),
        GT(java.lang.classfile.Opcode.IF_ICMPGT, java.lang.classfile.Opcode.IFGT),
        LE(java.lang.classfile.Opcode.IF_ICMPLE, java.lang.classfile.Opcode.IFLE),
        GE(java.lang.classfile.Opcode.IF_ICMPGE, java.lang.classfile.Opcode.IFGE);

        final java.lang.classfile.Opcode twoInts;
        final java.lang.classfile.Opcode againstZero;

        Cond(java.lang.classfile.Opcode twoInts, java.lang.classfile.Opcode againstZero) {
            this.twoInts = twoInts;
            this.againstZero = againstZero;
        }

        /** The comparison that holds exactly when this one does not (integers have no NaN). */
        Cond negated() {
            return switch (this) {
                case EQZ -> NEZ;
                case NEZ -> EQZ;
                case EQ -> NE;
                case NE -> EQ;
                case LT -> GE;
                case GE -> LT;
                case GT -> LE;
                case LE -> GT;
            };
        }
    }

    private static Cond condition(Opcode op) {
        return switch (op) {
            case I32_EQZ, I64_EQZ -> Cond.EQZ;
            case I32_EQ, I64_EQ -> Cond.EQ;
            case I32_NE, I64_NE -> Cond.NE;
            case I32_LT_S, I32_LT_U, I64_LT_S, I64_LT_U -> Cond.LT;
            case I32_GT_S, I32_GT_U, I64_GT_S, I64_GT_U -> Cond.GT;
            case I32_LE_S, I32_LE_U, I64_LE_S, I64_LE_U -> Cond.LE;
            case I32_GE_S, I32_GE_U, I64_GE_S, I64_GE_U -> Cond.GE;
            default -> null;
        };
    }
}
