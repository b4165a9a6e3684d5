package dev.wasmj.internal.ops;

import static dev.wasmj.internal.ops.V128.lane;
import static dev.wasmj.internal.ops.V128.laneOfHalf;
import static dev.wasmj.internal.ops.V128.laneU;
import static dev.wasmj.internal.ops.V128.mask;
import static dev.wasmj.internal.ops.V128.place;
import static dev.wasmj.internal.ops.V128.saturate;

/**
 * The semantics of WebAssembly's SIMD instructions on integer lanes and whole vectors (lanes,
 * shuffles, bitwise, integer arithmetic, comparisons, narrowing and widening); the float lane
 * instructions and the float/int conversions are in {@link SimdFloatOps}, the relaxed SIMD
 * instructions in {@link RelaxedSimdOps}. All three share one convention.
 *
 * <p><b>Convention (stack form).</b> Each instruction is one method named after it in camelCase
 * ({@code i8x16.add_sat_s} is {@code i8x16AddSatS}, {@code i16x8.extmul_low_i8x16_s} is
 * {@code i16x8ExtmulLowI8x16S}) with the signature {@code void op(long[] s, int at)} (plus the
 * instruction's immediates as trailing {@code int}/{@code long} parameters). The operands are
 * read from {@code s[at...]} in stack order and the result is written at {@code s[at...]}: a
 * v128 takes two consecutive slots ({@code lo} = bytes 0..7 little-endian, then {@code hi} =
 * bytes 8..15), any other value one slot (i32 and f32 bits as an int, written sign-extended and
 * read by {@code (int)} cast; i64 and f64 bits as a long). So {@code at} is the operand stack
 * height after popping the operands, and the caller's new height is {@code at} plus the result's
 * slots. The methods allocate nothing.
 */
public final class SimdOps {
    private SimdOps() {}

    private static final long ONES8 = 0x0101_0101_0101_0101L;

    // ---------------------------------------------------------------- splat, lanes

    public static void i8x16Splat(long[] s, int at) {
        long v = (s[at] & 0xFF) * ONES8;
        s[at] = v;
        s[at + 1] = v;
    }

    public static void i16x8Splat(long[] s, int at) {
        long v = (s[at] & 0xFFFF) * 0x0001_0001_0001_0001L;
        s[at] = v;
        s[at + 1] = v;
    }

    public static void i32x4Splat(long[] s, int at) {
        long v = (s[at] & 0xFFFF_FFFFL) * 0x1_0000_0001L;
        s[at] = v;
        s[at + 1] = v;
    }

    public static void i64x2Splat(long[] s, int at) {
        s[at + 1] = s[at];
    }

    public static void i8x16ExtractLaneS(long[] s, int at, int lane) {
        s[at] = (int) lane(s[at], s[at + 1], lane, 8);
    }

    public static void i8x16ExtractLaneU(long[] s, int at, int lane) {
        s[at] = (int) laneU(s[at], s[at + 1], lane, 8);
    }

    public static void i16x8ExtractLaneS(long[] s, int at, int lane) {
        s[at] = (int) lane(s[at], s[at + 1], lane, 16);
    }

    public static void i16x8ExtractLaneU(long[] s, int at, int lane) {
        s[at] = (int) laneU(s[at], s[at + 1], lane, 16);
    }

    public static void i32x4ExtractLane(long[] s, int at, int lane) {
        s[at] = (int) lane(s[at], s[at + 1], lane, 32);
    }

    public static void i64x2ExtractLane(long[] s, int at, int lane) {
        s[at] = s[at + lane];
    }

    /** Replaces lane {@code lane} of width {@code bits} of the v128 at s[at] by the value at s[at + 2]. */
    static void replaceLane(long[] s, int at, int lane, int bits) {
        int pos = lane * bits;
        int slot = at + (pos >>> 6);
        long m = mask(bits) << (pos & 63);
        s[slot] = s[slot] & ~m | (s[at + 2] << (pos & 63)) & m;
    }

    public static void i8x16ReplaceLane(long[] s, int at, int lane) { replaceLane(s, at, lane, 8); }
    public static void i16x8ReplaceLane(long[] s, int at, int lane) { replaceLane(s, at, lane, 16); }
    public static void i32x4ReplaceLane(long[] s, int at, int lane) { replaceLane(s, at, lane, 32); }
    public static void i64x2ReplaceLane(long[] s, int at, int lane) { replaceLane(s, at, lane, 64); }

