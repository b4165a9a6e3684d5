package dev.wasmj.internal.ops;

/**
 * The semantics of WebAssembly's SIMD instructions on float lanes ({@code f32x4.*},
 * {@code f64x2.*}) and the SIMD conversions between float and integer lanes, in the stack form
 * described on {@link SimdOps}: {@code void op(long[] s, int at)}, operands read from
 * {@code s[at...]}, result written at {@code s[at...]}, a v128 in two slots (lo, hi).
 *
 * <p>Each float lane follows the scalar instruction of {@link NumericOps} (same NaN rules: a
 * NaN input gives a quiet NaN from the first NaN input, canonical in canonical out); float
 * comparisons give all-ones or all-zeros lanes.
 */
public final class SimdFloatOps {
    private SimdFloatOps() {}

    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, PMIN = 6, PMAX = 7,
            EQ = 8, NE = 9, LT = 10, GT = 11, LE = 12, GE = 13, ABS = 14, NEG = 15, SQRT = 16, CEIL = 17,
            FLOOR = 18, TRUNC = 19, NEAREST = 20, TRUNC_SAT_S = 21, TRUNC_SAT_U = 22, CONVERT_S = 23,
            CONVERT_U = 24;

    private static int mask(boolean b) {
        return b ? -1 : 0;
    }

    /** One f32 lane of operation {@code op}. */
    static int f32(int a, int b, int op) {
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        return switch (op) {
            case ADD -> NumericOps.f32Add(a, b);
            case SUB -> NumericOps.f32Sub(a, b);
            case MUL -> NumericOps.f32Mul(a, b);
            case DIV -> NumericOps.f32Div(a, b);
            case MIN -> NumericOps.f32Min(a, b);
            case MAX -> NumericOps.f32Max(a, b);
            case PMIN -> y < x ? b : a;
            case PMAX -> x < y ? b : a;
            case EQ -> mask(x == y);
            case NE -> mask(x != y);
            case LT -> mask(x < y);
            case GT -> mask(x > y);
            case LE -> mask(x <= y);
            case GE -> mask(x >= y);
            case ABS -> NumericOps.f32Abs(a);
            case NEG -> NumericOps.f32Neg(a);
            case SQRT -> NumericOps.f32Sqrt(a);
            case CEIL -> NumericOps.f32Ceil(a);
            case FLOOR -> NumericOps.f32Floor(a);
            case TRUNC -> NumericOps.f32Trunc(a);
            case NEAREST -> NumericOps.f32Nearest(a);
            case TRUNC_SAT_S -> NumericOps.i32TruncSatF32S(a);
            case TRUNC_SAT_U -> NumericOps.i32TruncSatF32U(a);
            case CONVERT_S -> NumericOps.f32ConvertI32S(a);
            case CONVERT_U -> NumericOps.f32ConvertI32U(a);
            default -> throw new IllegalArgumentException("f32 lane op " + op);
        };
    }

