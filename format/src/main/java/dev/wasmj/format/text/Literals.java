package dev.wasmj.format.text;

import dev.wasmj.format.MalformedException;

/**
 * Reads number literals and {@code v128} constants at a {@link TokenCursor}, shared by the module
 * parser and the script parser. Out-of-range literals fail with the testsuite's messages.
 */
final class Literals {
    private Literals() {}

    /** The next token if it is an integer literal, else an error. */
    private static int integerToken(TokenCursor c) {
        byte k = c.peek();
        if (k != Tokens.NAT && k != Tokens.INT) {
            throw notANumber(c);
        }
        return c.next();
    }

    private static int floatToken(TokenCursor c) {
        byte k = c.peek();
        if (k != Tokens.NAT && k != Tokens.INT && k != Tokens.FLOAT) {
            throw notANumber(c);
        }
        return c.next();
    }

    /** No number where one belongs ("unknown operator" for a malformed one, see {@link TokenCursor#unexpected}). */
    private static MalformedException notANumber(TokenCursor c) {
        return c.unexpected();
    }

    /** Whether token {@code p} is meant as a lane literal: a number, or a malformed one. */
    private static boolean isLaneToken(TokenCursor c, int p) {
        byte k = c.kindAt(p);
        return isNumber(k) || k == Tokens.RESERVED || k == Tokens.KEYWORD && !Keywords.isKnown(c.tokens.text(p));
    }

    /** An integer of {@code bits} bits, signed or unsigned ("constant out of range"). */
    static long integer(TokenCursor c, int bits) {
        int t = integerToken(c);
        return integerAt(c, t, bits, "constant out of range");
    }

    static long integerAt(TokenCursor c, int t, int bits, String outOfRange) {
        Tokens tk = c.tokens;
        try {
            return NumberLiterals.integer(tk.source(), tk.start(t), tk.end(t), bits);
        } catch (NumberLiterals.OutOfRange e) {
            throw c.errorAt(t, outOfRange);
        }
    }

    static int i32(TokenCursor c) {
        return (int) integer(c, 32);
    }

    static long i64(TokenCursor c) {
        return integer(c, 64);
    }

    /** An unsigned literal below 2^bits (bits at most 64); {@code outOfRange} is the message otherwise. */
    static long unsigned(TokenCursor c, int bits, String outOfRange) {
        if (c.peek() != Tokens.NAT) {
            throw c.unexpected();
        }
        int t = c.next();
        return unsignedAt(c, t, bits, outOfRange);
    }

    static long unsignedAt(TokenCursor c, int t, int bits, String outOfRange) {
        Tokens tk = c.tokens;
        try {
            return NumberLiterals.unsigned(tk.source(), tk.start(t), tk.end(t), bits);
        } catch (NumberLiterals.OutOfRange e) {
            throw c.errorAt(t, outOfRange);
        }
    }

    /** The bits of an f32 literal. */
    static int f32(TokenCursor c) {
        return f32At(c, floatToken(c));
    }

    static int f32At(TokenCursor c, int t) {
        Tokens tk = c.tokens;
        try {
            return NumberLiterals.f32(tk.source(), tk.start(t), tk.end(t));
        } catch (NumberLiterals.OutOfRange e) {
            throw c.errorAt(t, "constant out of range");
        }
    }

    /** The bits of an f64 literal. */
    static long f64(TokenCursor c) {
        return f64At(c, floatToken(c));
    }

    static long f64At(TokenCursor c, int t) {
        Tokens tk = c.tokens;
        try {
            return NumberLiterals.f64(tk.source(), tk.start(t), tk.end(t));
        } catch (NumberLiterals.OutOfRange e) {
            throw c.errorAt(t, "constant out of range");
        }
    }

    /** Whether token kind {@code k} is a number literal. */
    static boolean isNumber(byte k) {
        return k == Tokens.NAT || k == Tokens.INT || k == Tokens.FLOAT;
    }

    /** The number of lanes of a v128 shape keyword ({@code i8x16} ...), or 0 if it is none. */
    static int laneCount(String shape) {
        return switch (shape) {
            case "i8x16" -> 16;
            case "i16x8" -> 8;
            case "i32x4", "f32x4" -> 4;
            case "i64x2", "f64x2" -> 2;
            default -> 0;
        };
    }

    /**
     * Reads {@code shape lane*} of a {@code v128.const} into {@code out} (16 bytes, little endian).
     */
    static void v128(TokenCursor c, byte[] out) {
        if (c.peek() != Tokens.KEYWORD) {
            throw c.unexpected();
        }
        int shapeToken = c.pos();
        String shape = c.tokens.text(shapeToken);
        int lanes = laneCount(shape);
        if (lanes == 0) {
            throw c.unexpected();
        }
        c.next();
        int first = c.pos();
        int n = 0;
        for (int p = first; isLaneToken(c, p); p = c.after(p)) {
            n++;
        }
        if (n != lanes) {
            throw c.error("wrong number of lane literals");
        }
        int width = 16 / lanes;
        for (int i = 0; i < lanes; i++) {
            long bits = lane(c, shape);
            for (int b = 0; b < width; b++) {
                out[i * width + b] = (byte) (bits >>> (8 * b));
            }
        }
    }

    /** One lane of shape {@code shape}, as bits. */
    static long lane(TokenCursor c, String shape) {
        return switch (shape) {
            case "i8x16" -> integer(c, 8);
            case "i16x8" -> integer(c, 16);
            case "i32x4" -> integer(c, 32);
            case "i64x2" -> integer(c, 64);
            case "f32x4" -> f32(c);
            case "f64x2" -> f64(c);
            default -> throw c.unexpected();
        };
    }
}
