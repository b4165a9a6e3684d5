package dev.wasmj.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stack convention, the SWAR shortcuts against lane-by-lane references, and relaxed SIMD's choices. */
class SimdOpsTest {

    private static long[] stack(long... values) {
        long[] s = new long[8];
        System.arraycopy(values, 0, s, 1, values.length); // at = 1: slot 0 must stay untouched
        s[0] = 0x5A5A;
        return s;
    }

    @Test
    void operandsAreReadAndTheResultWrittenAtTheGivenIndex() {
        long[] s = stack(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L, 1, 2);
        SimdOps.i64x2Add(s, 1);
        assertThat(s[0]).isEqualTo(0x5A5A);
        assertThat(s[1]).isEqualTo(0x0102_0304_0506_0709L);
        assertThat(s[2]).isEqualTo(0x1112_1314_1516_171AL);
    }

    @Test
    void scalarsAreSlotsReadAsIntAndWrittenSignExtended() {
        long[] s = stack(0xFFFF_FFFF_0000_00ABL);
        SimdOps.i8x16Splat(s, 1);
        assertThat(s[1]).isEqualTo(0xABAB_ABAB_ABAB_ABABL);
        assertThat(s[2]).isEqualTo(0xABAB_ABAB_ABAB_ABABL);
        SimdOps.i8x16ExtractLaneS(s, 1, 15);
        assertThat(s[1]).isEqualTo(0xFFFF_FFFF_FFFF_FFABL);
        s = stack(0, 0x8000_0000_0000_0000L);
        SimdOps.i32x4ExtractLane(s, 1, 3);
        assertThat((int) s[1]).isEqualTo(Integer.MIN_VALUE);
        s = stack(0, 0, 0x1234);
        SimdOps.i16x8ReplaceLane(s, 1, 5);
        assertThat(s[1]).isZero();
        assertThat(s[2]).isEqualTo(0x1234_0000L);
    }

    @Test
    void shuffleTakesItsLanesAsTwoLittleEndianLongs() {
        long[] s = stack(0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L, 0x1716_1514_1312_1110L, 0x1F1E_1D1C_1B1A_1918L);
        // lanes 31, 0, 30, 1, ... (result byte i = lane index, since the inputs count bytes 0..31)
        long lanesLo = 0x031C_021D_011E_001FL;
        long lanesHi = 0x0718_0619_051A_041BL;
        SimdOps.i8x16Shuffle(s, 1, lanesLo, lanesHi);
        assertThat(s[1]).isEqualTo(lanesLo);
        assertThat(s[2]).isEqualTo(lanesHi);
    }