    /** Byte {@code i} (0..31) of the 32 bytes a (s[at], s[at+1]) then b (s[at+2], s[at+3]). */
    private static long byteOf(long aLo, long aHi, long bLo, long bHi, int i) {
        long half = switch (i >>> 3) {
            case 0 -> aLo;
            case 1 -> aHi;
            case 2 -> bLo;
            default -> bHi;
        };
        return (half >>> ((i & 7) * 8)) & 0xFF;
    }

    /**
     * {@code i8x16.shuffle}: the 16 lane indices (each 0..31, validated) are the immediate's bytes,
     * given as two little-endian longs {@code lanesLo} (lanes 0..7) and {@code lanesHi}.
     */
    public static void i8x16Shuffle(long[] s, int at, long lanesLo, long lanesHi) {
        long aLo = s[at], aHi = s[at + 1], bLo = s[at + 2], bHi = s[at + 3];
        long lo = 0, hi = 0;
        for (int i = 0; i < 8; i++) {
            lo |= byteOf(aLo, aHi, bLo, bHi, (int) (lanesLo >>> (8 * i)) & 31) << (8 * i);
            hi |= byteOf(aLo, aHi, bLo, bHi, (int) (lanesHi >>> (8 * i)) & 31) << (8 * i);
        }
        s[at] = lo;
        s[at + 1] = hi;
    }

    /** {@code i8x16.swizzle}: result byte i is a[b[i]], or 0 where b[i] is 16 or more. */
    public static void i8x16Swizzle(long[] s, int at) {
        long aLo = s[at], aHi = s[at + 1], bLo = s[at + 2], bHi = s[at + 3];
        long lo = 0, hi = 0;
        for (int i = 0; i < 8; i++) {
            int jLo = (int) (bLo >>> (8 * i)) & 0xFF;
            int jHi = (int) (bHi >>> (8 * i)) & 0xFF;
            if (jLo < 16) {
                lo |= byteOf(aLo, aHi, 0, 0, jLo) << (8 * i);
            }
            if (jHi < 16) {
                hi |= byteOf(aLo, aHi, 0, 0, jHi) << (8 * i);
            }
        }
        s[at] = lo;
        s[at + 1] = hi;
    }

    // ---------------------------------------------------------------- bitwise

    public static void v128Not(long[] s, int at) {
        s[at] = ~s[at];
        s[at + 1] = ~s[at + 1];
    }

    public static void v128And(long[] s, int at) {
        s[at] &= s[at + 2];
        s[at + 1] &= s[at + 3];
    }

    public static void v128Andnot(long[] s, int at) {
        s[at] &= ~s[at + 2];
        s[at + 1] &= ~s[at + 3];
    }

    public static void v128Or(long[] s, int at) {
        s[at] |= s[at + 2];
        s[at + 1] |= s[at + 3];
    }

    public static void v128Xor(long[] s, int at) {
        s[at] ^= s[at + 2];
        s[at + 1] ^= s[at + 3];
    }

    /** {@code v128.bitselect(a, b, c)}: bits of a where c is 1, of b where c is 0. */
    public static void v128Bitselect(long[] s, int at) {
        s[at] = s[at] & s[at + 4] | s[at + 2] & ~s[at + 4];
        s[at + 1] = s[at + 1] & s[at + 5] | s[at + 3] & ~s[at + 5];
    }

    public static void v128AnyTrue(long[] s, int at) {
        s[at] = (s[at] | s[at + 1]) != 0 ? 1 : 0;
    }

    public static void i8x16AllTrue(long[] s, int at) {
        s[at] = (Swar.nonZero(s[at], 8) & Swar.nonZero(s[at + 1], 8)) == -1 ? 1 : 0;
    }

    public static void i16x8AllTrue(long[] s, int at) {
        s[at] = (Swar.nonZero(s[at], 16) & Swar.nonZero(s[at + 1], 16)) == -1 ? 1 : 0;
    }

    public static void i32x4AllTrue(long[] s, int at) {
        s[at] = (Swar.nonZero(s[at], 32) & Swar.nonZero(s[at + 1], 32)) == -1 ? 1 : 0;
    }

    public static void i64x2AllTrue(long[] s, int at) {
        s[at] = s[at] != 0 && s[at + 1] != 0 ? 1 : 0;
    }

    /** The top bit of each lane of the v128 at s[at], lane 0 in bit 0. */
    private static int bitmask(long lo, long hi, int bits) {
        int n = 128 / bits;
        int r = 0;
        for (int i = 0; i < n; i++) {
            r |= (int) (lane(lo, hi, i, bits) >>> 63) << i;
        }
        return r;
    }

    /** The top bits of the 8 bytes of a half in bits 0..7 (gathered by one multiplication). */
    private static int bitmask8(long half) {
        return (int) ((((half & 0x8080_8080_8080_8080L) >>> 7) * 0x0102_0408_1020_4080L) >>> 56);
    }

