package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ValTest {

    @Test
    void numbersKeepTheirBits() {
        assertThat(Val.f32(1.5f).f32()).isEqualTo(1.5f);
        assertThat(Val.f64(-0.0)).isEqualTo(Val.f64Bits(0x8000_0000_0000_0000L));
        assertThat(Val.f32Bits(0x7F80_0001)).isNotEqualTo(Val.f32Bits(0x7FC0_0000));
        assertThat(Val.i32(3).i32()).isEqualTo(3);
        assertThat(Val.i64(3).i64()).isEqualTo(3);
        assertThatThrownBy(() -> Val.i64(3).i32()).isInstanceOf(IllegalStateException.class);
        assertThat(Val.v128(1, 2).kind()).isEqualTo(ValType.Kind.V128);
    }

    @Test
    void defaultsAreZeroOrTheNullOfTheHierarchy() {
        assertThat(Val.defaultFor(ValType.I32)).isEqualTo(Val.i32(0));
        assertThat(Val.defaultFor(ValType.F64)).isEqualTo(Val.f64(0));
        assertThat(Val.defaultFor(ValType.V128)).isEqualTo(Val.v128(0, 0));
        assertThat(Val.defaultFor(ValType.NULLFUNCREF)).isEqualTo(Val.funcref(null));
        assertThat(Val.defaultFor(ValType.EXTERNREF)).isEqualTo(Val.externref(null));
        assertThat(Val.defaultFor(ValType.I31REF)).isEqualTo(Val.anyref(null));
        assertThat(Val.defaultFor(ValType.EXNREF)).isEqualTo(Val.exnref(null));
    }

    @Test
    void anyrefsOfI31AndHostObjects() {
        AnyRef i31 = AnyRef.i31(-1);
        assertThat(i31.isI31()).isTrue();
        assertThat(i31.i31Signed()).isEqualTo(-1);
        assertThat(i31.i31Unsigned()).isEqualTo(0x7FFF_FFFF);
        assertThat(AnyRef.i31(0x4000_0000)).isEqualTo(AnyRef.i31(-0x4000_0000));
        AnyRef host = AnyRef.fromExtern("x");
        assertThat(host.isHostObject()).isTrue();
        assertThat(host.isEq()).isFalse();
        assertThat(host.hostObject()).isEqualTo("x");
        assertThatThrownBy(host::i31Signed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void typesPrintAsTheTextFormatWritesThem() {
        assertThat(ValType.I32).hasToString("i32");
        assertThat(ValType.FUNCREF).hasToString("funcref");
        assertThat(ValType.ref(false, HeapType.ANY)).hasToString("(ref any)");
        assertThat(ValType.NULLEXTERNREF).hasToString("nullexternref");
        assertThat(FuncType.of(List.of(ValType.I32, ValType.F32), List.of(ValType.I64)))
                .hasToString("(func (param i32 f32) (result i64))");
        assertThat(MemoryType.shared(1, 2)).hasToString("(memory 1 2 shared)");
        assertThat(TableType.of(RefType.EXTERNREF, 1, 5)).hasToString("(table 1 5 externref)");
        assertThat(GlobalType.mutable(ValType.I64)).hasToString("(global (mut i64))");
        assertThat(ValType.ref(RefType.FUNCREF)).isEqualTo(ValType.FUNCREF);
        assertThat(HeapType.EQ.kind()).isEqualTo(HeapType.Kind.EQ);
        assertThat(HeapType.NONE.matches(HeapType.I31)).isTrue();
        assertThat(HeapType.NOFUNC.matches(HeapType.ANY)).isFalse();
    }

    @Test
    void memoryTypesAreChecked() {
        assertThatThrownBy(() -> new MemoryType(1, OptionalLong.empty(), false, true, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum");
        assertThatThrownBy(() -> new MemoryType(1, OptionalLong.empty(), false, false, 12))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page size");
        assertThat(new MemoryType(1, OptionalLong.empty(), true, false, 0).pageSize()).isEqualTo(1);
    }
}
