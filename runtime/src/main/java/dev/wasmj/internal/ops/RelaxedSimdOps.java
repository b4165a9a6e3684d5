package dev.wasmj.internal.ops;

/**
 * The semantics of WebAssembly's relaxed SIMD instructions, in the stack form described on
 * {@link SimdOps}.
 *
 * <p>wasmj implements the specification's <em>deterministic profile</em> on every platform: each
 * relaxed instruction behaves like its strict counterpart ({@code relaxed_swizzle} like
 * {@code swizzle}, {@code relaxed_trunc} like {@code trunc_sat}, {@code relaxed_madd} unfused as
 * {@code a * b + c} with two roundings, {@code relaxed_nmadd} as {@code -a * b + c},
 * {@code relaxed_laneselect} like {@code bitselect}, {@code relaxed_min/max} like
 * {@code min/max}, {@code relaxed_q15mulr_s} like {@code q15mulr_sat_s}, and the relaxed dot
 * products treat the second operand as signed). See docs/RATIONALE.md.
 */
public final class RelaxedSimdOps {
    private RelaxedSimdOps() {}

    public static void i8x16RelaxedSwizzle(long[] s, int at) { SimdOps.i8x16Swizzle(s, at); }
    public static void i32x4RelaxedTruncF32x4S(long[] s, int at) { SimdFloatOps.i32x4TruncSatF32x4S(s, at); }
    public static void i32x4RelaxedTruncF32x4U(long[] s, int at) { SimdFloatOps.i32x4TruncSatF32x4U(s, at); }
    public static void i32x4RelaxedTruncF64x2SZero(long[] s, int at) { SimdFloatOps.i32x4TruncSatF64x2SZero(s, at); }
    public static void i32x4RelaxedTruncF64x2UZero(long[] s, int at) { SimdFloatOps.i32x4TruncSatF64x2UZero(s, at); }

    private static long madd32(long a, long b, long c) {
        return madd32((int) a, (int) b, (int) c) & 0xFFFF_FFFFL
                | (long) madd32((int) (a >>> 32), (int) (b >>> 32), (int) (c >>> 32)) << 32;
    }

    private static int madd32(int a, int b, int c) {
        return NumericOps.f32Add(NumericOps.f32Mul(a, b), c);
    }

    /** {@code f32x4.relaxed_madd(a, b, c)}: {@code a * b + c} per lane, unfused. */
    public static void f32x4RelaxedMadd(long[] s, int at) {
        s[at] = madd32(s[at], s[at + 2], s[at + 4]);
        s[at + 1] = madd32(s[at + 1], s[at + 3], s[at + 5]);
    }

    /** {@code f32x4.relaxed_nmadd(a, b, c)}: {@code -a * b + c} per lane, unfused. */
    public static void f32x4RelaxedNmadd(long[] s, int at) {
        s[at] = madd32(s[at] ^ 0x8000_0000_8000_0000L, s[at + 2], s[at + 4]);
        s[at + 1] = madd32(s[at + 1] ^ 0x8000_0000_8000_0000L, s[at + 3], s[at + 5]);
    }

    /** {@code f64x2.relaxed_madd(a, b, c)}: {@code a * b + c} per lane, unfused. */
    public static void f64x2RelaxedMadd(long[] s, int at) {
        s[at] = NumericOps.f64Add(NumericOps.f64Mul(s[at], s[at + 2]), s[at + 4]);
        s[at + 1] = NumericOps.f64Add(NumericOps.f64Mul(s[at + 1], s[at + 3]), s[at + 5]);
    }

    /** {@code f64x2.relaxed_nmadd(a, b, c)}: {@code -a * b + c} per lane, unfused. */
    public static void f64x2RelaxedNmadd(long[] s, int at) {
        s[at] = NumericOps.f64Add(NumericOps.f64Mul(s[at] ^ Long.MIN_VALUE, s[at + 2]), s[at + 4]);
        s[at + 1] = NumericOps.f64Add(NumericOps.f64Mul(s[at + 1] ^ Long.MIN_VALUE, s[at + 3]), s[at + 5]);
    }

    public static void i8x16RelaxedLaneselect(long[] s, int at) { SimdOps.v128Bitselect(s, at); }
    public static void i16x8RelaxedLaneselect(long[] s, int at) { SimdOps.v128Bitselect(s, at); }
    public static void i32x4RelaxedLaneselect(long[] s, int at) { SimdOps.v128Bitselect(s, at); }
    public static void i64x2RelaxedLaneselect(long[] s, int at) { SimdOps.v128Bitselect(s, at); }
    public static void f32x4RelaxedMin(long[] s, int at) { SimdFloatOps.f32x4Min(s, at); }
    public static void f32x4RelaxedMax(long[] s, int at) { SimdFloatOps.f32x4Max(s, at); }
    public static void f64x2RelaxedMin(long[] s, int at) { SimdFloatOps.f64x2Min(s, at); }
    public static void f64x2RelaxedMax(long[] s, int at) { SimdFloatOps.f64x2Max(s, at); }
    public static void i16x8RelaxedQ15mulrS(long[] s, int at) { SimdOps.i16x8Q15mulrSatS(s, at); }

    /** {@code i16x8.relaxed_dot_i8x16_i7x16_s}: sums of signed products of adjacent byte pairs (wrapping). */
    public static void i16x8RelaxedDotI8x16I7x16S(long[] s, int at) {
        s[at] = SimdOps.dot(s[at], s[at + 2], 8);
        s[at + 1] = SimdOps.dot(s[at + 1], s[at + 3], 8);
    }

    /**
     * {@code i32x4.relaxed_dot_i8x16_i7x16_add_s(a, b, c)}: the i16 dot product of a and b, its
     * adjacent pairs added (signed) into i32 lanes, plus c.
     */
    public static void i32x4RelaxedDotI8x16I7x16AddS(long[] s, int at) {
        long lo = SimdOps.extaddPairwise(SimdOps.dot(s[at], s[at + 2], 8), 16, true);
        long hi = SimdOps.extaddPairwise(SimdOps.dot(s[at + 1], s[at + 3], 8), 16, true);
        s[at] = Swar.add(lo, s[at + 4], 32);
        s[at + 1] = Swar.add(hi, s[at + 5], 32);
    }
}
