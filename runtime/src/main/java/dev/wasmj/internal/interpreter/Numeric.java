package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;
import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * Numeric instructions outside the interpreter's hot loop, on raw bits (f32 in an int, f64 in a long).
 * The semantics are meant to move to {@code dev.wasmj.internal.ops.NumericOps} (same method names);
 * until then they live here.
 */
final class Numeric {
    private Numeric() {}

    /** Runs numeric instruction {@code op} on the stack; returns the new stack pointer. */
    static int exec(int op, long[] s, int sp) {
        switch (op) {
            // i32
            case Op.I32_CLZ -> s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]);
            case Op.I32_CTZ -> s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]);
            case Op.I32_POPCNT -> s[sp - 1] = Integer.bitCount((int) s[sp - 1]);
            case Op.I32_DIV_S -> s[--sp - 1] = i32DivS((int) s[sp - 1], (int) s[sp]);
            case Op.I32_DIV_U -> s[--sp - 1] = Integer.divideUnsigned((int) s[sp - 1], nonZero((int) s[sp]));
            case Op.I32_REM_S -> s[--sp - 1] = (int) s[sp - 1] % nonZero((int) s[sp]);
            case Op.I32_REM_U -> s[--sp - 1] = Integer.remainderUnsigned((int) s[sp - 1], nonZero((int) s[sp]));
            case Op.I32_ROTL -> s[--sp - 1] = Integer.rotateLeft((int) s[sp - 1], (int) s[sp]);
            case Op.I32_ROTR -> s[--sp - 1] = Integer.rotateRight((int) s[sp - 1], (int) s[sp]);
            case Op.I32_EXTEND8_S -> s[sp - 1] = (byte) s[sp - 1];
            case Op.I32_EXTEND16_S -> s[sp - 1] = (short) s[sp - 1];
            // i64
            case Op.I64_CLZ -> s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]);
            case Op.I64_CTZ -> s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]);
            case Op.I64_POPCNT -> s[sp - 1] = Long.bitCount(s[sp - 1]);
            case Op.I64_DIV_S -> s[--sp - 1] = i64DivS(s[sp - 1], s[sp]);
            case Op.I64_DIV_U -> s[--sp - 1] = Long.divideUnsigned(s[sp - 1], nonZero(s[sp]));
            case Op.I64_REM_S -> s[--sp - 1] = s[sp - 1] % nonZero(s[sp]);
            case Op.I64_REM_U -> s[--sp - 1] = Long.remainderUnsigned(s[sp - 1], nonZero(s[sp]));
            case Op.I64_ROTL -> s[--sp - 1] = Long.rotateLeft(s[sp - 1], (int) s[sp]);
            case Op.I64_ROTR -> s[--sp - 1] = Long.rotateRight(s[sp - 1], (int) s[sp]);
            case Op.I64_EXTEND8_S -> s[sp - 1] = (byte) s[sp - 1];
            case Op.I64_EXTEND16_S -> s[sp - 1] = (short) s[sp - 1];
            case Op.I64_EXTEND32_S -> s[sp - 1] = (int) s[sp - 1];
            // f32 comparisons and arithmetic
            case Op.F32_EQ -> s[--sp - 1] = f(s[sp - 1]) == f(s[sp]) ? 1 : 0;
            case Op.F32_NE -> s[--sp - 1] = f(s[sp - 1]) != f(s[sp]) ? 1 : 0;
            case Op.F32_LT -> s[--sp - 1] = f(s[sp - 1]) < f(s[sp]) ? 1 : 0;
            case Op.F32_GT -> s[--sp - 1] = f(s[sp - 1]) > f(s[sp]) ? 1 : 0;
            case Op.F32_LE -> s[--sp - 1] = f(s[sp - 1]) <= f(s[sp]) ? 1 : 0;
            case Op.F32_GE -> s[--sp - 1] = f(s[sp - 1]) >= f(s[sp]) ? 1 : 0;
            case Op.F32_ABS -> s[sp - 1] = (int) s[sp - 1] & 0x7FFF_FFFF;
            case Op.F32_NEG -> s[sp - 1] = (int) s[sp - 1] ^ 0x8000_0000;
            case Op.F32_COPYSIGN -> s[--sp - 1] = ((int) s[sp - 1] & 0x7FFF_FFFF) | ((int) s[sp] & 0x8000_0000);
            case Op.F32_CEIL -> s[sp - 1] = fb((float) Math.ceil(f(s[sp - 1])));
            case Op.F32_FLOOR -> s[sp - 1] = fb((float) Math.floor(f(s[sp - 1])));
            case Op.F32_TRUNC -> s[sp - 1] = fb(f32Trunc(f(s[sp - 1])));
            case Op.F32_NEAREST -> s[sp - 1] = fb((float) Math.rint(f(s[sp - 1])));
            case Op.F32_SQRT -> s[sp - 1] = fb((float) Math.sqrt(f(s[sp - 1])));
            case Op.F32_ADD -> s[--sp - 1] = fb(f(s[sp - 1]) + f(s[sp]));
            case Op.F32_SUB -> s[--sp - 1] = fb(f(s[sp - 1]) - f(s[sp]));
            case Op.F32_MUL -> s[--sp - 1] = fb(f(s[sp - 1]) * f(s[sp]));
            case Op.F32_DIV -> s[--sp - 1] = fb(f(s[sp - 1]) / f(s[sp]));
            case Op.F32_MIN -> s[--sp - 1] = fb(Math.min(f(s[sp - 1]), f(s[sp])));
            case Op.F32_MAX -> s[--sp - 1] = fb(Math.max(f(s[sp - 1]), f(s[sp])));
            // f64
            case Op.F64_EQ -> s[--sp - 1] = d(s[sp - 1]) == d(s[sp]) ? 1 : 0;
            case Op.F64_NE -> s[--sp - 1] = d(s[sp - 1]) != d(s[sp]) ? 1 : 0;
            case Op.F64_LT -> s[--sp - 1] = d(s[sp - 1]) < d(s[sp]) ? 1 : 0;
            case Op.F64_GT -> s[--sp - 1] = d(s[sp - 1]) > d(s[sp]) ? 1 : 0;
            case Op.F64_LE -> s[--sp - 1] = d(s[sp - 1]) <= d(s[sp]) ? 1 : 0;
            case Op.F64_GE -> s[--sp - 1] = d(s[sp - 1]) >= d(s[sp]) ? 1 : 0;
            case Op.F64_ABS -> s[sp - 1] = s[sp - 1] & Long.MAX_VALUE;
            case Op.F64_NEG -> s[sp - 1] = s[sp - 1] ^ Long.MIN_VALUE;
            case Op.F64_COPYSIGN -> s[--sp - 1] = (s[sp - 1] & Long.MAX_VALUE) | (s[sp] & Long.MIN_VALUE);
            case Op.F64_CEIL -> s[sp - 1] = db(Math.ceil(d(s[sp - 1])));
            case Op.F64_FLOOR -> s[sp - 1] = db(Math.floor(d(s[sp - 1])));
            case Op.F64_TRUNC -> s[sp - 1] = db(f64Trunc(d(s[sp - 1])));
            case Op.F64_NEAREST -> s[sp - 1] = db(Math.rint(d(s[sp - 1])));
            case Op.F64_SQRT -> s[sp - 1] = db(Math.sqrt(d(s[sp - 1])));
            case Op.F64_ADD -> s[--sp - 1] = db(d(s[sp - 1]) + d(s[sp]));
            case Op.F64_SUB -> s[--sp - 1] = db(d(s[sp - 1]) - d(s[sp]));
            case Op.F64_MUL -> s[--sp - 1] = db(d(s[sp - 1]) * d(s[sp]));
            case Op.F64_DIV -> s[--sp - 1] = db(d(s[sp - 1]) / d(s[sp]));
            case Op.F64_MIN -> s[--sp - 1] = db(Math.min(d(s[sp - 1]), d(s[sp])));
            case Op.F64_MAX -> s[--sp - 1] = db(Math.max(d(s[sp - 1]), d(s[sp])));
            // conversions
            case Op.I32_TRUNC_F32_S -> s[sp - 1] = (int) truncS(f(s[sp - 1]), -2147483649.0, 2147483648.0);
            case Op.I32_TRUNC_F32_U -> s[sp - 1] = (int) truncS(f(s[sp - 1]), -1.0, 4294967296.0);
            case Op.I32_TRUNC_F64_S -> s[sp - 1] = (int) truncS(d(s[sp - 1]), -2147483649.0, 2147483648.0);
            case Op.I32_TRUNC_F64_U -> s[sp - 1] = (int) truncS(d(s[sp - 1]), -1.0, 4294967296.0);
            case Op.I64_TRUNC_F32_S -> s[sp - 1] = i64TruncS(f(s[sp - 1]));
            case Op.I64_TRUNC_F32_U -> s[sp - 1] = i64TruncU(f(s[sp - 1]));
            case Op.I64_TRUNC_F64_S -> s[sp - 1] = i64TruncS(d(s[sp - 1]));
            case Op.I64_TRUNC_F64_U -> s[sp - 1] = i64TruncU(d(s[sp - 1]));
            case Op.I32_TRUNC_SAT_F32_S -> s[sp - 1] = (int) f(s[sp - 1]);
            case Op.I32_TRUNC_SAT_F32_U -> s[sp - 1] = (int) satU32(f(s[sp - 1]));
            case Op.I32_TRUNC_SAT_F64_S -> s[sp - 1] = (int) d(s[sp - 1]);
            case Op.I32_TRUNC_SAT_F64_U -> s[sp - 1] = (int) satU32(d(s[sp - 1]));
            case Op.I64_TRUNC_SAT_F32_S -> s[sp - 1] = (long) f(s[sp - 1]);
            case Op.I64_TRUNC_SAT_F32_U -> s[sp - 1] = satU64(f(s[sp - 1]));
            case Op.I64_TRUNC_SAT_F64_S -> s[sp - 1] = (long) d(s[sp - 1]);
            case Op.I64_TRUNC_SAT_F64_U -> s[sp - 1] = satU64(d(s[sp - 1]));
            case Op.F32_CONVERT_I32_S -> s[sp - 1] = fb((float) (int) s[sp - 1]);
            case Op.F32_CONVERT_I32_U -> s[sp - 1] = fb((float) (s[sp - 1] & 0xFFFF_FFFFL));
            case Op.F32_CONVERT_I64_S -> s[sp - 1] = fb((float) s[sp - 1]);
            case Op.F32_CONVERT_I64_U -> s[sp - 1] = fb(f32ConvertI64U(s[sp - 1]));
            case Op.F32_DEMOTE_F64 -> s[sp - 1] = fb((float) d(s[sp - 1]));
            case Op.F64_CONVERT_I32_S -> s[sp - 1] = db((int) s[sp - 1]);
            case Op.F64_CONVERT_I32_U -> s[sp - 1] = db(s[sp - 1] & 0xFFFF_FFFFL);
            case Op.F64_CONVERT_I64_S -> s[sp - 1] = db((double) s[sp - 1]);
            case Op.F64_CONVERT_I64_U -> s[sp - 1] = db(f64ConvertI64U(s[sp - 1]));
            case Op.F64_PROMOTE_F32 -> s[sp - 1] = db(f(s[sp - 1]));
            case Op.I32_REINTERPRET_F32, Op.F32_REINTERPRET_I32 -> s[sp - 1] = (int) s[sp - 1];
            case Op.I64_REINTERPRET_F64, Op.F64_REINTERPRET_I64 -> { }
            // wide arithmetic
            case Op.I64_ADD128 -> {
                sp -= 2;
                long aLo = s[sp - 2], aHi = s[sp - 1], bLo = s[sp], bHi = s[sp + 1];
                long lo = aLo + bLo;
                s[sp - 2] = lo;
                s[sp - 1] = aHi + bHi + (Long.compareUnsigned(lo, aLo) < 0 ? 1 : 0);
            }
            case Op.I64_SUB128 -> {
                sp -= 2;
                long aLo = s[sp - 2], aHi = s[sp - 1], bLo = s[sp], bHi = s[sp + 1];
                s[sp - 2] = aLo - bLo;
                s[sp - 1] = aHi - bHi - (Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0);
            }
            case Op.I64_MUL_WIDE_S -> {
                long a = s[sp - 2], b = s[sp - 1];
                s[sp - 2] = a * b;
                s[sp - 1] = Math.multiplyHigh(a, b);
            }
            case Op.I64_MUL_WIDE_U -> {
                long a = s[sp - 2], b = s[sp - 1];
                s[sp - 2] = a * b;
                s[sp - 1] = Math.unsignedMultiplyHigh(a, b);
            }
            default -> throw new UnsupportedOperationException(
                    "instruction not supported by the interpreter yet: " + dev.wasmj.format.Opcode.values()[op].text());
        }
        return sp;
    }

    private static float f(long bits) {
        return intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return longBitsToDouble(bits);
    }

    /** The bits of an arithmetic result: a NaN is made quiet (Java passes NaN operands through as they are). */
    private static int fb(float v) {
        int bits = floatToRawIntBits(v);
        return (bits & 0x7FFF_FFFF) > 0x7F80_0000 ? bits | 0x40_0000 : bits;
    }

    /** Like {@link #fb(float)} for f64. */
    private static long db(double v) {
        long bits = doubleToRawLongBits(v);
        return (bits & Long.MAX_VALUE) > 0x7FF0_0000_0000_0000L ? bits | 0x8_0000_0000_0000L : bits;
    }

    private static int nonZero(int v) {
        if (v == 0) {
            throw new Trap(TrapCode.INTEGER_DIVISION_BY_ZERO, "integer divide by zero");
        }
        return v;
    }

    private static long nonZero(long v) {
        if (v == 0) {
            throw new Trap(TrapCode.INTEGER_DIVISION_BY_ZERO, "integer divide by zero");
        }
        return v;
    }

    static int i32DivS(int a, int b) {
        nonZero(b);
        if (a == Integer.MIN_VALUE && b == -1) {
            throw new Trap(TrapCode.INTEGER_OVERFLOW, "integer overflow");
        }
        return a / b;
    }

    static long i64DivS(long a, long b) {
        nonZero(b);
        if (a == Long.MIN_VALUE && b == -1) {
            throw new Trap(TrapCode.INTEGER_OVERFLOW, "integer overflow");
        }
        return a / b;
    }

    private static float f32Trunc(float v) {
        return (float) f64Trunc(v);
    }

    private static double f64Trunc(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** Truncates {@code v}, trapping unless {@code lo < v < hi} (exclusive bounds). */
    private static long truncS(double v, double lo, double hi) {
        if (Double.isNaN(v)) {
            throw new Trap(TrapCode.BAD_CONVERSION_TO_INTEGER, "invalid conversion to integer");
        }
        if (!(v > lo && v < hi)) {
            throw new Trap(TrapCode.INTEGER_OVERFLOW, "integer overflow");
        }
        return (long) v;
    }

    private static final double TWO_63 = 9.223372036854775808E18;

    static long i64TruncS(double v) {
        if (Double.isNaN(v)) {
            throw new Trap(TrapCode.BAD_CONVERSION_TO_INTEGER, "invalid conversion to integer");
        }
        if (!(v >= -TWO_63 && v < TWO_63)) {
            throw new Trap(TrapCode.INTEGER_OVERFLOW, "integer overflow");
        }
        return (long) v;
    }

    static long i64TruncU(double v) {
        if (Double.isNaN(v)) {
            throw new Trap(TrapCode.BAD_CONVERSION_TO_INTEGER, "invalid conversion to integer");
        }
        if (!(v > -1.0 && v < 2 * TWO_63)) {
            throw new Trap(TrapCode.INTEGER_OVERFLOW, "integer overflow");
        }
        return v >= TWO_63 ? (long) (v - TWO_63) ^ Long.MIN_VALUE : (long) v;
    }

    private static long satU32(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 4294967295.0 ? 0xFFFF_FFFFL : (long) v;
    }

    private static long satU64(double v) {
        if (!(v > 0)) {
            return 0;
        }
        if (v >= 2 * TWO_63) {
            return -1L;
        }
        return v >= TWO_63 ? (long) (v - TWO_63) ^ Long.MIN_VALUE : (long) v;
    }

    static float f32ConvertI64U(long v) {
        if (v >= 0) {
            return (float) v;
        }
        return (float) ((v >>> 1) | (v & 1)) * 2f;
    }

    static double f64ConvertI64U(long v) {
        if (v >= 0) {
            return (double) v;
        }
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }
}