    @Test
    void swarAgreesWithTheLaneByLaneDefinitions() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long a = sparse(random);
            long b = (i & 3) == 0 ? a ^ (random.nextLong() & random.nextLong() & random.nextLong()) : sparse(random);
            for (int bits : new int[] {8, 16, 32}) {
                check(Swar.add(a, b, bits), a, b, LaneReference.ADD, bits);
                check(Swar.sub(a, b, bits), a, b, LaneReference.SUB, bits);
                check(Swar.addSatS(a, b, bits), a, b, LaneReference.ADD_SAT_S, bits);
                check(Swar.addSatU(a, b, bits), a, b, LaneReference.ADD_SAT_U, bits);
                check(Swar.subSatS(a, b, bits), a, b, LaneReference.SUB_SAT_S, bits);
                check(Swar.subSatU(a, b, bits), a, b, LaneReference.SUB_SAT_U, bits);
                check(Swar.minS(a, b, bits), a, b, LaneReference.MIN_S, bits);
                check(Swar.minU(a, b, bits), a, b, LaneReference.MIN_U, bits);
                check(Swar.maxS(a, b, bits), a, b, LaneReference.MAX_S, bits);
                check(Swar.maxU(a, b, bits), a, b, LaneReference.MAX_U, bits);
                check(Swar.avgrU(a, b, bits), a, b, LaneReference.AVGR_U, bits);
                check(Swar.eq(a, b, bits), a, b, LaneReference.EQ, bits);
                check(Swar.ne(a, b, bits), a, b, LaneReference.NE, bits);
                check(Swar.ltS(a, b, bits), a, b, LaneReference.LT_S, bits);
                check(Swar.ltU(a, b, bits), a, b, LaneReference.LT_U, bits);
                check(Swar.abs(a, bits), a, 0, LaneReference.ABS, bits);
                check(Swar.neg(a, bits), a, 0, LaneReference.NEG, bits);
                check(Swar.nonZero(a, bits), a, 0, LaneReference.NE, bits);
                int count = random.nextInt(bits);
                assertThat(Swar.shl(a, count, bits)).isEqualTo(LaneReference.shift(a, count, LaneReference.SHL, bits));
                assertThat(Swar.shrS(a, count, bits)).isEqualTo(LaneReference.shift(a, count, LaneReference.SHR_S, bits));
                assertThat(Swar.shrU(a, count, bits)).isEqualTo(LaneReference.shift(a, count, LaneReference.SHR_U, bits));
            }
            check(Swar.popcnt8(a), a, 0, LaneReference.POPCNT, 8);
            check(Swar.mul16(a, b), a, b, LaneReference.MUL, 16);
            check(Swar.mul32(a, b), a, b, LaneReference.MUL, 32);
            check(Swar.q15mulrSatS(a, b), a, b, LaneReference.Q15MULR_SAT_S, 16);
        }
    }

    private static void check(long actual, long a, long b, int op, int bits) {
        long expected = LaneReference.map(a, b, op, bits);
        if (actual != expected) {
            throw new AssertionError("op " + op + " i" + bits + " of " + Long.toHexString(a) + ", "
                    + Long.toHexString(b) + ": " + Long.toHexString(actual) + " instead of " + Long.toHexString(expected));
        }
    }

    @Test
    void allTrueAndBitmaskSeeEveryLane() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 50_000; i++) {
            long a = sparse(random);
            long b = sparse(random);
            long[] s = stack(a, b);
            SimdOps.i8x16AllTrue(s, 1);
            assertThat(s[1]).isEqualTo(allTrue(a, b, 8) ? 1 : 0);
            s = stack(a, b);
            SimdOps.i16x8AllTrue(s, 1);
            assertThat(s[1]).isEqualTo(allTrue(a, b, 16) ? 1 : 0);
            s = stack(a, b);
            SimdOps.i32x4AllTrue(s, 1);
            assertThat(s[1]).isEqualTo(allTrue(a, b, 32) ? 1 : 0);
            s = stack(a, b);
            SimdOps.i8x16Bitmask(s, 1);
            int mask = 0;
            for (int lane = 0; lane < 16; lane++) {
                mask |= V128.lane(a, b, lane, 8) < 0 ? 1 << lane : 0;
            }
            assertThat(s[1]).isEqualTo(mask);
        }
    }

    /** Random longs with many zero bytes, so all_true sees zero lanes and carries. */
    private static long sparse(SplittableRandom random) {
        long x = random.nextLong();
        long special = switch (random.nextInt(4)) { case 0 -> 0x8080_8080_8080_8080L; case 1 -> 0x7F7F_7F7F_7F7F_7F7FL; case 2 -> 0x0101_0101_0101_0101L; default -> 0; };
        return random.nextBoolean() ? x & random.nextLong() & random.nextLong() | special : x ^ special;
    }

    private static boolean allTrue(long lo, long hi, int bits) {
        for (int i = 0; i < 128 / bits; i++) {
            if (V128.lane(lo, hi, i, bits) == 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void relaxedTruncationSaturatesLikeTruncSat() {
        long nan = 0x7FC0_0000L;
        long big = Float.floatToRawIntBits(3e9f) & 0xFFFF_FFFFL;
        long neg = Float.floatToRawIntBits(-3e9f) & 0xFFFF_FFFFL;
        long[] s = stack(nan | big << 32, neg | (long) Float.floatToRawIntBits(-1.5f) << 32);
        RelaxedSimdOps.i32x4RelaxedTruncF32x4S(s, 1);
        assertThat(s[1]).isEqualTo(0L | (long) Integer.MAX_VALUE << 32);
        assertThat(s[2]).isEqualTo(Integer.MIN_VALUE & 0xFFFF_FFFFL | (long) -1 << 32);
        s = stack(nan | big << 32, neg | (long) Float.floatToRawIntBits(-1.5f) << 32);
        RelaxedSimdOps.i32x4RelaxedTruncF32x4U(s, 1);
        assertThat(s[1]).isEqualTo(0xB2D0_5E00L << 32 | 0L);
        assertThat(s[2]).isZero();
        s = stack(Double.doubleToRawLongBits(-1e10), 0x7FF8_0000_0000_0000L);
        RelaxedSimdOps.i32x4RelaxedTruncF64x2SZero(s, 1);
        assertThat(s[1]).isEqualTo(Integer.MIN_VALUE & 0xFFFF_FFFFL);
        assertThat(s[2]).isZero();
        s = stack(Double.doubleToRawLongBits(1e10), Double.doubleToRawLongBits(7.9));
        RelaxedSimdOps.i32x4RelaxedTruncF64x2UZero(s, 1);
        assertThat(s[1]).isEqualTo(0xFFFF_FFFFL | 7L << 32);
        assertThat(s[2]).isZero();
    }

    @Test
    void relaxedOpsFollowTheDeterministicProfile() {
        // swizzle: indices >= 16 (also 0x80..) give 0
        long[] s = stack(0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L, 0x8010_0F00L, 0);
        RelaxedSimdOps.i8x16RelaxedSwizzle(s, 1);
        assertThat(s[1]).isEqualTo(0x0F00L);
        // laneselect is a bitselect, also for masks that mix bits
        s = stack(-1, -1, 0, 0, 0x00FF_0F0F_8000_0001L, 0);
        RelaxedSimdOps.i8x16RelaxedLaneselect(s, 1);
        assertThat(s[1]).isEqualTo(0x00FF_0F0F_8000_0001L);
        // q15mulr saturates
        s = stack(0x8000, 0, 0x8000, 0);
        RelaxedSimdOps.i16x8RelaxedQ15mulrS(s, 1);
        assertThat(s[1]).isEqualTo(0x7FFF);
        // madd is unfused: 1 + 2^-23 squared minus 1 loses the 2^-46 term
        int x = Float.floatToRawIntBits(1 + 0x1p-23f);
        int minusOne = Float.floatToRawIntBits(-(1 + 0x1p-22f));
        s = stack(x, 0, x, 0, minusOne, 0);
        RelaxedSimdOps.f32x4RelaxedMadd(s, 1);
        assertThat((int) s[1]).isEqualTo(0);
        // min/max are the strict ones: NaN wins, -0 < +0
        s = stack(0x8000_0000L, 0, 0, 0);
        RelaxedSimdOps.f32x4RelaxedMin(s, 1);
        assertThat(s[1]).isEqualTo(0x8000_0000L);
        // dot treats the second operand as signed
        s = stack(0x8080, 0, 0x8181, 0);
        RelaxedSimdOps.i16x8RelaxedDotI8x16I7x16S(s, 1);
        assertThat(s[1]).isEqualTo(32512);
    }
}
