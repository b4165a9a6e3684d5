package dev.wasmj.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scalar ops where the testsuite leaves room: traps, NaN payloads, rounding, wide results. */
class NumericOpsTest {

    private static final int F32_CANONICAL = 0x7FC0_0000;
    private static final long F64_CANONICAL = 0x7FF8_0000_0000_0000L;

    @Test
    void divisionTrapsWithTheSpecMessagesAndCodes() {
        assertThatThrownBy(() -> NumericOps.i32DivS(1, 0)).isInstanceOf(Trap.class)
                .hasMessage("integer divide by zero")
                .satisfies(t -> assertThat(((Trap) t).code()).isEqualTo(TrapCode.INTEGER_DIVISION_BY_ZERO));
        assertThatThrownBy(() -> NumericOps.i32DivS(Integer.MIN_VALUE, -1)).isInstanceOf(Trap.class)
                .hasMessage("integer overflow")
                .satisfies(t -> assertThat(((Trap) t).code()).isEqualTo(TrapCode.INTEGER_OVERFLOW));
        assertThatThrownBy(() -> NumericOps.i64RemU(1, 0)).hasMessage("integer divide by zero");
        assertThat(NumericOps.i32RemS(Integer.MIN_VALUE, -1)).isZero();
        assertThat(NumericOps.i64RemS(Long.MIN_VALUE, -1)).isZero();
        assertThat(NumericOps.i32DivU(-1, 2)).isEqualTo(0x7FFF_FFFF);
    }

    @Test
    void truncationTrapsDistinguishNaNFromOverflow() {
        int nan = F32_CANONICAL;
        assertThatThrownBy(() -> NumericOps.i32TruncF32S(nan)).isInstanceOf(Trap.class)
                .hasMessage("invalid conversion to integer")
                .satisfies(t -> assertThat(((Trap) t).code()).isEqualTo(TrapCode.BAD_CONVERSION_TO_INTEGER));
        assertThatThrownBy(() -> NumericOps.i64TruncF64U(Double.doubleToRawLongBits(0x1p64)))
                .hasMessage("integer overflow");
        assertThatThrownBy(() -> NumericOps.i32TruncF64S(Double.doubleToRawLongBits(-2147483649.0)))
                .hasMessage("integer overflow");
        assertThat(NumericOps.i32TruncF64S(Double.doubleToRawLongBits(-2147483648.9))).isEqualTo(Integer.MIN_VALUE);
        assertThat(NumericOps.i32TruncF64U(Double.doubleToRawLongBits(-0.99))).isZero();
        assertThat(NumericOps.i64TruncF64U(Double.doubleToRawLongBits(0x1.fffffffffffffp63))).isEqualTo(0xFFFF_FFFF_FFFF_F800L);
    }

    @Test
    void saturatingTruncationClampsAndMapsNaNToZero() {
        assertThat(NumericOps.i32TruncSatF32U(Float.floatToRawIntBits(-5f))).isZero();
        assertThat(NumericOps.i32TruncSatF32U(Float.floatToRawIntBits(5e9f))).isEqualTo(-1);
        assertThat(NumericOps.i64TruncSatF64U(Double.doubleToRawLongBits(1e30))).isEqualTo(-1L);
        assertThat(NumericOps.i64TruncSatF64U(F64_CANONICAL)).isZero();
        assertThat(NumericOps.i64TruncSatF32S(Float.floatToRawIntBits(-1e30f))).isEqualTo(Long.MIN_VALUE);
        assertThat(NumericOps.i32TruncSatF64S(F64_CANONICAL | 1)).isZero();
    }

