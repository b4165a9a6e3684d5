package dev.wasmj.format.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberLiteralsTest {

    private static long i32(String s) {
        return (int) NumberLiterals.integer(s, 0, s.length(), 32);
    }

    private static long i64(String s) {
        return NumberLiterals.integer(s, 0, s.length(), 64);
    }

    private static int f32(String s) {
        return NumberLiterals.f32(s, 0, s.length());
    }

    private static long f64(String s) {
        return NumberLiterals.f64(s, 0, s.length());
    }

    @Test
    void integersAcceptSignedAndUnsignedRanges() {
        assertThat(i32("4294967295")).isEqualTo(-1);
        assertThat(i32("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(i32("0xffff_ffff")).isEqualTo(-1);
        assertThat(i32("-0x8000_0000")).isEqualTo(Integer.MIN_VALUE);
        assertThat(i32("+2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(i64("18446744073709551615")).isEqualTo(-1);
        assertThat(i64("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(i64("0x7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
        assertThat(NumberLiterals.integer("-128", 0, 4, 8)).isEqualTo(-128);
        assertThat(NumberLiterals.integer("255", 0, 3, 8)).isEqualTo(-1);
    }

    @Test
    void integersOutOfRange() {
        for (String s : new String[] {"4294967296", "-2147483649", "0x1_0000_0000", "+2147483648", "-0x80000001"}) {
            assertThatThrownBy(() -> i32(s)).as(s).isInstanceOf(NumberLiterals.OutOfRange.class);
        }
        for (String s : new String[] {"18446744073709551616", "-9223372036854775809", "0x10000000000000000",
                "+9223372036854775808", "99999999999999999999"}) {
            assertThatThrownBy(() -> i64(s)).as(s).isInstanceOf(NumberLiterals.OutOfRange.class);
        }
        assertThatThrownBy(() -> NumberLiterals.unsigned("-1", 0, 2, 32)).isInstanceOf(NumberLiterals.OutOfRange.class);
    }

    @Test
    void decimalFloatsRoundToNearestEven() {
        assertThat(f32("0.1")).isEqualTo(Float.floatToIntBits(0.1f));
        assertThat(f32("1e-45")).isEqualTo(1);
        assertThat(f32("+1_000.5")).isEqualTo(Float.floatToIntBits(1000.5f));
        // halfway between 1 and the next float rounds to even (1)
        assertThat(f32("1.000000059604644775390625")).isEqualTo(0x3F800000);
        assertThat(f32("1.000000178813934326171875")).isEqualTo(0x3F800002);
        assertThat(f64("0.1")).isEqualTo(Double.doubleToLongBits(0.1));
        assertThat(f32("-0")).isEqualTo(0x80000000);
        assertThat(f64("-0.0")).isEqualTo(Long.MIN_VALUE);
        assertThat(f32("3.4028234663852886e+38")).isEqualTo(0x7F7FFFFF);
        // the largest float plus half an ulp rounds to infinity: out of range
        assertThatThrownBy(() -> f32("340282356779733661637539395458142568448")).isInstanceOf(NumberLiterals.OutOfRange.class);
        assertThatThrownBy(() -> f64("1e309")).isInstanceOf(NumberLiterals.OutOfRange.class);
    }

    @Test
    void hexFloatsAreExactOrRoundedOnce() {
        assertThat(f32("0x1p-149")).isEqualTo(1);
        assertThat(f32("0x1p-150")).isEqualTo(0); // half the smallest subnormal: ties to even
        assertThat(f32("0x1.000001p-149")).isEqualTo(1);
        assertThat(f32("0x1.fffffep127")).isEqualTo(0x7F7FFFFF);
        assertThat(f32("0x1.fffffefffffffffffp127")).isEqualTo(0x7F7FFFFF);
        assertThat(f32("0x1.000001p0")).isEqualTo(0x3F800000); // tie to even
        assertThat(f32("0x1.000003p0")).isEqualTo(0x3F800002); // tie to even (up)
        assertThat(f32("0x1.0000010000000000000000001p0")).isEqualTo(0x3F800001); // above the tie
        assertThat(f32("0x8")).isEqualTo(Float.floatToIntBits(8f));
        assertThat(f32("0x.8p1")).isEqualTo(Float.floatToIntBits(1f));
        assertThat(f64("0x1p-1074")).isEqualTo(1);
        assertThat(f64("0x1.fffffffffffffp1023")).isEqualTo(0x7FEFFFFFFFFFFFFFL);
        assertThat(f64("-0x1.8p1")).isEqualTo(Double.doubleToLongBits(-3.0));
        assertThat(f64("0x0.0000000000001p-1022")).isEqualTo(1);
        assertThatThrownBy(() -> f32("0x1.ffffffp127")).isInstanceOf(NumberLiterals.OutOfRange.class);
        assertThatThrownBy(() -> f64("0x1p1024")).isInstanceOf(NumberLiterals.OutOfRange.class);
    }

    @Test
    void infinitiesAndNans() {
        assertThat(f32("inf")).isEqualTo(0x7F800000);
        assertThat(f32("-inf")).isEqualTo(0xFF800000);
        assertThat(f32("nan")).isEqualTo(0x7FC00000);
        assertThat(f32("-nan")).isEqualTo(0xFFC00000);
        assertThat(f32("nan:0x1")).isEqualTo(0x7F800001);
        assertThat(f32("-nan:0x7f_ffff")).isEqualTo(0xFFFFFFFF);
        assertThat(f64("nan:0x4000000000000")).isEqualTo(0x7FF4000000000000L);
        assertThat(f64("+nan")).isEqualTo(0x7FF8000000000000L);
        assertThatThrownBy(() -> f32("nan:0x0")).isInstanceOf(NumberLiterals.OutOfRange.class);
        assertThatThrownBy(() -> f32("nan:0x80_0000")).isInstanceOf(NumberLiterals.OutOfRange.class);
        assertThatThrownBy(() -> f64("nan:0x10_0000_0000_0000")).isInstanceOf(NumberLiterals.OutOfRange.class);
    }

    @Test
    void classifiesLiteralSyntax() {
        assertThat(NumberLiterals.classify("12", 0, 2)).isEqualTo(Tokens.NAT);
        assertThat(NumberLiterals.classify("-12", 0, 3)).isEqualTo(Tokens.INT);
        assertThat(NumberLiterals.classify("0x1.", 0, 4)).isEqualTo(Tokens.FLOAT);
        assertThat(NumberLiterals.classify("1e+5", 0, 4)).isEqualTo(Tokens.FLOAT);
        assertThat(NumberLiterals.classify("0x1P+5", 0, 6)).isEqualTo(Tokens.FLOAT);
        assertThat(NumberLiterals.classify("0x1e5", 0, 5)).isEqualTo(Tokens.NAT);
        assertThat(NumberLiterals.classify("1e", 0, 2)).isEqualTo(Tokens.RESERVED);
        assertThat(NumberLiterals.classify("nan:0x", 0, 6)).isEqualTo(Tokens.RESERVED);
        assertThat(NumberLiterals.classify("0X1", 0, 3)).isEqualTo(Tokens.RESERVED);
    }
}
