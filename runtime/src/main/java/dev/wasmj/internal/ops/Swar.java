package dev.wasmj.internal.ops;

/**
 * Branch-free lane-wise integer arithmetic on one 64-bit half of a v128 (SIMD within a register):
 * 8 lanes of 8 bits, 4 of 16 or 2 of 32, chosen by {@code bits} (8, 16 or 32). Callers pass
 * {@code bits} as a constant, so after inlining the masks fold to constants. Comparison results
 * are all-ones or all-zeros lanes.
 *
 * <p>{@link SimdOps} applies these to both halves of its operands. They are public for code that
 * keeps a v128 in two {@code long} variables instead of on a {@code long[]} stack (generated
 * code): a lane-wise operator is the same function on the low and on the high half.
 */
public final class Swar {
    private Swar() {}

    /** The top bit of every lane. */
    public static long high(int bits) {
        return bits == 8 ? 0x8080_8080_8080_8080L : bits == 16 ? 0x8000_8000_8000_8000L : 0x8000_0000_8000_0000L;
    }

    /** The bottom bit of every lane. */
    public static long low(int bits) {
        return bits == 8 ? 0x0101_0101_0101_0101L : bits == 16 ? 0x0001_0001_0001_0001L : 0x0000_0001_0000_0001L;
    }

    /** All-ones lanes where {@code m} has the lane's top bit set (m has no other bits). */
    public static long spread(long m, int bits) {
        return (m >>> (bits - 1)) * V128.mask(bits);
    }

    public static long add(long a, long b, int bits) {
        long h = high(bits);
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    public static long sub(long a, long b, int bits) {
        long h = high(bits);
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    public static long neg(long a, int bits) {
        return sub(0, a, bits);
    }

    public static long abs(long a, int bits) {
        long m = spread(a & high(bits), bits);
        return a & ~m | neg(a, bits) & m;
    }

    /** All-ones lanes where the lane is non-zero. */
    public static long nonZero(long a, int bits) {
        long h = high(bits);
        // adding 0b0111.. to a lane's low bits carries into its top bit iff they are non-zero
        return spread((((a & ~h) + ~h) | a) & h, bits);
    }

    public static long eq(long a, long b, int bits) {
        return ~nonZero(a ^ b, bits);
    }

    public static long ne(long a, long b, int bits) {
        return nonZero(a ^ b, bits);
    }

    /** Unsigned less-than: the borrow out of each lane's subtraction. */
    public static long ltU(long a, long b, int bits) {
        long borrow = (~a & b | ~(a ^ b) & sub(a, b, bits)) & high(bits);
        return spread(borrow, bits);
    }

    public static long ltS(long a, long b, int bits) {
        long h = high(bits);
        return ltU(a ^ h, b ^ h, bits);
    }

    public static long select(long m, long a, long b) {
        return a & m | b & ~m;
    }

    public static long minS(long a, long b, int bits) { return select(ltS(a, b, bits), a, b); }
    public static long minU(long a, long b, int bits) { return select(ltU(a, b, bits), a, b); }
    public static long maxS(long a, long b, int bits) { return select(ltS(b, a, bits), a, b); }
    public static long maxU(long a, long b, int bits) { return select(ltU(b, a, bits), a, b); }

    public static long addSatU(long a, long b, int bits) {
        long sum = add(a, b, bits);
        long carry = (a & b | (a | b) & ~sum) & high(bits);
        return sum | spread(carry, bits);
    }

    public static long subSatU(long a, long b, int bits) {
        return sub(a, b, bits) & ~ltU(a, b, bits);
    }

    /** The saturated value for lanes that overflowed: the minimum where a is negative, else the maximum. */
    private static long saturated(long a, int bits) {
        long h = high(bits);
        return ~h ^ spread(a & h, bits);
    }

    public static long addSatS(long a, long b, int bits) {
        long sum = add(a, b, bits);
        long overflow = spread(~(a ^ b) & (a ^ sum) & high(bits), bits);
        return select(overflow, saturated(a, bits), sum);
    }

    public static long subSatS(long a, long b, int bits) {
        long diff = sub(a, b, bits);
        long overflow = spread((a ^ b) & (a ^ diff) & high(bits), bits);
        return select(overflow, saturated(a, bits), diff);
    }

    /** Rounding average {@code (a + b + 1) >>> 1} as {@code (a | b) - ((a ^ b) >>> 1)}: no lane borrows. */
    public static long avgrU(long a, long b, int bits) {
        return (a | b) - ((a ^ b) >>> 1 & ~high(bits));
    }

    public static long shl(long a, int count, int bits) {
        return a << count & ((V128.mask(bits) << count) & V128.mask(bits)) * low(bits);
    }

    public static long shrU(long a, int count, int bits) {
        return a >>> count & (V128.mask(bits) >>> count) * low(bits);
    }

    public static long shrS(long a, int count, int bits) {
        long kept = (V128.mask(bits) >>> count) * low(bits);
        return a >>> count & kept | spread(a & high(bits), bits) & ~kept;
    }

    /** Bit count of every byte. */
    public static long popcnt8(long x) {
        x -= x >>> 1 & 0x5555_5555_5555_5555L;
        x = (x & 0x3333_3333_3333_3333L) + (x >>> 2 & 0x3333_3333_3333_3333L);
        return (x + (x >>> 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
    }

    public static long mul16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= ((a >>> i) * (b >>> i) & 0xFFFF) << i;
        }
        return r;
    }

    public static long mul32(long a, long b) {
        return a * b & 0xFFFF_FFFFL | (a >>> 32) * (b >>> 32) << 32;
    }

    public static long q15mulrSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            long p = ((long) (short) (a >>> i) * (short) (b >>> i) + 0x4000) >> 15;
            r |= (p > Short.MAX_VALUE ? Short.MAX_VALUE : p) << i & (0xFFFFL << i);
        }
        return r;
    }
}