    /** One f64 lane of operation {@code op}. */
    static long f64(long a, long b, int op) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        return switch (op) {
            case ADD -> NumericOps.f64Add(a, b);
            case SUB -> NumericOps.f64Sub(a, b);
            case MUL -> NumericOps.f64Mul(a, b);
            case DIV -> NumericOps.f64Div(a, b);
            case MIN -> NumericOps.f64Min(a, b);
            case MAX -> NumericOps.f64Max(a, b);
            case PMIN -> y < x ? b : a;
            case PMAX -> x < y ? b : a;
            case EQ -> mask(x == y);
            case NE -> mask(x != y);
            case LT -> mask(x < y);
            case GT -> mask(x > y);
            case LE -> mask(x <= y);
            case GE -> mask(x >= y);
            case ABS -> NumericOps.f64Abs(a);
            case NEG -> NumericOps.f64Neg(a);
            case SQRT -> NumericOps.f64Sqrt(a);
            case CEIL -> NumericOps.f64Ceil(a);
            case FLOOR -> NumericOps.f64Floor(a);
            case TRUNC -> NumericOps.f64Trunc(a);
            case NEAREST -> NumericOps.f64Nearest(a);
            default -> throw new IllegalArgumentException("f64 lane op " + op);
        };
    }

    /** Operation {@code op} on the two f32 lanes of one half of a and b. */
    static long f32Half(long a, long b, int op) {
        return f32((int) a, (int) b, op) & 0xFFFF_FFFFL | (long) f32((int) (a >>> 32), (int) (b >>> 32), op) << 32;
    }

    private static void f32x4(long[] s, int at, int op) {
        s[at] = f32Half(s[at], s[at + 2], op);
        s[at + 1] = f32Half(s[at + 1], s[at + 3], op);
    }

    private static void f32x4Unary(long[] s, int at, int op) {
        s[at] = f32Half(s[at], 0, op);
        s[at + 1] = f32Half(s[at + 1], 0, op);
    }

    private static void f64x2(long[] s, int at, int op) {
        s[at] = f64(s[at], s[at + 2], op);
        s[at + 1] = f64(s[at + 1], s[at + 3], op);
    }

    private static void f64x2Unary(long[] s, int at, int op) {
        s[at] = f64(s[at], 0, op);
        s[at + 1] = f64(s[at + 1], 0, op);
    }

    // ---------------------------------------------------------------- splat, lanes

    public static void f32x4Splat(long[] s, int at) { SimdOps.i32x4Splat(s, at); }
    public static void f64x2Splat(long[] s, int at) { SimdOps.i64x2Splat(s, at); }
    public static void f32x4ExtractLane(long[] s, int at, int lane) { SimdOps.i32x4ExtractLane(s, at, lane); }
    public static void f64x2ExtractLane(long[] s, int at, int lane) { SimdOps.i64x2ExtractLane(s, at, lane); }
    public static void f32x4ReplaceLane(long[] s, int at, int lane) { SimdOps.i32x4ReplaceLane(s, at, lane); }
    public static void f64x2ReplaceLane(long[] s, int at, int lane) { SimdOps.i64x2ReplaceLane(s, at, lane); }

    // ---------------------------------------------------------------- f32x4

    public static void f32x4Eq(long[] s, int at) { f32x4(s, at, EQ); }
    public static void f32x4Ne(long[] s, int at) { f32x4(s, at, NE); }
    public static void f32x4Lt(long[] s, int at) { f32x4(s, at, LT); }
    public static void f32x4Gt(long[] s, int at) { f32x4(s, at, GT); }
    public static void f32x4Le(long[] s, int at) { f32x4(s, at, LE); }
    public static void f32x4Ge(long[] s, int at) { f32x4(s, at, GE); }
    public static void f32x4Add(long[] s, int at) { f32x4(s, at, ADD); }
    public static void f32x4Sub(long[] s, int at) { f32x4(s, at, SUB); }
    public static void f32x4Mul(long[] s, int at) { f32x4(s, at, MUL); }
    public static void f32x4Div(long[] s, int at) { f32x4(s, at, DIV); }
    public static void f32x4Min(long[] s, int at) { f32x4(s, at, MIN); }
    public static void f32x4Max(long[] s, int at) { f32x4(s, at, MAX); }
    /** {@code f32x4.pmin}: {@code b < a ? b : a} per lane. */
    public static void f32x4Pmin(long[] s, int at) { f32x4(s, at, PMIN); }
    /** {@code f32x4.pmax}: {@code a < b ? b : a} per lane. */
    public static void f32x4Pmax(long[] s, int at) { f32x4(s, at, PMAX); }

    public static void f32x4Abs(long[] s, int at) {
        s[at] &= 0x7FFF_FFFF_7FFF_FFFFL;
        s[at + 1] &= 0x7FFF_FFFF_7FFF_FFFFL;
    }

    public static void f32x4Neg(long[] s, int at) {
        s[at] ^= 0x8000_0000_8000_0000L;
        s[at + 1] ^= 0x8000_0000_8000_0000L;
    }

    public static void f32x4Sqrt(long[] s, int at) { f32x4Unary(s, at, SQRT); }
    public static void f32x4Ceil(long[] s, int at) { f32x4Unary(s, at, CEIL); }
    public static void f32x4Floor(long[] s, int at) { f32x4Unary(s, at, FLOOR); }
    public static void f32x4Trunc(long[] s, int at) { f32x4Unary(s, at, TRUNC); }
    public static void f32x4Nearest(long[] s, int at) { f32x4Unary(s, at, NEAREST); }

    // ---------------------------------------------------------------- f64x2

    public static void f64x2Eq(long[] s, int at) { f64x2(s, at, EQ); }
    public static void f64x2Ne(long[] s, int at) { f64x2(s, at, NE); }
    public static void f64x2Lt(long[] s, int at) { f64x2(s, at, LT); }
    public static void f64x2Gt(long[] s, int at) { f64x2(s, at, GT); }
    public static void f64x2Le(long[] s, int at) { f64x2(s, at, LE); }
    public static void f64x2Ge(long[] s, int at) { f64x2(s, at, GE); }
    public static void f64x2Add(long[] s, int at) { f64x2(s, at, ADD); }
    public static void f64x2Sub(long[] s, int at) { f64x2(s, at, SUB); }
    public static void f64x2Mul(long[] s, int at) { f64x2(s, at, MUL); }
    public static void f64x2Div(long[] s, int at) { f64x2(s, at, DIV); }
    public static void f64x2Min(long[] s, int at) { f64x2(s, at, MIN); }
    public static void f64x2Max(long[] s, int at) { f64x2(s, at, MAX); }
    /** {@code f64x2.pmin}: {@code b < a ? b : a} per lane. */
    public static void f64x2Pmin(long[] s, int at) { f64x2(s, at, PMIN); }
    /** {@code f64x2.pmax}: {@code a < b ? b : a} per lane. */
    public static void f64x2Pmax(long[] s, int at) { f64x2(s, at, PMAX); }

    public static void f64x2Abs(long[] s, int at) {
        s[at] &= Long.MAX_VALUE;
        s[at + 1] &= Long.MAX_VALUE;
    }

    public static void f64x2Neg(long[] s, int at) {
        s[at] ^= Long.MIN_VALUE;
        s[at + 1] ^= Long.MIN_VALUE;
    }

    public static void f64x2Sqrt(long[] s, int at) { f64x2Unary(s, at, SQRT); }
    public static void f64x2Ceil(long[] s, int at) { f64x2Unary(s, at, CEIL); }
    public static void f64x2Floor(long[] s, int at) { f64x2Unary(s, at, FLOOR); }
    public static void f64x2Trunc(long[] s, int at) { f64x2Unary(s, at, TRUNC); }
    public static void f64x2Nearest(long[] s, int at) { f64x2Unary(s, at, NEAREST); }

    // ---------------------------------------------------------------- conversions

    public static void i32x4TruncSatF32x4S(long[] s, int at) { f32x4Unary(s, at, TRUNC_SAT_S); }
    public static void i32x4TruncSatF32x4U(long[] s, int at) { f32x4Unary(s, at, TRUNC_SAT_U); }
    public static void f32x4ConvertI32x4S(long[] s, int at) { f32x4Unary(s, at, CONVERT_S); }
    public static void f32x4ConvertI32x4U(long[] s, int at) { f32x4Unary(s, at, CONVERT_U); }

    /** {@code i32x4.trunc_sat_f64x2_s_zero}: the two f64 lanes to lanes 0 and 1; lanes 2, 3 are 0. */
    public static void i32x4TruncSatF64x2SZero(long[] s, int at) {
        s[at] = NumericOps.i32TruncSatF64S(s[at]) & 0xFFFF_FFFFL | (long) NumericOps.i32TruncSatF64S(s[at + 1]) << 32;
        s[at + 1] = 0;
    }

    public static void i32x4TruncSatF64x2UZero(long[] s, int at) {
        s[at] = NumericOps.i32TruncSatF64U(s[at]) & 0xFFFF_FFFFL | (long) NumericOps.i32TruncSatF64U(s[at + 1]) << 32;
        s[at + 1] = 0;
    }

    /** {@code f64x2.convert_low_i32x4_s}: i32 lanes 0 and 1 to f64. */
    public static void f64x2ConvertLowI32x4S(long[] s, int at) {
        long lo = s[at];
        s[at] = NumericOps.f64ConvertI32S((int) lo);
        s[at + 1] = NumericOps.f64ConvertI32S((int) (lo >>> 32));
    }

    public static void f64x2ConvertLowI32x4U(long[] s, int at) {
        long lo = s[at];
        s[at] = NumericOps.f64ConvertI32U((int) lo);
        s[at + 1] = NumericOps.f64ConvertI32U((int) (lo >>> 32));
    }

    /** {@code f32x4.demote_f64x2_zero}: the two f64 lanes to f32 lanes 0 and 1; lanes 2, 3 are 0. */
    public static void f32x4DemoteF64x2Zero(long[] s, int at) {
        s[at] = NumericOps.f32DemoteF64(s[at]) & 0xFFFF_FFFFL | (long) NumericOps.f32DemoteF64(s[at + 1]) << 32;
        s[at + 1] = 0;
    }

    /** {@code f64x2.promote_low_f32x4}: f32 lanes 0 and 1 to f64. */
    public static void f64x2PromoteLowF32x4(long[] s, int at) {
        long lo = s[at];
        s[at] = NumericOps.f64PromoteF32((int) lo);
        s[at + 1] = NumericOps.f64PromoteF32((int) (lo >>> 32));
    }
}