    public static void i8x16Bitmask(long[] s, int at) { s[at] = bitmask8(s[at]) | bitmask8(s[at + 1]) << 8; }
    public static void i16x8Bitmask(long[] s, int at) { s[at] = bitmask(s[at], s[at + 1], 16); }
    public static void i32x4Bitmask(long[] s, int at) { s[at] = bitmask(s[at], s[at + 1], 32); }
    public static void i64x2Bitmask(long[] s, int at) { s[at] = bitmask(s[at], s[at + 1], 64); }

    // ---------------------------------------------------------------- narrow, extend

    /** Narrows the lanes of a (s[at..]) then b (s[at+2..]) from {@code bits} to half, saturating. */
    private static void narrow(long[] s, int at, int bits, boolean signed) {
        int half = bits / 2;
        long min = signed ? -(1L << (half - 1)) : 0;
        long max = signed ? (1L << (half - 1)) - 1 : (1L << half) - 1;
        int n = 128 / bits; // lanes per operand
        long lo = 0, hi = 0;
        for (int i = 0; i < n; i++) {
            lo |= place(saturate(lane(s[at], s[at + 1], i, bits), min, max), i, half);
            hi |= place(saturate(lane(s[at + 2], s[at + 3], i, bits), min, max), i, half);
        }
        s[at] = lo;
        s[at + 1] = hi;
    }

    public static void i8x16NarrowI16x8S(long[] s, int at) { narrow(s, at, 16, true); }
    public static void i8x16NarrowI16x8U(long[] s, int at) { narrow(s, at, 16, false); }
    public static void i16x8NarrowI32x4S(long[] s, int at) { narrow(s, at, 32, true); }
    public static void i16x8NarrowI32x4U(long[] s, int at) { narrow(s, at, 32, false); }

    /** Widens the lanes of one half ({@code half}) of width {@code bits} to twice the width. */
    private static void extend(long[] s, int at, long half, int bits, boolean signed) {
        int wide = bits * 2;
        int n = 64 / wide; // wide lanes per result half
        long lo = 0, hi = 0;
        for (int i = 0; i < n; i++) {
            long x = laneOfHalf(half, i, bits);
            long y = laneOfHalf(half, i + n, bits);
            lo |= place(signed ? x : x & mask(bits), i, wide);
            hi |= place(signed ? y : y & mask(bits), i, wide);
        }
        s[at] = lo;
        s[at + 1] = hi;
    }

    public static void i16x8ExtendLowI8x16S(long[] s, int at) { extend(s, at, s[at], 8, true); }
    public static void i16x8ExtendHighI8x16S(long[] s, int at) { extend(s, at, s[at + 1], 8, true); }
    public static void i16x8ExtendLowI8x16U(long[] s, int at) { extend(s, at, s[at], 8, false); }
    public static void i16x8ExtendHighI8x16U(long[] s, int at) { extend(s, at, s[at + 1], 8, false); }
    public static void i32x4ExtendLowI16x8S(long[] s, int at) { extend(s, at, s[at], 16, true); }
    public static void i32x4ExtendHighI16x8S(long[] s, int at) { extend(s, at, s[at + 1], 16, true); }
    public static void i32x4ExtendLowI16x8U(long[] s, int at) { extend(s, at, s[at], 16, false); }
    public static void i32x4ExtendHighI16x8U(long[] s, int at) { extend(s, at, s[at + 1], 16, false); }
    public static void i64x2ExtendLowI32x4S(long[] s, int at) { extend(s, at, s[at], 32, true); }
    public static void i64x2ExtendHighI32x4S(long[] s, int at) { extend(s, at, s[at + 1], 32, true); }
    public static void i64x2ExtendLowI32x4U(long[] s, int at) { extend(s, at, s[at], 32, false); }
    public static void i64x2ExtendHighI32x4U(long[] s, int at) { extend(s, at, s[at + 1], 32, false); }

    /** Multiplies the lanes of width {@code bits} of half a and half b into double-width lanes. */
    private static void extmul(long[] s, int at, long a, long b, int bits, boolean signed) {
        int wide = bits * 2;
        int n = 64 / wide;
        long m = signed ? -1L : mask(bits);
        long lo = 0, hi = 0;
        for (int i = 0; i < n; i++) {
            lo |= place((laneOfHalf(a, i, bits) & m) * (laneOfHalf(b, i, bits) & m), i, wide);
            hi |= place((laneOfHalf(a, i + n, bits) & m) * (laneOfHalf(b, i + n, bits) & m), i, wide);
        }
        s[at] = lo;
        s[at + 1] = hi;
    }