    @Test
    void unsignedLongConversionsRoundCorrectly() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            long x = random.nextLong();
            if ((i & 1) == 0) {
                x |= Long.MIN_VALUE; // the halving path
            }
            BigInteger u = new BigInteger(Long.toUnsignedString(x));
            assertThat(NumericOps.f32ConvertI64U(x)).as("%x", x).isEqualTo(Float.floatToRawIntBits(u.floatValue()));
            assertThat(NumericOps.f64ConvertI64U(x)).as("%x", x).isEqualTo(Double.doubleToRawLongBits(u.doubleValue()));
        }
        // a tie that double rounding through f64 would get wrong
        long tie = 0x8000_0080_0000_0001L;
        assertThat(NumericOps.f32ConvertI64U(tie)).isEqualTo(Float.floatToRawIntBits(0x1.000002p63f));
    }

    @Test
    void truncationsAgreeWithExactArithmetic() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            // exponents around the i32/i64 ranges are where it matters
            boolean nan = i % 1000 == 0;
            int f32 = nan ? 0x7FC0_0000 | random.nextInt(0x40_0000)
                    : random.nextInt() & 0x80FF_FFFF | (0x3E + random.nextInt(0x24)) << 24;
            long f64 = nan ? 0x7FF8_0000_0000_0000L
                    : random.nextLong() & 0x800F_FFFF_FFFF_FFFFL | (long) (0x3FE + random.nextInt(0x44)) << 52;
            double x32 = Float.intBitsToFloat(f32);
            double x64 = Double.longBitsToDouble(f64);
            checkTrunc(x32, 32, true, () -> NumericOps.i32TruncF32S(f32), () -> NumericOps.i32TruncSatF32S(f32));
            checkTrunc(x32, 32, false, () -> NumericOps.i32TruncF32U(f32), () -> NumericOps.i32TruncSatF32U(f32));
            checkTrunc(x32, 64, true, () -> NumericOps.i64TruncF32S(f32), () -> NumericOps.i64TruncSatF32S(f32));
            checkTrunc(x32, 64, false, () -> NumericOps.i64TruncF32U(f32), () -> NumericOps.i64TruncSatF32U(f32));
            checkTrunc(x64, 32, true, () -> NumericOps.i32TruncF64S(f64), () -> NumericOps.i32TruncSatF64S(f64));
            checkTrunc(x64, 32, false, () -> NumericOps.i32TruncF64U(f64), () -> NumericOps.i32TruncSatF64U(f64));
            checkTrunc(x64, 64, true, () -> NumericOps.i64TruncF64S(f64), () -> NumericOps.i64TruncSatF64S(f64));
            checkTrunc(x64, 64, false, () -> NumericOps.i64TruncF64U(f64), () -> NumericOps.i64TruncSatF64U(f64));
        }
    }

    private static void checkTrunc(double x, int bits, boolean signed, java.util.function.LongSupplier trapping,
                                   java.util.function.LongSupplier saturating) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = (signed ? BigInteger.ONE.shiftLeft(bits - 1) : BigInteger.ONE.shiftLeft(bits)).subtract(BigInteger.ONE);
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        BigInteger want;
        String trap = null;
        if (Double.isNaN(x)) {
            want = BigInteger.ZERO;
            trap = "invalid conversion to integer";
        } else {
            BigInteger t = Double.isInfinite(x) ? (x > 0 ? max.add(BigInteger.ONE) : min.subtract(BigInteger.ONE))
                    : new BigDecimal(x).setScale(0, RoundingMode.DOWN).toBigInteger();
            want = t.min(max).max(min);
            if (!want.equals(t)) {
                trap = "integer overflow";
            }
        }
        long wantBits = want.mod(mod).longValue();
        long mask = bits == 32 ? 0xFFFF_FFFFL : -1L;
        assertThat(saturating.getAsLong() & mask).as("trunc_sat %s", x).isEqualTo(wantBits & mask);
        if (trap == null) {
            assertThat(trapping.getAsLong() & mask).as("trunc %s", x).isEqualTo(wantBits & mask);
        } else {
            assertThatThrownBy(trapping::getAsLong).as("trunc %s", x).isInstanceOf(Trap.class).hasMessage(trap);
        }
    }

    @Test
    void minMaxPropagateQuietNaNsAndOrderZeros() {
        int signaling = 0x7FA0_0001;
        assertThat(NumericOps.f32Min(signaling, 0)).isEqualTo(0x7FE0_0001);
        assertThat(NumericOps.f32Max(0, signaling | 0x8000_0000)).isEqualTo(0xFFE0_0001);
        assertThat(NumericOps.f32Min(F32_CANONICAL, 0x7FA0_0000)).isEqualTo(F32_CANONICAL);
        assertThat(NumericOps.f32Min(0, 0x8000_0000)).isEqualTo(0x8000_0000);
        assertThat(NumericOps.f32Max(0x8000_0000, 0)).isZero();
        assertThat(NumericOps.f64Min(0x7FF0_0000_0000_0001L, 0)).isEqualTo(0x7FF8_0000_0000_0001L);
        assertThat(NumericOps.f64Max(Long.MIN_VALUE, 0)).isZero();
    }

    @Test
    void signOperationsTouchOnlyTheSignBit() {
        int signaling = 0x7FA0_0001;
        assertThat(NumericOps.f32Neg(signaling)).isEqualTo(0xFFA0_0001);
        assertThat(NumericOps.f32Abs(0xFFA0_0001)).isEqualTo(signaling);
        assertThat(NumericOps.f32Copysign(signaling, 0x8000_0000)).isEqualTo(0xFFA0_0001);
        assertThat(NumericOps.f64Neg(0x7FF0_0000_0000_0001L)).isEqualTo(0xFFF0_0000_0000_0001L);
    }

    @Test
    void demoteAndPromoteKeepNaNsArithmeticAndCanonicalNaNsCanonical() {
        assertThat(NumericOps.f32DemoteF64(F64_CANONICAL)).isEqualTo(F32_CANONICAL);
        assertThat(NumericOps.f32DemoteF64(F64_CANONICAL | Long.MIN_VALUE)).isEqualTo(0xFFC0_0000);
        assertThat(NumericOps.f32DemoteF64(0x7FF0_0000_0000_0001L) & 0x7FC0_0000).isEqualTo(0x7FC0_0000);
        assertThat(NumericOps.f32DemoteF64(0x7FF4_0000_2000_0000L)).isEqualTo(0x7FE0_0001);
        assertThat(NumericOps.f64PromoteF32(F32_CANONICAL)).isEqualTo(F64_CANONICAL);
        assertThat(NumericOps.f64PromoteF32(0x7F80_0001)).isEqualTo(0x7FF8_0000_2000_0000L);
        assertThat(NumericOps.f32DemoteF64(Double.doubleToRawLongBits(0x1.fffffffp127))).isEqualTo(0x7F80_0000);
    }

    @Test
    void roundingOpsRoundTiesToEvenAndKeepZeroSigns() {
        assertThat(NumericOps.f32Nearest(Float.floatToRawIntBits(2.5f))).isEqualTo(Float.floatToRawIntBits(2f));
        assertThat(NumericOps.f32Nearest(Float.floatToRawIntBits(-0.5f))).isEqualTo(0x8000_0000);
        assertThat(NumericOps.f32Trunc(Float.floatToRawIntBits(-0.7f))).isEqualTo(0x8000_0000);
        assertThat(NumericOps.f64Ceil(Double.doubleToRawLongBits(-0.5))).isEqualTo(Long.MIN_VALUE);
        assertThat(NumericOps.f64Nearest(Double.doubleToRawLongBits(0x1.fffffffffffffp51)))
                .isEqualTo(Double.doubleToRawLongBits(0x1p52));
        assertThat(NumericOps.f32Floor(0x7F80_0001)).isEqualTo(0x7FC0_0001);
    }

    @Test
    void wideArithmeticCarriesAndBorrowsAcrossTheHalves() {
        assertThat(NumericOps.i64Add128Lo(-1, 0, 1, 0)).isZero();
        assertThat(NumericOps.i64Add128Hi(-1, 0, 1, 0)).isEqualTo(1);
        assertThat(NumericOps.i64Add128Hi(-1, -1, -1, -1)).isEqualTo(-1);
        assertThat(NumericOps.i64Sub128Lo(0, 1, 1, 0)).isEqualTo(-1);
        assertThat(NumericOps.i64Sub128Hi(0, 1, 1, 0)).isZero();
        assertThat(NumericOps.i64MulWideSHi(-1, -1)).isZero();
        assertThat(NumericOps.i64MulWideUHi(-1, -1)).isEqualTo(-2);
        assertThat(NumericOps.i64MulWideULo(-1, -1)).isEqualTo(1);
        SplittableRandom random = new SplittableRandom(5);
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int i = 0; i < 10_000; i++) {
            long aLo = random.nextLong(), aHi = random.nextLong(), bLo = random.nextLong(), bHi = random.nextLong();
            BigInteger sum = i128(aLo, aHi).add(i128(bLo, bHi)).mod(two128);
            BigInteger diff = i128(aLo, aHi).subtract(i128(bLo, bHi)).mod(two128);
            assertThat(i128(NumericOps.i64Add128Lo(aLo, aHi, bLo, bHi), NumericOps.i64Add128Hi(aLo, aHi, bLo, bHi))
                    .mod(two128)).isEqualTo(sum);
            assertThat(i128(NumericOps.i64Sub128Lo(aLo, aHi, bLo, bHi), NumericOps.i64Sub128Hi(aLo, aHi, bLo, bHi))
                    .mod(two128)).isEqualTo(diff);
        }
    }

    private static BigInteger i128(long lo, long hi) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }
}
