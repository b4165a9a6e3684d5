package dev.wasmj.format.text;

/**
 * The number literals of the text format: their syntax (for the lexer) and their values
 * (integers with range checks; floats rounded to nearest-even from decimal, exactly from hex,
 * with the spec's NaN payload rules).
 *
 * <p>Value methods take the literal's text as {@code src[from, to)} and throw {@link OutOfRange}
 * when the literal does not fit; the caller turns that into its own message.
 */
final class NumberLiterals {
    private NumberLiterals() {}

    /** Thrown when a literal is out of range for the requested type. */
    static final class OutOfRange extends RuntimeException {
        static final OutOfRange INSTANCE = new OutOfRange();

        private OutOfRange() {
            super("constant out of range", null, false, false);
        }
    }

    private static final int CANONICAL_NAN32 = 0x7FC00000;
    private static final long CANONICAL_NAN64 = 0x7FF8000000000000L;

    // ---- syntax ----

    /**
     * Classifies {@code src[from, to)} (a run of identifier characters) as {@link Tokens#NAT},
     * {@link Tokens#INT}, {@link Tokens#FLOAT}, or {@link Tokens#RESERVED} if it is no number.
     */
    static byte classify(String src, int from, int to) {
        int p = from;
        boolean signed = false;
        char c = src.charAt(p);
        if (c == '+' || c == '-') {
            signed = true;
            p++;
        }
        if (src.startsWith("inf", p) && p + 3 == to || src.startsWith("nan", p) && p + 3 == to) {
            return Tokens.FLOAT;
        }
        if (src.startsWith("nan:0x", p)) {
            return digitsEnd(src, p + 6, to, true) == to ? Tokens.FLOAT : Tokens.RESERVED;
        }
        boolean hex = src.startsWith("0x", p);
        if (hex) {
            p += 2;
        }
        p = digitsEnd(src, p, to, hex);
        if (p < 0) {
            return Tokens.RESERVED;
        }
        if (p == to) {
            return signed ? Tokens.INT : Tokens.NAT;
        }
        if (src.charAt(p) == '.') {
            p++;
            if (p < to && isDigit(src.charAt(p), hex)) {
                p = digitsEnd(src, p, to, hex);
                if (p < 0) return Tokens.RESERVED;
            }
            if (p == to) {
                return Tokens.FLOAT;
            }
        }
        c = src.charAt(p);
        if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E') {
            p++;
            if (p < to && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
                p++;
            }
            return digitsEnd(src, p, to, false) == to ? Tokens.FLOAT : Tokens.RESERVED;
        }
        return Tokens.RESERVED;
    }

    /** The end of a run of digits with single underscores between them, or -1 if there is none. */
    private static int digitsEnd(String src, int p, int to, boolean hex) {
        if (p >= to || !isDigit(src.charAt(p), hex)) {
            return -1;
        }
        p++;
        while (p < to) {
            char c = src.charAt(p);
            if (c == '_') {
                if (p + 1 >= to || !isDigit(src.charAt(p + 1), hex)) {
                    return -1;
                }
                p += 2;
            } else if (isDigit(c, hex)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private static boolean isDigit(char c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    // ---- integers ----

    /**
     * The magnitude of an integer literal (sign ignored) as an unsigned long; throws
     * {@link OutOfRange} if it is 2^64 or more.
     */
    private static long magnitude(String src, int from, int to) {
        int p = from;
        char c = src.charAt(p);
        if (c == '+' || c == '-') {
            p++;
        }
        long value = 0;
        if (src.startsWith("0x", p)) {
            for (p += 2; p < to; p++) {
                c = src.charAt(p);
                if (c == '_') continue;
                if ((value & 0xF000000000000000L) != 0) throw OutOfRange.INSTANCE;
                value = value << 4 | Character.digit(c, 16);
            }
        } else {
            for (; p < to; p++) {
                c = src.charAt(p);
                if (c == '_') continue;
                int d = c - '0';
                if (Long.compareUnsigned(value, 1844674407370955161L) > 0) throw OutOfRange.INSTANCE;
                long next = value * 10 + d;
                if (Long.compareUnsigned(next, value * 10) < 0) throw OutOfRange.INSTANCE;
                value = next;
            }
        }
        return value;
    }

    private static boolean negative(String src, int from) {
        return src.charAt(from) == '-';
    }

    private static boolean hasSign(String src, int from) {
        char c = src.charAt(from);
        return c == '+' || c == '-';
    }

    /** An unsigned literal below 2^bits ({@code bits} at most 64), as a long. */
    static long unsigned(String src, int from, int to, int bits) {
        if (hasSign(src, from)) {
            throw OutOfRange.INSTANCE;
        }
        long v = magnitude(src, from, to);
        if (bits < 64 && Long.compareUnsigned(v, 1L << bits) >= 0) {
            throw OutOfRange.INSTANCE;
        }
        return v;
    }

    /**
     * An integer literal for an N-bit integer: unsigned below 2^N, or signed in [-2^(N-1), 2^(N-1)).
     * Returns the N-bit two's complement pattern (sign-extended to long).
     */
    static long integer(String src, int from, int to, int bits) {
        long m = magnitude(src, from, to);
        if (!hasSign(src, from)) {
            if (bits < 64 && Long.compareUnsigned(m, 1L << bits) >= 0) throw OutOfRange.INSTANCE;
            return bits == 64 ? m : m << (64 - bits) >> (64 - bits);
        }
        long limit = 1L << (bits - 1); // 2^(N-1), for N = 64 this is Long.MIN_VALUE as unsigned 2^63
        if (negative(src, from)) {
            if (Long.compareUnsigned(m, limit) > 0) throw OutOfRange.INSTANCE;
            return -m;
        }
        if (Long.compareUnsigned(m, limit) >= 0) throw OutOfRange.INSTANCE;
        return m;
    }

    // ---- floats ----

    /** The bits of a 32-bit float literal. */
    static int f32(String src, int from, int to) {
        boolean neg = negative(src, from);
        int p = hasSign(src, from) ? from + 1 : from;
        int sign = neg ? 0x80000000 : 0;
        if (src.startsWith("inf", p)) {
            return sign | 0x7F800000;
        }
        if (src.startsWith("nan", p)) {
            if (p + 3 == to) return sign | CANONICAL_NAN32;
            long payload = unsigned(src, p + 4, to, 64);
            if (payload == 0 || payload >= 1L << 23) throw OutOfRange.INSTANCE;
            return sign | 0x7F800000 | (int) payload;
        }
        float f;
        if (src.startsWith("0x", p)) {
            f = (float) hexFloat(src, p + 2, to, 24, -126);
        } else {
            f = Float.parseFloat(withoutUnderscores(src, p, to));
        }
        if (Float.isInfinite(f)) {
            throw OutOfRange.INSTANCE;
        }
        return sign | Float.floatToRawIntBits(f);
    }

    /** The bits of a 64-bit float literal. */
    static long f64(String src, int from, int to) {
        boolean neg = negative(src, from);
        int p = hasSign(src, from) ? from + 1 : from;
        long sign = neg ? Long.MIN_VALUE : 0;
        if (src.startsWith("inf", p)) {
            return sign | 0x7FF0000000000000L;
        }
        if (src.startsWith("nan", p)) {
            if (p + 3 == to) return sign | CANONICAL_NAN64;
            long payload = unsigned(src, p + 4, to, 64);
            if (payload == 0 || payload >= 1L << 52) throw OutOfRange.INSTANCE;
            return sign | 0x7FF0000000000000L | payload;
        }
        double d;
        if (src.startsWith("0x", p)) {
            d = hexFloat(src, p + 2, to, 53, -1022);
        } else {
            d = Double.parseDouble(withoutUnderscores(src, p, to));
        }
        if (Double.isInfinite(d)) {
            throw OutOfRange.INSTANCE;
        }
        return sign | Double.doubleToRawLongBits(d);
    }

    private static String withoutUnderscores(String src, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = src.charAt(i);
            if (c != '_') sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The non-negative value of the hex float digits {@code src[from, to)} (after {@code 0x}),
     * rounded to nearest-even with {@code precision} significant bits and minimum normal exponent
     * {@code minExp}; the result is exactly representable in the target type (so converting a
     * double result to float is exact), or infinite when too large.
     */
    private static double hexFloat(String src, int from, int to, int precision, int minExp) {
        long m = 0;
        long exp = 0;
        boolean sticky = false;
        int p = from;
        boolean fraction = false;
        for (; p < to; p++) {
            char c = src.charAt(p);
            if (c == '_') continue;
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (c == 'p' || c == 'P') break;
            int d = Character.digit(c, 16);
            if ((m >>> 56) == 0) {
                m = m << 4 | d;
                if (fraction) exp -= 4;
            } else {
                sticky |= d != 0;
                if (!fraction) exp += 4;
            }
        }
        if (p < to) {
            p++;
            boolean negExp = false;
            if (src.charAt(p) == '+' || src.charAt(p) == '-') {
                negExp = src.charAt(p) == '-';
                p++;
            }
            long e = 0;
            for (; p < to; p++) {
                char c = src.charAt(p);
                if (c == '_') continue;
                e = Math.min(e * 10 + (c - '0'), 1_000_000_000L);
            }
            exp += negExp ? -e : e;
        }
        if (m == 0) {
            return 0.0;
        }
        int length = 64 - Long.numberOfLeadingZeros(m);
        long topExp = exp + length - 1; // the value is in [2^topExp, 2^(topExp+1))
        if (topExp > 2000) {
            return Double.POSITIVE_INFINITY;
        }
        long keep = topExp >= minExp ? precision : precision - (minExp - topExp);
        long shift = length - keep;
        long kept;
        if (shift <= 0) {
            kept = m;
            shift = 0;
        } else {
            boolean round;
            if (shift > 64) {
                kept = 0;
                round = false;
                sticky |= m != 0;
            } else if (shift == 64) {
                kept = 0;
                round = m < 0;
                sticky |= (m << 1) != 0;
            } else {
                kept = m >>> shift;
                round = (m >>> (shift - 1) & 1) != 0;
                sticky |= (m & ((1L << (shift - 1)) - 1)) != 0;
            }
            if (round && (sticky || (kept & 1) != 0)) {
                kept++;
            }
        }
        long scale = exp + shift;
        if (kept == 0) {
            return 0.0;
        }
        if (scale > 2000) {
            return Double.POSITIVE_INFINITY;
        }
        if (precision == 24) {
            // the result must be checked against the float range: build it as a float
            float f = Math.scalb((float) kept, (int) scale);
            return f;
        }
        return Math.scalb((double) kept, (int) scale);
    }
}
