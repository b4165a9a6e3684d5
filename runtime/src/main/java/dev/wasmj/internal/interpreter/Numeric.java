package dev.wasmj.internal.interpreter;

import dev.wasmj.internal.ops.NumericOps;

/**
 * Numeric instructions outside the interpreter's hot loop, on the stack (f32 bits in an int, f64 bits
 * in a long), with the semantics of {@link NumericOps}.
 */
final class Numeric {
    private Numeric() {}

    /** Runs numeric instruction {@code op} on the stack; returns the new stack pointer. */
    static int exec(int op, long[] s, int sp) {
        switch (op) {
            case Op.I32_CLZ -> s[sp - 1] = NumericOps.i32Clz((int) s[sp - 1]);
            case Op.I32_CTZ -> s[sp - 1] = NumericOps.i32Ctz((int) s[sp - 1]);
            case Op.I32_POPCNT -> s[sp - 1] = NumericOps.i32Popcnt((int) s[sp - 1]);
            case Op.I32_ROTL -> s[--sp - 1] = NumericOps.i32Rotl((int) s[sp - 1], (int) s[sp]);
            case Op.I32_ROTR -> s[--sp - 1] = NumericOps.i32Rotr((int) s[sp - 1], (int) s[sp]);
            case Op.I32_EXTEND8_S -> s[sp - 1] = NumericOps.i32Extend8S((int) s[sp - 1]);
            case Op.I32_EXTEND16_S -> s[sp - 1] = NumericOps.i32Extend16S((int) s[sp - 1]);
            case Op.I64_CLZ -> s[sp - 1] = NumericOps.i64Clz(s[sp - 1]);
            case Op.I64_CTZ -> s[sp - 1] = NumericOps.i64Ctz(s[sp - 1]);
            case Op.I64_POPCNT -> s[sp - 1] = NumericOps.i64Popcnt(s[sp - 1]);
            case Op.I64_DIV_S -> s[--sp - 1] = NumericOps.i64DivS(s[sp - 1], s[sp]);
            case Op.I64_DIV_U -> s[--sp - 1] = NumericOps.i64DivU(s[sp - 1], s[sp]);
            case Op.I64_REM_S -> s[--sp - 1] = NumericOps.i64RemS(s[sp - 1], s[sp]);
            case Op.I64_REM_U -> s[--sp - 1] = NumericOps.i64RemU(s[sp - 1], s[sp]);
            case Op.I64_ROTL -> s[--sp - 1] = NumericOps.i64Rotl(s[sp - 1], s[sp]);
            case Op.I64_ROTR -> s[--sp - 1] = NumericOps.i64Rotr(s[sp - 1], s[sp]);
            case Op.I64_EXTEND8_S -> s[sp - 1] = NumericOps.i64Extend8S(s[sp - 1]);
            case Op.I64_EXTEND16_S -> s[sp - 1] = NumericOps.i64Extend16S(s[sp - 1]);
            case Op.I64_EXTEND32_S -> s[sp - 1] = NumericOps.i64Extend32S(s[sp - 1]);
            case Op.F32_EQ -> s[--sp - 1] = NumericOps.f32Eq((int) s[sp - 1], (int) s[sp]);
            case Op.F32_NE -> s[--sp - 1] = NumericOps.f32Ne((int) s[sp - 1], (int) s[sp]);
            case Op.F32_LT -> s[--sp - 1] = NumericOps.f32Lt((int) s[sp - 1], (int) s[sp]);
            case Op.F32_GT -> s[--sp - 1] = NumericOps.f32Gt((int) s[sp - 1], (int) s[sp]);
            case Op.F32_LE -> s[--sp - 1] = NumericOps.f32Le((int) s[sp - 1], (int) s[sp]);
            case Op.F32_GE -> s[--sp - 1] = NumericOps.f32Ge((int) s[sp - 1], (int) s[sp]);
            case Op.F32_ABS -> s[sp - 1] = NumericOps.f32Abs((int) s[sp - 1]);
            case Op.F32_NEG -> s[sp - 1] = NumericOps.f32Neg((int) s[sp - 1]);
            case Op.F32_COPYSIGN -> s[--sp - 1] = NumericOps.f32Copysign((int) s[sp - 1], (int) s[sp]);
            case Op.F32_CEIL -> s[sp - 1] = NumericOps.f32Ceil((int) s[sp - 1]);
            case Op.F32_FLOOR -> s[sp - 1] = NumericOps.f32Floor((int) s[sp - 1]);
            case Op.F32_TRUNC -> s[sp - 1] = NumericOps.f32Trunc((int) s[sp - 1]);
            case Op.F32_NEAREST -> s[sp - 1] = NumericOps.f32Nearest((int) s[sp - 1]);
            case Op.F32_SQRT -> s[sp - 1] = NumericOps.f32Sqrt((int) s[sp - 1]);
            case Op.F32_MIN -> s[--sp - 1] = NumericOps.f32Min((int) s[sp - 1], (int) s[sp]);
            case Op.F32_MAX -> s[--sp - 1] = NumericOps.f32Max((int) s[sp - 1], (int) s[sp]);
            case Op.F64_ABS -> s[sp - 1] = NumericOps.f64Abs(s[sp - 1]);
            case Op.F64_NEG -> s[sp - 1] = NumericOps.f64Neg(s[sp - 1]);
            case Op.F64_COPYSIGN -> s[--sp - 1] = NumericOps.f64Copysign(s[sp - 1], s[sp]);
            case Op.F64_CEIL -> s[sp - 1] = NumericOps.f64Ceil(s[sp - 1]);
            case Op.F64_FLOOR -> s[sp - 1] = NumericOps.f64Floor(s[sp - 1]);
            case Op.F64_TRUNC -> s[sp - 1] = NumericOps.f64Trunc(s[sp - 1]);
            case Op.F64_NEAREST -> s[sp - 1] = NumericOps.f64Nearest(s[sp - 1]);
            case Op.F64_SQRT -> s[sp - 1] = NumericOps.f64Sqrt(s[sp - 1]);
            case Op.F64_MIN -> s[--sp - 1] = NumericOps.f64Min(s[sp - 1], s[sp]);
            case Op.F64_MAX -> s[--sp - 1] = NumericOps.f64Max(s[sp - 1], s[sp]);
            case Op.I32_TRUNC_F32_S -> s[sp - 1] = NumericOps.i32TruncF32S((int) s[sp - 1]);
            case Op.I32_TRUNC_F32_U -> s[sp - 1] = NumericOps.i32TruncF32U((int) s[sp - 1]);
            case Op.I32_TRUNC_F64_S -> s[sp - 1] = NumericOps.i32TruncF64S(s[sp - 1]);
            case Op.I32_TRUNC_F64_U -> s[sp - 1] = NumericOps.i32TruncF64U(s[sp - 1]);
            case Op.I64_TRUNC_F32_S -> s[sp - 1] = NumericOps.i64TruncF32S((int) s[sp - 1]);
            case Op.I64_TRUNC_F32_U -> s[sp - 1] = NumericOps.i64TruncF32U((int) s[sp - 1]);
            case Op.I64_TRUNC_F64_S -> s[sp - 1] = NumericOps.i64TruncF64S(s[sp - 1]);
            case Op.I64_TRUNC_F64_U -> s[sp - 1] = NumericOps.i64TruncF64U(s[sp - 1]);
            case Op.I32_TRUNC_SAT_F32_S -> s[sp - 1] = NumericOps.i32TruncSatF32S((int) s[sp - 1]);
            case Op.I32_TRUNC_SAT_F32_U -> s[sp - 1] = NumericOps.i32TruncSatF32U((int) s[sp - 1]);
            case Op.I32_TRUNC_SAT_F64_S -> s[sp - 1] = NumericOps.i32TruncSatF64S(s[sp - 1]);
            case Op.I32_TRUNC_SAT_F64_U -> s[sp - 1] = NumericOps.i32TruncSatF64U(s[sp - 1]);
            case Op.I64_TRUNC_SAT_F32_S -> s[sp - 1] = NumericOps.i64TruncSatF32S((int) s[sp - 1]);
            case Op.I64_TRUNC_SAT_F32_U -> s[sp - 1] = NumericOps.i64TruncSatF32U((int) s[sp - 1]);
            case Op.I64_TRUNC_SAT_F64_S -> s[sp - 1] = NumericOps.i64TruncSatF64S(s[sp - 1]);
            case Op.I64_TRUNC_SAT_F64_U -> s[sp - 1] = NumericOps.i64TruncSatF64U(s[sp - 1]);
            case Op.F32_CONVERT_I32_S -> s[sp - 1] = NumericOps.f32ConvertI32S((int) s[sp - 1]);
            case Op.F32_CONVERT_I32_U -> s[sp - 1] = NumericOps.f32ConvertI32U((int) s[sp - 1]);
            case Op.F32_CONVERT_I64_S -> s[sp - 1] = NumericOps.f32ConvertI64S(s[sp - 1]);
            case Op.F32_CONVERT_I64_U -> s[sp - 1] = NumericOps.f32ConvertI64U(s[sp - 1]);
            case Op.F32_DEMOTE_F64 -> s[sp - 1] = NumericOps.f32DemoteF64(s[sp - 1]);
            case Op.F64_CONVERT_I32_S -> s[sp - 1] = NumericOps.f64ConvertI32S((int) s[sp - 1]);
            case Op.F64_CONVERT_I32_U -> s[sp - 1] = NumericOps.f64ConvertI32U((int) s[sp - 1]);
            case Op.F64_CONVERT_I64_S -> s[sp - 1] = NumericOps.f64ConvertI64S(s[sp - 1]);
            case Op.F64_CONVERT_I64_U -> s[sp - 1] = NumericOps.f64ConvertI64U(s[sp - 1]);
            case Op.F64_PROMOTE_F32 -> s[sp - 1] = NumericOps.f64PromoteF32((int) s[sp - 1]);
            case Op.I32_REINTERPRET_F32 -> s[sp - 1] = NumericOps.i32ReinterpretF32((int) s[sp - 1]);
            case Op.F32_REINTERPRET_I32 -> s[sp - 1] = NumericOps.f32ReinterpretI32((int) s[sp - 1]);
            case Op.I64_REINTERPRET_F64 -> s[sp - 1] = NumericOps.i64ReinterpretF64(s[sp - 1]);
            case Op.F64_REINTERPRET_I64 -> s[sp - 1] = NumericOps.f64ReinterpretI64(s[sp - 1]);
            case Op.I64_ADD128 -> {
                long lo = NumericOps.i64Add128Lo(s[sp - 4], s[sp - 3], s[sp - 2], s[sp - 1]);
                long hi = NumericOps.i64Add128Hi(s[sp - 4], s[sp - 3], s[sp - 2], s[sp - 1]);
                sp -= 4;
                s[sp++] = lo;
                s[sp++] = hi;
            }
            case Op.I64_SUB128 -> {
                long lo = NumericOps.i64Sub128Lo(s[sp - 4], s[sp - 3], s[sp - 2], s[sp - 1]);
                long hi = NumericOps.i64Sub128Hi(s[sp - 4], s[sp - 3], s[sp - 2], s[sp - 1]);
                sp -= 4;
                s[sp++] = lo;
                s[sp++] = hi;
            }
            case Op.I64_MUL_WIDE_S -> {
                long lo = NumericOps.i64MulWideSLo(s[sp - 2], s[sp - 1]);
                long hi = NumericOps.i64MulWideSHi(s[sp - 2], s[sp - 1]);
                sp -= 2;
                s[sp++] = lo;
                s[sp++] = hi;
            }
            case Op.I64_MUL_WIDE_U -> {
                long lo = NumericOps.i64MulWideULo(s[sp - 2], s[sp - 1]);
                long hi = NumericOps.i64MulWideUHi(s[sp - 2], s[sp - 1]);
                sp -= 2;
                s[sp++] = lo;
                s[sp++] = hi;
            }
            default -> throw new UnsupportedOperationException(
                    "instruction not supported by the interpreter yet: " + dev.wasmj.format.Opcode.values()[op].text());
        }
        return sp;
    }
}
