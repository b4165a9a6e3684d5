package dev.wasmj.internal.ops;

/**
 * Lane access on a v128 held as two longs ({@code lo} = bytes 0..7 little-endian, {@code hi} =
 * bytes 8..15),, shared by {@link SimdOps}, {@link SimdFloatOps} and
 * {@link RelaxedSimdOps}. Lane widths are in bits (8, 16, 32, 64); lane values are returned
 * sign-extended to long unless the method says unsigned.
 */
final class V128 {
    private V128() {}

    /** Lane {@code i} of width {@code bits} of the 128-bit value, sign-extended. */
    static long lane(long lo, long hi, int i, int bits) {
        int pos = i * bits;
        long half = pos < 64 ? lo : hi;
        return (half << (64 - bits - (pos & 63))) >> (64 - bits);
    }

    /** Lane {@code i} of width {@code bits} of the 128-bit value, zero-extended. */
    static long laneU(long lo, long hi, int i, int bits) {
        return lane(lo, hi, i, bits) & mask(bits);
    }

    /** Lane {@code i} of width {@code bits} within one half, sign-extended. */
    static long laneOfHalf(long half, int i, int bits) {
        return (half << (64 - bits - i * bits)) >> (64 - bits);
    }

    /** {@code value} (truncated to {@code bits}) placed at lane {@code i} of a half. */
    static long place(long value, int i, int bits) {
        return (value & mask(bits)) << (i * bits);
    }

    static long mask(int bits) {
        return -1L >>> (64 - bits);
    }

    static long saturate(long x, long min, long max) {
        return x < min ? min : x > max ? max : x;
    }
}