    public static void i16x8ExtmulLowI8x16S(long[] s, int at) { extmul(s, at, s[at], s[at + 2], 8, true); }
    public static void i16x8ExtmulHighI8x16S(long[] s, int at) { extmul(s, at, s[at + 1], s[at + 3], 8, true); }
    public static void i16x8ExtmulLowI8x16U(long[] s, int at) { extmul(s, at, s[at], s[at + 2], 8, false); }
    public static void i16x8ExtmulHighI8x16U(long[] s, int at) { extmul(s, at, s[at + 1], s[at + 3], 8, false); }
    public static void i32x4ExtmulLowI16x8S(long[] s, int at) { extmul(s, at, s[at], s[at + 2], 16, true); }
    public static void i32x4ExtmulHighI16x8S(long[] s, int at) { extmul(s, at, s[at + 1], s[at + 3], 16, true); }
    public static void i32x4ExtmulLowI16x8U(long[] s, int at) { extmul(s, at, s[at], s[at + 2], 16, false); }
    public static void i32x4ExtmulHighI16x8U(long[] s, int at) { extmul(s, at, s[at + 1], s[at + 3], 16, false); }
    public static void i64x2ExtmulLowI32x4S(long[] s, int at) { extmul(s, at, s[at], s[at + 2], 32, true); }
    public static void i64x2ExtmulHighI32x4S(long[] s, int at) { extmul(s, at, s[at + 1], s[at + 3], 32, true); }
    public static void i64x2ExtmulLowI32x4U(long[] s, int at) { extmul(s, at, s[at], s[at + 2], 32, false); }
    public static void i64x2ExtmulHighI32x4U(long[] s, int at) { extmul(s, at, s[at + 1], s[at + 3], 32, false); }

