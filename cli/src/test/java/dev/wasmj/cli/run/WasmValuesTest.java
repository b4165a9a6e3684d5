package dev.wasmj.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Val;
import dev.wasmj.ValType;
import org.junit.jupiter.api.Test;

/** Numbers as --invoke reads its arguments and prints its results. */
class WasmValuesTest {

    @Test
    void integersAreSignedDecimalsOrHexadecimalBitPatterns() {
        assertThat(WasmValues.parse(ValType.I32, "-2147483648")).isEqualTo(Val.i32(Integer.MIN_VALUE));
        assertThat(WasmValues.parse(ValType.I32, "+7")).isEqualTo(Val.i32(7));
        assertThat(WasmValues.parse(ValType.I32, "0x80000000")).isEqualTo(Val.i32(Integer.MIN_VALUE));
        assertThat(WasmValues.parse(ValType.I64, "0XFFFFFFFFFFFFFFFF")).isEqualTo(Val.i64(-1));
        assertThat(WasmValues.parse(ValType.I64, "9223372036854775807")).isEqualTo(Val.i64(Long.MAX_VALUE));
        for (String bad : new String[] {"2147483648", "0x100000000", "1e3", "", "0x", " 1"}) {
            assertThatThrownBy(() -> WasmValues.parse(ValType.I32, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WasmValues.parse(ValType.I64, "9223372036854775808"))
                .hasMessage("'9223372036854775808' is out of the range of an i64");
    }

    @Test
    void floatsAreDecimalsInfinitiesOrNan() {
        assertThat(WasmValues.parse(ValType.F32, "0.1")).isEqualTo(Val.f32(0.1f));
        assertThat(WasmValues.parse(ValType.F64, "-2.5e-3")).isEqualTo(Val.f64(-0.0025));
        assertThat(WasmValues.parse(ValType.F64, ".5")).isEqualTo(Val.f64(0.5));
        assertThat(WasmValues.parse(ValType.F64, "7.")).isEqualTo(Val.f64(7));
        assertThat(WasmValues.parse(ValType.F64, "-Infinity")).isEqualTo(Val.f64(Double.NEGATIVE_INFINITY));
        assertThat(WasmValues.parse(ValType.F32, "inf")).isEqualTo(Val.f32(Float.POSITIVE_INFINITY));
        assertThat(((Val.F64) WasmValues.parse(ValType.F64, "NaN")).value()).isNaN();
        for (String bad : new String[] {"1.5f", "0x1p3", "1d", "e5", "", "Infinityx"}) {
            assertThatThrownBy(() -> WasmValues.parse(ValType.F64, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void vectorsAndReferencesCannotBeParsed() {
        assertThatThrownBy(() -> WasmValues.parse(ValType.V128, "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WasmValues.parse(ValType.FUNCREF, "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floatsPrintInTheirShortestPlainForm() {
        assertThat(WasmValues.format(Val.f32(0.1f))).isEqualTo("0.1");
        assertThat(WasmValues.format(Val.f64(0.1))).isEqualTo("0.1");
        assertThat(WasmValues.format(Val.f64(100))).isEqualTo("100");
        assertThat(WasmValues.format(Val.f64(1e-7))).isEqualTo("0.0000001");
        assertThat(WasmValues.format(Val.f32(16777216f))).isEqualTo("16777216");
        assertThat(WasmValues.format(Val.f64(-0.0))).isEqualTo("-0");
        assertThat(WasmValues.format(Val.f32(Float.NEGATIVE_INFINITY))).isEqualTo("-inf");
        assertThat(WasmValues.format(Val.f64Bits(0xfff8000000000001L))).isEqualTo("NaN");
    }

    @Test
    void otherValuesPrintLikeWasmtime() {
        assertThat(WasmValues.format(Val.i32(-1))).isEqualTo("-1");
        assertThat(WasmValues.format(Val.i64(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(WasmValues.format(Val.v128(-1, -1))).isEqualTo("340282366920938463463374607431768211455");
        assertThat(WasmValues.format(Val.funcref(null))).isEqualTo("<null funcref>");
        assertThat(WasmValues.format(Val.externref("x"))).isEqualTo("<externref>");
    }
}
