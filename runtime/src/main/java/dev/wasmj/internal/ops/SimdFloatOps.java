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

    /** Two f32 lanes (or i32 lanes) as one half. */
    private static long pack(int lane0, int lane1) {
        return lane0 & 0xFFFF_FFFFL | (long) lane1 << 32;
    }

    private static int pmin32(int a, int b) {
        return Float.intBitsToFloat(b) < Float.intBitsToFloat(a) ? b : a;
    }

    private static int pmax32(int a, int b) {
        return Float.intBitsToFloat(a) < Float.intBitsToFloat(b) ? b : a;
    }

    private static long pmin64(long a, long b) {
        return Double.longBitsToDouble(b) < Double.longBitsToDouble(a) ? b : a;
    }

    private static long pmax64(long a, long b) {
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? b : a;
    }

    // comparisons as lane masks: the scalar 0/1 negated is 0/-1
    private static int eq32(int a, int b) { return -NumericOps.f32Eq(a, b); }
    private static int ne32(int a, int b) { return -NumericOps.f32Ne(a, b); }
    private static int lt32(int a, int b) { return -NumericOps.f32Lt(a, b); }
    private static int gt32(int a, int b) { return -NumericOps.f32Gt(a, b); }
    private static int le32(int a, int b) { return -NumericOps.f32Le(a, b); }
    private static int ge32(int a, int b) { return -NumericOps.f32Ge(a, b); }
    private static long eq64(long a, long b) { return -NumericOps.f64Eq(a, b); }
    private static long ne64(long a, long b) { return -NumericOps.f64Ne(a, b); }
    private static long lt64(long a, long b) { return -NumericOps.f64Lt(a, b); }
    private static long gt64(long a, long b) { return -NumericOps.f64Gt(a, b); }
    private static long le64(long a, long b) { return -NumericOps.f64Le(a, b); }
    private static long ge64(long a, long b) { return -NumericOps.f64Ge(a, b); }

    // ---------------------------------------------------------------- splat, lanes

    public static void f32x4Splat(long[] s, int at) { SimdOps.i32x4Splat(s, at); }
    public static void f64x2Splat(long[] s, int at) { SimdOps.i64x2Splat(s, at); }
    public static void f32x4ExtractLane(long[] s, int at, int lane) { SimdOps.i32x4ExtractLane(s, at, lane); }
    public static void f64x2ExtractLane(long[] s, int at, int lane) { SimdOps.i64x2ExtractLane(s, at, lane); }
    public static void f32x4ReplaceLane(long[] s, int at, int lane) { SimdOps.i32x4ReplaceLane(s, at, lane); }
    public static void f64x2ReplaceLane(long[] s, int at, int lane) { SimdOps.i64x2ReplaceLane(s, at, lane); }

    // ---------------------------------------------------------------- f32x4

    public static void f32x4Add(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(NumericOps.f32Add((int) a, (int) b), NumericOps.f32Add((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(NumericOps.f32Add((int) a, (int) b), NumericOps.f32Add((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Sub(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(NumericOps.f32Sub((int) a, (int) b), NumericOps.f32Sub((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(NumericOps.f32Sub((int) a, (int) b), NumericOps.f32Sub((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Mul(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(NumericOps.f32Mul((int) a, (int) b), NumericOps.f32Mul((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(NumericOps.f32Mul((int) a, (int) b), NumericOps.f32Mul((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Div(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(NumericOps.f32Div((int) a, (int) b), NumericOps.f32Div((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(NumericOps.f32Div((int) a, (int) b), NumericOps.f32Div((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Min(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(NumericOps.f32Min((int) a, (int) b), NumericOps.f32Min((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(NumericOps.f32Min((int) a, (int) b), NumericOps.f32Min((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Max(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(NumericOps.f32Max((int) a, (int) b), NumericOps.f32Max((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(NumericOps.f32Max((int) a, (int) b), NumericOps.f32Max((int) (a >>> 32), (int) (b >>> 32)));
    }

    /** {@code f32x4.pmin}: {@code b < a ? b : a} per lane. */
    public static void f32x4Pmin(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(pmin32((int) a, (int) b), pmin32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(pmin32((int) a, (int) b), pmin32((int) (a >>> 32), (int) (b >>> 32)));
    }

    /** {@code f32x4.pmax}: {@code a < b ? b : a} per lane. */
    public static void f32x4Pmax(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(pmax32((int) a, (int) b), pmax32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(pmax32((int) a, (int) b), pmax32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Eq(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(eq32((int) a, (int) b), eq32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(eq32((int) a, (int) b), eq32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Ne(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(ne32((int) a, (int) b), ne32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(ne32((int) a, (int) b), ne32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Lt(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(lt32((int) a, (int) b), lt32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(lt32((int) a, (int) b), lt32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Gt(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(gt32((int) a, (int) b), gt32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(gt32((int) a, (int) b), gt32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Le(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(le32((int) a, (int) b), le32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(le32((int) a, (int) b), le32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Ge(long[] s, int at) {
        long a = s[at], b = s[at + 2];
        s[at] = pack(ge32((int) a, (int) b), ge32((int) (a >>> 32), (int) (b >>> 32)));
        a = s[at + 1];
        b = s[at + 3];
        s[at + 1] = pack(ge32((int) a, (int) b), ge32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static void f32x4Abs(long[] s, int at) {
        s[at] &= 0x7FFF_FFFF_7FFF_FFFFL;
        s[at + 1] &= 0x7FFF_FFFF_7FFF_FFFFL;
    }

    public static void f32x4Neg(long[] s, int at) {
        s[at] ^= 0x8000_0000_8000_0000L;
        s[at + 1] ^= 0x8000_0000_8000_0000L;
    }

    public static void f32x4Sqrt(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32Sqrt((int) a), NumericOps.f32Sqrt((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32Sqrt((int) a), NumericOps.f32Sqrt((int) (a >>> 32)));
    }

    public static void f32x4Ceil(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32Ceil((int) a), NumericOps.f32Ceil((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32Ceil((int) a), NumericOps.f32Ceil((int) (a >>> 32)));
    }

    public static void f32x4Floor(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32Floor((int) a), NumericOps.f32Floor((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32Floor((int) a), NumericOps.f32Floor((int) (a >>> 32)));
    }

    public static void f32x4Trunc(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32Trunc((int) a), NumericOps.f32Trunc((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32Trunc((int) a), NumericOps.f32Trunc((int) (a >>> 32)));
    }

    public static void f32x4Nearest(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32Nearest((int) a), NumericOps.f32Nearest((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32Nearest((int) a), NumericOps.f32Nearest((int) (a >>> 32)));
    }

    // ---------------------------------------------------------------- f64x2

    public static void f64x2Add(long[] s, int at) {
        s[at] = NumericOps.f64Add(s[at], s[at + 2]);
        s[at + 1] = NumericOps.f64Add(s[at + 1], s[at + 3]);
    }

    public static void f64x2Sub(long[] s, int at) {
        s[at] = NumericOps.f64Sub(s[at], s[at + 2]);
        s[at + 1] = NumericOps.f64Sub(s[at + 1], s[at + 3]);
    }

    public static void f64x2Mul(long[] s, int at) {
        s[at] = NumericOps.f64Mul(s[at], s[at + 2]);
        s[at + 1] = NumericOps.f64Mul(s[at + 1], s[at + 3]);
    }

    public static void f64x2Div(long[] s, int at) {
        s[at] = NumericOps.f64Div(s[at], s[at + 2]);
        s[at + 1] = NumericOps.f64Div(s[at + 1], s[at + 3]);
    }

    public static void f64x2Min(long[] s, int at) {
        s[at] = NumericOps.f64Min(s[at], s[at + 2]);
        s[at + 1] = NumericOps.f64Min(s[at + 1], s[at + 3]);
    }

    public static void f64x2Max(long[] s, int at) {
        s[at] = NumericOps.f64Max(s[at], s[at + 2]);
        s[at + 1] = NumericOps.f64Max(s[at + 1], s[at + 3]);
    }

    /** {@code f64x2.pmin}: {@code b < a ? b : a} per lane. */
    public static void f64x2Pmin(long[] s, int at) {
        s[at] = pmin64(s[at], s[at + 2]);
        s[at + 1] = pmin64(s[at + 1], s[at + 3]);
    }

    /** {@code f64x2.pmax}: {@code a < b ? b : a} per lane. */
    public static void f64x2Pmax(long[] s, int at) {
        s[at] = pmax64(s[at], s[at + 2]);
        s[at + 1] = pmax64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Eq(long[] s, int at) {
        s[at] = eq64(s[at], s[at + 2]);
        s[at + 1] = eq64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Ne(long[] s, int at) {
        s[at] = ne64(s[at], s[at + 2]);
        s[at + 1] = ne64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Lt(long[] s, int at) {
        s[at] = lt64(s[at], s[at + 2]);
        s[at + 1] = lt64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Gt(long[] s, int at) {
        s[at] = gt64(s[at], s[at + 2]);
        s[at + 1] = gt64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Le(long[] s, int at) {
        s[at] = le64(s[at], s[at + 2]);
        s[at + 1] = le64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Ge(long[] s, int at) {
        s[at] = ge64(s[at], s[at + 2]);
        s[at + 1] = ge64(s[at + 1], s[at + 3]);
    }

    public static void f64x2Abs(long[] s, int at) {
        s[at] &= Long.MAX_VALUE;
        s[at + 1] &= Long.MAX_VALUE;
    }

    public static void f64x2Neg(long[] s, int at) {
        s[at] ^= Long.MIN_VALUE;
        s[at + 1] ^= Long.MIN_VALUE;
    }

    public static void f64x2Sqrt(long[] s, int at) {
        s[at] = NumericOps.f64Sqrt(s[at]);
        s[at + 1] = NumericOps.f64Sqrt(s[at + 1]);
    }

    public static void f64x2Ceil(long[] s, int at) {
        s[at] = NumericOps.f64Ceil(s[at]);
        s[at + 1] = NumericOps.f64Ceil(s[at + 1]);
    }

    public static void f64x2Floor(long[] s, int at) {
        s[at] = NumericOps.f64Floor(s[at]);
        s[at + 1] = NumericOps.f64Floor(s[at + 1]);
    }

    public static void f64x2Trunc(long[] s, int at) {
        s[at] = NumericOps.f64Trunc(s[at]);
        s[at + 1] = NumericOps.f64Trunc(s[at + 1]);
    }

    public static void f64x2Nearest(long[] s, int at) {
        s[at] = NumericOps.f64Nearest(s[at]);
        s[at + 1] = NumericOps.f64Nearest(s[at + 1]);
    }

    // ---------------------------------------------------------------- conversions

    public static void i32x4TruncSatF32x4S(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.i32TruncSatF32S((int) a), NumericOps.i32TruncSatF32S((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.i32TruncSatF32S((int) a), NumericOps.i32TruncSatF32S((int) (a >>> 32)));
    }

    public static void i32x4TruncSatF32x4U(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.i32TruncSatF32U((int) a), NumericOps.i32TruncSatF32U((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.i32TruncSatF32U((int) a), NumericOps.i32TruncSatF32U((int) (a >>> 32)));
    }

    public static void f32x4ConvertI32x4S(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32ConvertI32S((int) a), NumericOps.f32ConvertI32S((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32ConvertI32S((int) a), NumericOps.f32ConvertI32S((int) (a >>> 32)));
    }

    public static void f32x4ConvertI32x4U(long[] s, int at) {
        long a = s[at];
        s[at] = pack(NumericOps.f32ConvertI32U((int) a), NumericOps.f32ConvertI32U((int) (a >>> 32)));
        a = s[at + 1];
        s[at + 1] = pack(NumericOps.f32ConvertI32U((int) a), NumericOps.f32ConvertI32U((int) (a >>> 32)));
    }

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