    /** Adds adjacent lane pairs of one half into double-width lanes of the same half. */
    static long extaddPairwise(long half, int bits, boolean signed) {
        int wide = bits * 2;
        long m = signed ? -1L : mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / wide; i < n; i++) {
            r |= place((laneOfHalf(half, 2 * i, bits) & m) + (laneOfHalf(half, 2 * i + 1, bits) & m), i, wide);
        }
        return r;
    }

    public static void i16x8ExtaddPairwiseI8x16S(long[] s, int at) {
        s[at] = extaddPairwise(s[at], 8, true);
        s[at + 1] = extaddPairwise(s[at + 1], 8, true);
    }

    public static void i16x8ExtaddPairwiseI8x16U(long[] s, int at) {
        s[at] = extaddPairwise(s[at], 8, false);
        s[at + 1] = extaddPairwise(s[at + 1], 8, false);
    }

    public static void i32x4ExtaddPairwiseI16x8S(long[] s, int at) {
        s[at] = extaddPairwise(s[at], 16, true);
        s[at + 1] = extaddPairwise(s[at + 1], 16, true);
    }

    public static void i32x4ExtaddPairwiseI16x8U(long[] s, int at) {
        s[at] = extaddPairwise(s[at], 16, false);
        s[at + 1] = extaddPairwise(s[at + 1], 16, false);
    }

    /** Signed products of adjacent lane pairs of halves a and b, summed into double-width lanes. */
    static long dot(long a, long b, int bits) {
        int wide = bits * 2;
        long r = 0;
        for (int i = 0, n = 64 / wide; i < n; i++) {
            long p = laneOfHalf(a, 2 * i, bits) * laneOfHalf(b, 2 * i, bits)
                    + laneOfHalf(a, 2 * i + 1, bits) * laneOfHalf(b, 2 * i + 1, bits);
            r |= place(p, i, wide);
        }
        return r;
    }

    /** {@code i32x4.dot_i16x8_s}: sums of the signed products of adjacent i16 lane pairs. */
    public static void i32x4DotI16x8S(long[] s, int at) {
        s[at] = dot(s[at], s[at + 2], 16);
        s[at + 1] = dot(s[at + 1], s[at + 3], 16);
    }

    // ---------------------------------------------------------------- i8x16 lane-wise

    public static void i8x16Abs(long[] s, int at) {
        s[at] = Swar.abs(s[at], 8);
        s[at + 1] = Swar.abs(s[at + 1], 8);
    }

    public static void i8x16Neg(long[] s, int at) {
        s[at] = Swar.neg(s[at], 8);
        s[at + 1] = Swar.neg(s[at + 1], 8);
    }

    public static void i8x16Popcnt(long[] s, int at) {
        s[at] = Swar.popcnt8(s[at]);
        s[at + 1] = Swar.popcnt8(s[at + 1]);
    }

    public static void i8x16Add(long[] s, int at) {
        s[at] = Swar.add(s[at], s[at + 2], 8);
        s[at + 1] = Swar.add(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16Sub(long[] s, int at) {
        s[at] = Swar.sub(s[at], s[at + 2], 8);
        s[at + 1] = Swar.sub(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16AddSatS(long[] s, int at) {
        s[at] = Swar.addSatS(s[at], s[at + 2], 8);
        s[at + 1] = Swar.addSatS(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16AddSatU(long[] s, int at) {
        s[at] = Swar.addSatU(s[at], s[at + 2], 8);
        s[at + 1] = Swar.addSatU(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16SubSatS(long[] s, int at) {
        s[at] = Swar.subSatS(s[at], s[at + 2], 8);
        s[at + 1] = Swar.subSatS(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16SubSatU(long[] s, int at) {
        s[at] = Swar.subSatU(s[at], s[at + 2], 8);
        s[at + 1] = Swar.subSatU(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16MinS(long[] s, int at) {
        s[at] = Swar.minS(s[at], s[at + 2], 8);
        s[at + 1] = Swar.minS(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16MinU(long[] s, int at) {
        s[at] = Swar.minU(s[at], s[at + 2], 8);
        s[at + 1] = Swar.minU(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16MaxS(long[] s, int at) {
        s[at] = Swar.maxS(s[at], s[at + 2], 8);
        s[at + 1] = Swar.maxS(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16MaxU(long[] s, int at) {
        s[at] = Swar.maxU(s[at], s[at + 2], 8);
        s[at + 1] = Swar.maxU(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16AvgrU(long[] s, int at) {
        s[at] = Swar.avgrU(s[at], s[at + 2], 8);
        s[at + 1] = Swar.avgrU(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16Eq(long[] s, int at) {
        s[at] = Swar.eq(s[at], s[at + 2], 8);
        s[at + 1] = Swar.eq(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16Ne(long[] s, int at) {
        s[at] = Swar.ne(s[at], s[at + 2], 8);
        s[at + 1] = Swar.ne(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16LtS(long[] s, int at) {
        s[at] = Swar.ltS(s[at], s[at + 2], 8);
        s[at + 1] = Swar.ltS(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16LtU(long[] s, int at) {
        s[at] = Swar.ltU(s[at], s[at + 2], 8);
        s[at + 1] = Swar.ltU(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16GtS(long[] s, int at) {
        s[at] = Swar.ltS(s[at + 2], s[at], 8);
        s[at + 1] = Swar.ltS(s[at + 3], s[at + 1], 8);
    }

    public static void i8x16GtU(long[] s, int at) {
        s[at] = Swar.ltU(s[at + 2], s[at], 8);
        s[at + 1] = Swar.ltU(s[at + 3], s[at + 1], 8);
    }

    public static void i8x16LeS(long[] s, int at) {
        s[at] = ~Swar.ltS(s[at + 2], s[at], 8);
        s[at + 1] = ~Swar.ltS(s[at + 3], s[at + 1], 8);
    }

    public static void i8x16LeU(long[] s, int at) {
        s[at] = ~Swar.ltU(s[at + 2], s[at], 8);
        s[at + 1] = ~Swar.ltU(s[at + 3], s[at + 1], 8);
    }

    public static void i8x16GeS(long[] s, int at) {
        s[at] = ~Swar.ltS(s[at], s[at + 2], 8);
        s[at + 1] = ~Swar.ltS(s[at + 1], s[at + 3], 8);
    }

    public static void i8x16GeU(long[] s, int at) {
        s[at] = ~Swar.ltU(s[at], s[at + 2], 8);
        s[at + 1] = ~Swar.ltU(s[at + 1], s[at + 3], 8);
    }

    /** {@code i8x16.shl}: the count (an i32 at {@code s[at + 2]}) is taken modulo 8. */
    public static void i8x16Shl(long[] s, int at) {
        int count = (int) s[at + 2] & 7;
        s[at] = Swar.shl(s[at], count, 8);
        s[at + 1] = Swar.shl(s[at + 1], count, 8);
    }

    /** {@code i8x16.shr_s}: the count (an i32 at {@code s[at + 2]}) is taken modulo 8. */
    public static void i8x16ShrS(long[] s, int at) {
        int count = (int) s[at + 2] & 7;
        s[at] = Swar.shrS(s[at], count, 8);
        s[at + 1] = Swar.shrS(s[at + 1], count, 8);
    }

    /** {@code i8x16.shr_u}: the count (an i32 at {@code s[at + 2]}) is taken modulo 8. */
    public static void i8x16ShrU(long[] s, int at) {
        int count = (int) s[at + 2] & 7;
        s[at] = Swar.shrU(s[at], count, 8);
        s[at + 1] = Swar.shrU(s[at + 1], count, 8);
    }

    // ---------------------------------------------------------------- i16x8 lane-wise

    public static void i16x8Abs(long[] s, int at) {
        s[at] = Swar.abs(s[at], 16);
        s[at + 1] = Swar.abs(s[at + 1], 16);
    }

    public static void i16x8Neg(long[] s, int at) {
        s[at] = Swar.neg(s[at], 16);
        s[at + 1] = Swar.neg(s[at + 1], 16);
    }

    public static void i16x8Add(long[] s, int at) {
        s[at] = Swar.add(s[at], s[at + 2], 16);
        s[at + 1] = Swar.add(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8Sub(long[] s, int at) {
        s[at] = Swar.sub(s[at], s[at + 2], 16);
        s[at + 1] = Swar.sub(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8Mul(long[] s, int at) {
        s[at] = Swar.mul16(s[at], s[at + 2]);
        s[at + 1] = Swar.mul16(s[at + 1], s[at + 3]);
    }

    public static void i16x8AddSatS(long[] s, int at) {
        s[at] = Swar.addSatS(s[at], s[at + 2], 16);
        s[at + 1] = Swar.addSatS(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8AddSatU(long[] s, int at) {
        s[at] = Swar.addSatU(s[at], s[at + 2], 16);
        s[at + 1] = Swar.addSatU(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8SubSatS(long[] s, int at) {
        s[at] = Swar.subSatS(s[at], s[at + 2], 16);
        s[at + 1] = Swar.subSatS(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8SubSatU(long[] s, int at) {
        s[at] = Swar.subSatU(s[at], s[at + 2], 16);
        s[at + 1] = Swar.subSatU(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8MinS(long[] s, int at) {
        s[at] = Swar.minS(s[at], s[at + 2], 16);
        s[at + 1] = Swar.minS(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8MinU(long[] s, int at) {
        s[at] = Swar.minU(s[at], s[at + 2], 16);
        s[at + 1] = Swar.minU(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8MaxS(long[] s, int at) {
        s[at] = Swar.maxS(s[at], s[at + 2], 16);
        s[at + 1] = Swar.maxS(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8MaxU(long[] s, int at) {
        s[at] = Swar.maxU(s[at], s[at + 2], 16);
        s[at + 1] = Swar.maxU(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8AvgrU(long[] s, int at) {
        s[at] = Swar.avgrU(s[at], s[at + 2], 16);
        s[at + 1] = Swar.avgrU(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8Q15mulrSatS(long[] s, int at) {
        s[at] = Swar.q15mulrSatS(s[at], s[at + 2]);
        s[at + 1] = Swar.q15mulrSatS(s[at + 1], s[at + 3]);
    }

    public static void i16x8Eq(long[] s, int at) {
        s[at] = Swar.eq(s[at], s[at + 2], 16);
        s[at + 1] = Swar.eq(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8Ne(long[] s, int at) {
        s[at] = Swar.ne(s[at], s[at + 2], 16);
        s[at + 1] = Swar.ne(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8LtS(long[] s, int at) {
        s[at] = Swar.ltS(s[at], s[at + 2], 16);
        s[at + 1] = Swar.ltS(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8LtU(long[] s, int at) {
        s[at] = Swar.ltU(s[at], s[at + 2], 16);
        s[at + 1] = Swar.ltU(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8GtS(long[] s, int at) {
        s[at] = Swar.ltS(s[at + 2], s[at], 16);
        s[at + 1] = Swar.ltS(s[at + 3], s[at + 1], 16);
    }

    public static void i16x8GtU(long[] s, int at) {
        s[at] = Swar.ltU(s[at + 2], s[at], 16);
        s[at + 1] = Swar.ltU(s[at + 3], s[at + 1], 16);
    }

    public static void i16x8LeS(long[] s, int at) {
        s[at] = ~Swar.ltS(s[at + 2], s[at], 16);
        s[at + 1] = ~Swar.ltS(s[at + 3], s[at + 1], 16);
    }

    public static void i16x8LeU(long[] s, int at) {
        s[at] = ~Swar.ltU(s[at + 2], s[at], 16);
        s[at + 1] = ~Swar.ltU(s[at + 3], s[at + 1], 16);
    }

    public static void i16x8GeS(long[] s, int at) {
        s[at] = ~Swar.ltS(s[at], s[at + 2], 16);
        s[at + 1] = ~Swar.ltS(s[at + 1], s[at + 3], 16);
    }

    public static void i16x8GeU(long[] s, int at) {
        s[at] = ~Swar.ltU(s[at], s[at + 2], 16);
        s[at + 1] = ~Swar.ltU(s[at + 1], s[at + 3], 16);
    }

    /** {@code i16x8.shl}: the count (an i32 at {@code s[at + 2]}) is taken modulo 16. */
    public static void i16x8Shl(long[] s, int at) {
        int count = (int) s[at + 2] & 15;
        s[at] = Swar.shl(s[at], count, 16);
        s[at + 1] = Swar.shl(s[at + 1], count, 16);
    }

    /** {@code i16x8.shr_s}: the count (an i32 at {@code s[at + 2]}) is taken modulo 16. */
    public static void i16x8ShrS(long[] s, int at) {
        int count = (int) s[at + 2] & 15;
        s[at] = Swar.shrS(s[at], count, 16);
        s[at + 1] = Swar.shrS(s[at + 1], count, 16);
    }

    /** {@code i16x8.shr_u}: the count (an i32 at {@code s[at + 2]}) is taken modulo 16. */
    public static void i16x8ShrU(long[] s, int at) {
        int count = (int) s[at + 2] & 15;
        s[at] = Swar.shrU(s[at], count, 16);
        s[at + 1] = Swar.shrU(s[at + 1], count, 16);
    }

    // ---------------------------------------------------------------- i32x4 lane-wise

    public static void i32x4Abs(long[] s, int at) {
        s[at] = Swar.abs(s[at], 32);
        s[at + 1] = Swar.abs(s[at + 1], 32);
    }

    public static void i32x4Neg(long[] s, int at) {
        s[at] = Swar.neg(s[at], 32);
        s[at + 1] = Swar.neg(s[at + 1], 32);
    }

    public static void i32x4Add(long[] s, int at) {
        s[at] = Swar.add(s[at], s[at + 2], 32);
        s[at + 1] = Swar.add(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4Sub(long[] s, int at) {
        s[at] = Swar.sub(s[at], s[at + 2], 32);
        s[at + 1] = Swar.sub(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4Mul(long[] s, int at) {
        s[at] = Swar.mul32(s[at], s[at + 2]);
        s[at + 1] = Swar.mul32(s[at + 1], s[at + 3]);
    }

    public static void i32x4MinS(long[] s, int at) {
        s[at] = Swar.minS(s[at], s[at + 2], 32);
        s[at + 1] = Swar.minS(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4MinU(long[] s, int at) {
        s[at] = Swar.minU(s[at], s[at + 2], 32);
        s[at + 1] = Swar.minU(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4MaxS(long[] s, int at) {
        s[at] = Swar.maxS(s[at], s[at + 2], 32);
        s[at + 1] = Swar.maxS(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4MaxU(long[] s, int at) {
        s[at] = Swar.maxU(s[at], s[at + 2], 32);
        s[at + 1] = Swar.maxU(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4Eq(long[] s, int at) {
        s[at] = Swar.eq(s[at], s[at + 2], 32);
        s[at + 1] = Swar.eq(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4Ne(long[] s, int at) {
        s[at] = Swar.ne(s[at], s[at + 2], 32);
        s[at + 1] = Swar.ne(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4LtS(long[] s, int at) {
        s[at] = Swar.ltS(s[at], s[at + 2], 32);
        s[at + 1] = Swar.ltS(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4LtU(long[] s, int at) {
        s[at] = Swar.ltU(s[at], s[at + 2], 32);
        s[at + 1] = Swar.ltU(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4GtS(long[] s, int at) {
        s[at] = Swar.ltS(s[at + 2], s[at], 32);
        s[at + 1] = Swar.ltS(s[at + 3], s[at + 1], 32);
    }

    public static void i32x4GtU(long[] s, int at) {
        s[at] = Swar.ltU(s[at + 2], s[at], 32);
        s[at + 1] = Swar.ltU(s[at + 3], s[at + 1], 32);
    }

    public static void i32x4LeS(long[] s, int at) {
        s[at] = ~Swar.ltS(s[at + 2], s[at], 32);
        s[at + 1] = ~Swar.ltS(s[at + 3], s[at + 1], 32);
    }

    public static void i32x4LeU(long[] s, int at) {
        s[at] = ~Swar.ltU(s[at + 2], s[at], 32);
        s[at + 1] = ~Swar.ltU(s[at + 3], s[at + 1], 32);
    }

    public static void i32x4GeS(long[] s, int at) {
        s[at] = ~Swar.ltS(s[at], s[at + 2], 32);
        s[at + 1] = ~Swar.ltS(s[at + 1], s[at + 3], 32);
    }

    public static void i32x4GeU(long[] s, int at) {
        s[at] = ~Swar.ltU(s[at], s[at + 2], 32);
        s[at + 1] = ~Swar.ltU(s[at + 1], s[at + 3], 32);
    }

    /** {@code i32x4.shl}: the count (an i32 at {@code s[at + 2]}) is taken modulo 32. */
    public static void i32x4Shl(long[] s, int at) {
        int count = (int) s[at + 2] & 31;
        s[at] = Swar.shl(s[at], count, 32);
        s[at + 1] = Swar.shl(s[at + 1], count, 32);
    }

    /** {@code i32x4.shr_s}: the count (an i32 at {@code s[at + 2]}) is taken modulo 32. */
    public static void i32x4ShrS(long[] s, int at) {
        int count = (int) s[at + 2] & 31;
        s[at] = Swar.shrS(s[at], count, 32);
        s[at + 1] = Swar.shrS(s[at + 1], count, 32);
    }

    /** {@code i32x4.shr_u}: the count (an i32 at {@code s[at + 2]}) is taken modulo 32. */
    public static void i32x4ShrU(long[] s, int at) {
        int count = (int) s[at + 2] & 31;
        s[at] = Swar.shrU(s[at], count, 32);
        s[at + 1] = Swar.shrU(s[at + 1], count, 32);
    }

    // ---------------------------------------------------------------- i64x2 lane-wise

    public static void i64x2Abs(long[] s, int at) {
        s[at] = Math.abs(s[at]);
        s[at + 1] = Math.abs(s[at + 1]);
    }

    public static void i64x2Neg(long[] s, int at) {
        s[at] = -s[at];
        s[at + 1] = -s[at + 1];
    }

    public static void i64x2Add(long[] s, int at) {
        s[at] = s[at] + s[at + 2];
        s[at + 1] = s[at + 1] + s[at + 3];
    }

    public static void i64x2Sub(long[] s, int at) {
        s[at] = s[at] - s[at + 2];
        s[at + 1] = s[at + 1] - s[at + 3];
    }

    public static void i64x2Mul(long[] s, int at) {
        s[at] = s[at] * s[at + 2];
        s[at + 1] = s[at + 1] * s[at + 3];
    }

    public static void i64x2Eq(long[] s, int at) {
        s[at] = s[at] == s[at + 2] ? -1L : 0;
        s[at + 1] = s[at + 1] == s[at + 3] ? -1L : 0;
    }

    public static void i64x2Ne(long[] s, int at) {
        s[at] = s[at] != s[at + 2] ? -1L : 0;
        s[at + 1] = s[at + 1] != s[at + 3] ? -1L : 0;
    }

    public static void i64x2LtS(long[] s, int at) {
        s[at] = s[at] < s[at + 2] ? -1L : 0;
        s[at + 1] = s[at + 1] < s[at + 3] ? -1L : 0;
    }

    public static void i64x2GtS(long[] s, int at) {
        s[at] = s[at] > s[at + 2] ? -1L : 0;
        s[at + 1] = s[at + 1] > s[at + 3] ? -1L : 0;
    }

    public static void i64x2LeS(long[] s, int at) {
        s[at] = s[at] <= s[at + 2] ? -1L : 0;
        s[at + 1] = s[at + 1] <= s[at + 3] ? -1L : 0;
    }

    public static void i64x2GeS(long[] s, int at) {
        s[at] = s[at] >= s[at + 2] ? -1L : 0;
        s[at + 1] = s[at + 1] >= s[at + 3] ? -1L : 0;
    }

    /** {@code i64x2.shl}: the count (an i32 at {@code s[at + 2]}) is taken modulo 64, as Java's shifts do. */
    public static void i64x2Shl(long[] s, int at) {
        int count = (int) s[at + 2];
        s[at] <<= count;
        s[at + 1] <<= count;
    }

    /** {@code i64x2.shr_s}: the count (an i32 at {@code s[at + 2]}) is taken modulo 64, as Java's shifts do. */
    public static void i64x2ShrS(long[] s, int at) {
        int count = (int) s[at + 2];
        s[at] >>= count;
        s[at + 1] >>= count;
    }

    /** {@code i64x2.shr_u}: the count (an i32 at {@code s[at + 2]}) is taken modulo 64, as Java's shifts do. */
    public static void i64x2ShrU(long[] s, int at) {
        int count = (int) s[at + 2];
        s[at] >>>= count;
        s[at + 1] >>>= count;
    }
}
