package dev.wasmj.internal.compiler;

import dev.wasmj.internal.ops.NumericOps;

/**
 * Helpers of generated code for SIMD that the {@code internal.ops} classes do not have in a form for
 * a v128 held as two {@code long}s: f32x4 arithmetic on one half, the widening loads. Public only because generated classes live in
 * another (unnamed) module.
 */
public final class SimdSupport {
    private SimdSupport() {}

    // f32x4 arithmetic on one half (two lanes), each lane as the scalar instruction of NumericOps, as
    // SimdFloatOps computes it

    public static long f32x2Add(long a, long b) {
        return pack(NumericOps.f32Add((int) a, (int) b), NumericOps.f32Add((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static long f32x2Sub(long a, long b) {
        return pack(NumericOps.f32Sub((int) a, (int) b), NumericOps.f32Sub((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static long f32x2Mul(long a, long b) {
        return pack(NumericOps.f32Mul((int) a, (int) b), NumericOps.f32Mul((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static long f32x2Div(long a, long b) {
        return pack(NumericOps.f32Div((int) a, (int) b), NumericOps.f32Div((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static long f32x2Min(long a, long b) {
        return pack(NumericOps.f32Min((int) a, (int) b), NumericOps.f32Min((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static long f32x2Max(long a, long b) {
        return pack(NumericOps.f32Max((int) a, (int) b), NumericOps.f32Max((int) (a >>> 32), (int) (b >>> 32)));
    }

    private static long pack(int lane0, int lane1) {
        return lane0 & 0xFFFF_FFFFL | (long) lane1 << 32;
    }

    /**
     * One half of the v128 that {@code v128.load8x8_s} and its kin make of the 8 bytes {@code v}: lanes
     * of {@code bits} (8, 16 or 32), sign- or zero-extended to twice their width; {@code half} 0 widens
     * the low 4 bytes (the result's bytes 0..7), 1 the high 4 bytes.
     */
    public static long widen(long v, int half, int bits, boolean signed) {
        int wide = 2 * bits;
        long wideMask = wide == 64 ? -1L : (1L << wide) - 1;
        long out = 0;
        for (int i = 0; i < 32 / bits; i++) {
            long x = (v >>> (half * 32 + i * bits)) & ((1L << bits) - 1);
            if (signed) {
                x = (x << (64 - bits)) >> (64 - bits);
            }
            out |= (x & wideMask) << (i * wide);
        }
        return out;
    }
}
