package dev.wasmj.internal.interpreter;

import dev.wasmj.internal.runtime.MemoryInstance;

import java.lang.foreign.MemorySegment;

import static dev.wasmj.internal.interpreter.Interpreter.LONG;

/** The v128 loads and stores (a v128 is two stack slots: bytes 0..7, then 8..15, little-endian). */
final class SimdMemory {
    private SimdMemory() {}

    static boolean isSimd(int op) {
        return (op >= Op.V128_LOAD && op <= Op.V128_STORE) || (op >= Op.V128_LOAD8_LANE && op <= Op.V128_LOAD64_ZERO);
    }

    /** Runs v128 memory instruction {@code op}; returns the new stack pointer. */
    static int exec(int op, MemoryInstance mem, long offset, int lane, long[] s, int sp) {
        boolean laneOp = op >= Op.V128_LOAD8_LANE && op <= Op.V128_STORE64_LANE;
        boolean store = op == Op.V128_STORE || (op >= Op.V128_STORE8_LANE && op <= Op.V128_STORE64_LANE);
        int at = laneOp || store ? sp - 3 : sp - 1;
        long a = mem.is64() ? s[at] : s[at] & 0xFFFF_FFFFL;
        long ea = a + offset;
        int size = switch (op) {
            case Op.V128_LOAD, Op.V128_STORE -> 16;
            case Op.V128_LOAD8_SPLAT, Op.V128_LOAD8_LANE, Op.V128_STORE8_LANE -> 1;
            case Op.V128_LOAD16_SPLAT, Op.V128_LOAD16_LANE, Op.V128_STORE16_LANE -> 2;
            case Op.V128_LOAD32_SPLAT, Op.V128_LOAD32_LANE, Op.V128_STORE32_LANE, Op.V128_LOAD32_ZERO -> 4;
            default -> 8;
        };
        if (Long.compareUnsigned(ea, a) < 0 || mem.byteSize() < size
                || Long.compareUnsigned(ea, mem.byteSize() - size) > 0) {
            throw MemoryOps.memoryOutOfBounds();
        }
        MemorySegment seg = mem.segment;
        long lo;
        long hi;
        switch (op) {
            case Op.V128_STORE -> {
                seg.set(LONG, ea, s[at + 1]);
                seg.set(LONG, ea + 8, s[at + 2]);
                return at;
            }
            case Op.V128_STORE8_LANE, Op.V128_STORE16_LANE, Op.V128_STORE32_LANE, Op.V128_STORE64_LANE -> {
                int bits = size * 8;
                long v = lane(s[at + 1], s[at + 2], lane, bits);
                for (int i = 0; i < size; i++) {
                    seg.set(Interpreter.BYTE, ea + i, (byte) (v >>> (8 * i)));
                }
                return at;
            }
            case Op.V128_LOAD8_LANE, Op.V128_LOAD16_LANE, Op.V128_LOAD32_LANE, Op.V128_LOAD64_LANE -> {
                long v = readBytes(seg, ea, size);
                int bits = size * 8;
                long mask = bits == 64 ? -1L : (1L << bits) - 1;
                int bit = lane * bits;
                lo = s[at + 1];
                hi = s[at + 2];
                if (bit < 64) {
                    lo = (lo & ~(mask << bit)) | ((v & mask) << bit);
                } else {
                    hi = (hi & ~(mask << (bit - 64))) | ((v & mask) << (bit - 64));
                }
            }
            case Op.V128_LOAD -> {
                lo = seg.get(LONG, ea);
                hi = seg.get(LONG, ea + 8);
            }
            case Op.V128_LOAD8_SPLAT -> {
                lo = hi = (readBytes(seg, ea, 1) & 0xFF) * 0x0101_0101_0101_0101L;
            }
            case Op.V128_LOAD16_SPLAT -> {
                lo = hi = (readBytes(seg, ea, 2) & 0xFFFF) * 0x0001_0001_0001_0001L;
            }
            case Op.V128_LOAD32_SPLAT -> {
                lo = hi = (readBytes(seg, ea, 4) & 0xFFFF_FFFFL) * 0x1_0000_0001L;
            }
            case Op.V128_LOAD64_SPLAT -> lo = hi = seg.get(LONG, ea);
            case Op.V128_LOAD32_ZERO -> {
                lo = readBytes(seg, ea, 4) & 0xFFFF_FFFFL;
                hi = 0;
            }
            case Op.V128_LOAD64_ZERO -> {
                lo = seg.get(LONG, ea);
                hi = 0;
            }
            default -> {
                // loadNxM_s/u: 8 bytes, M lanes of N bits widened to 2N bits
                long v = seg.get(LONG, ea);
                int bits = switch (op) {
                    case Op.V128_LOAD8X8_S, Op.V128_LOAD8X8_U -> 8;
                    case Op.V128_LOAD16X4_S, Op.V128_LOAD16X4_U -> 16;
                    default -> 32;
                };
                boolean signed = op == Op.V128_LOAD8X8_S || op == Op.V128_LOAD16X4_S || op == Op.V128_LOAD32X2_S;
                int lanes = 64 / bits;
                lo = 0;
                hi = 0;
                for (int i = 0; i < lanes; i++) {
                    long x = (v >>> (i * bits)) & ((1L << bits) - 1);
                    if (signed) {
                        x = (x << (64 - bits)) >> (64 - bits);
                    }
                    int wide = 2 * bits;
                    int bit = i * wide;
                    long wmask = wide == 64 ? -1L : (1L << wide) - 1;
                    if (bit < 64) {
                        lo |= (x & wmask) << bit;
                    } else {
                        hi |= (x & wmask) << (bit - 64);
                    }
                }
            }
        }
        s[at] = lo;
        s[at + 1] = hi;
        return at + 2;
    }

    /**
     * {@code v128.load} on memory 0 when it is a plain 32-bit memory and the offset an int (lowered
     * to {@link Op#V128_LOAD}, not {@link Op#MEM_SLOW}); returns the new stack pointer. Bounds are
     * the segment's: out of bounds throws {@link IndexOutOfBoundsException}, a trap to the loop.
     */
    static int load(MemorySegment seg, int offset, long[] s, int sp) {
        long ea = (s[sp - 1] & 0xFFFF_FFFFL) + offset;
        long lo = seg.get(LONG, ea);
        s[sp] = seg.get(LONG, ea + 8);
        s[sp - 1] = lo;
        return sp + 1;
    }

    /** {@code v128.store} in the form of {@link #load}; out of bounds writes nothing. */
    static int store(MemorySegment seg, int offset, long[] s, int sp) {
        int at = sp - 3;
        long ea = (s[at] & 0xFFFF_FFFFL) + offset;
        seg.set(LONG, ea + 8, s[at + 2]); // the high half first: if it fits, so does the low half
        seg.set(LONG, ea, s[at + 1]);
        return at;
    }

    private static long lane(long lo, long hi, int lane, int bits) {
        int bit = lane * bits;
        long v = bit < 64 ? lo >>> bit : hi >>> (bit - 64);
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    private static long readBytes(MemorySegment seg, long ea, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (seg.get(Interpreter.BYTE, ea + i) & 0xFFL) << (8 * i);
        }
        return v;
    }
}
