package dev.wasmj.internal.ops;

import static dev.wasmj.internal.ops.V128.laneOfHalf;
import static dev.wasmj.internal.ops.V128.mask;
import static dev.wasmj.internal.ops.V128.place;
import static dev.wasmj.internal.ops.V128.saturate;

/**
 * Lane-by-lane definitions of the integer lane operations, written straight from the spec: the
 * reference that the SWAR code of {@link Swar} is compared with.
 */
final class LaneReference {
    private LaneReference() {}

    /** Half-wise integer lane operations: codes for {@link #map} and {@link #lane}. */
    static final int ADD = 0, SUB = 1, MUL = 2, ADD_SAT_S = 3, ADD_SAT_U = 4, SUB_SAT_S = 5,
            SUB_SAT_U = 6, MIN_S = 7, MIN_U = 8, MAX_S = 9, MAX_U = 10, AVGR_U = 11, EQ = 12, NE = 13,
            LT_S = 14, LT_U = 15, GT_S = 16, GT_U = 17, LE_S = 18, LE_U = 19, GE_S = 20, GE_U = 21,
            Q15MULR_SAT_S = 22, ABS = 23, NEG = 24, POPCNT = 25, SHL = 26, SHR_S = 27, SHR_U = 28;

    /** One lane of an integer operation; {@code x}, {@code y} are the lanes sign-extended. */
    static long op(long x, long y, int op, int bits) {
        long m = mask(bits);
        long ux = x & m;
        long uy = y & m;
        long min = -(1L << (bits - 1));
        long max = ~min;
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case ADD_SAT_S -> saturate(x + y, min, max);
            case ADD_SAT_U -> Math.min(ux + uy, m);
            case SUB_SAT_S -> saturate(x - y, min, max);
            case SUB_SAT_U -> Math.max(ux - uy, 0);
            case MIN_S -> Math.min(x, y);
            case MIN_U -> Math.min(ux, uy);
            case MAX_S -> Math.max(x, y);
            case MAX_U -> Math.max(ux, uy);
            case AVGR_U -> (ux + uy + 1) >>> 1;
            case EQ -> x == y ? -1 : 0;
            case NE -> x != y ? -1 : 0;
            case LT_S -> x < y ? -1 : 0;
            case LT_U -> ux < uy ? -1 : 0;
            case GT_S -> x > y ? -1 : 0;
            case GT_U -> ux > uy ? -1 : 0;
            case LE_S -> x <= y ? -1 : 0;
            case LE_U -> ux <= uy ? -1 : 0;
            case GE_S -> x >= y ? -1 : 0;
            case GE_U -> ux >= uy ? -1 : 0;
            case Q15MULR_SAT_S -> saturate((x * y + 0x4000) >> 15, min, max);
            case ABS -> Math.abs(x);
            case NEG -> -x;
            case POPCNT -> Long.bitCount(ux);
            case SHL -> x << y;
            case SHR_S -> x >> y;
            case SHR_U -> ux >>> y;
            default -> throw new IllegalArgumentException("lane op " + op);
        };
    }

    /** The integer operation {@code op} on every lane of one half of two operands. */
    static long map(long a, long b, int op, int bits) {
        if (bits == 64) {
            return op(a, b, op, 64);
        }
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            r |= place(op(laneOfHalf(a, i, bits), laneOfHalf(b, i, bits), op, bits), i, bits);
        }
        return r;
    }

    /** A shift {@code op} of every lane of one half by {@code count} (already reduced). */
    static long shift(long a, int count, int op, int bits) {
        if (bits == 64) {
            return op(a, count, op, 64);
        }
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            r |= place(op(laneOfHalf(a, i, bits), count, op, bits), i, bits);
        }
        return r;
    }
}
