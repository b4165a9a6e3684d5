package dev.wasmj.format.binary;

import dev.wasmj.format.HeapType;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.ValType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WasmReaderTest {

    private static WasmReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return new WasmReader(b);
    }

    @Test
    void unsignedLeb() {
        assertThat(reader(0x00).u32()).isZero();
        assertThat(reader(0xE5, 0x8E, 0x26).u32()).isEqualTo(624485);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32()).isEqualTo(-1);
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32()).isZero();
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32()).hasMessageContaining("integer too large");
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32())
                .hasMessageContaining("integer representation too long");
        assertThatThrownBy(() -> reader(0x80).u32()).isInstanceOf(MalformedException.class)
                .hasMessageContaining("unexpected end");
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).u64()).isEqualTo(-1L);
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02).u64())
                .hasMessageContaining("integer too large");
    }

    @Test
    void signedLeb() {
        assertThat(reader(0x7F).s32()).isEqualTo(-1);
        assertThat(reader(0x3F).s32()).isEqualTo(63);
        assertThat(reader(0xC0, 0xBB, 0x78).s32()).isEqualTo(-123456);
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32()).isEqualTo(Integer.MIN_VALUE);
        assertThat(reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s32()).hasMessageContaining("integer too large");
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x70).s32()).hasMessageContaining("integer too large");
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64()).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64())
                .hasMessageContaining("integer too large");
        assertThat(reader(0x40).s33()).isEqualTo(-64);
    }

    @Test
    void types() {
        assertThat(reader(0x7F).valType()).isEqualTo(ValType.I32);
        assertThat(reader(0x70).valType()).isEqualTo(ValType.FUNCREF);
        assertThat(reader(0x64, 0x05).valType()).isEqualTo(ValType.ref(false, 5));
        assertThat(reader(0x63, 0x6E).valType()).isEqualTo(ValType.ANYREF);
        // exact types as the custom-descriptors testsuite (exact.wast) encodes them
        assertThat(reader(0x64, 0x62, 0x02).valType()).isEqualTo(ValType.ref(false, HeapType.exact(2)));
        assertThat(reader(0x63, 0x62, 0x02).valType()).isEqualTo(ValType.ref(true, HeapType.exact(2)));
        assertThatThrownBy(() -> reader(0x62, 0x00).valType()).hasMessageContaining("malformed value type");
        assertThatThrownBy(() -> reader(0x64, 0x62, 0x62, 0x00).valType()).hasMessageContaining("malformed heap type");
        assertThatThrownBy(() -> reader(0x64, 0x62, 0x6E).valType()).hasMessageContaining("malformed heap type");
        assertThatThrownBy(() -> reader(0x40).valType()).hasMessageContaining("malformed value type");
    }

    @Test
    void lengths() {
        // the bound counts from the length's own first byte, as in the reference interpreter
        assertThat(reader(0x02, 0x00).len32()).isEqualTo(2);
        assertThatThrownBy(() -> reader(0x03, 0x00).len32()).hasMessageContaining("length out of bounds");
        assertThatThrownBy(() -> reader(0x02, 0x61).name()).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> new WasmReader(new byte[0]).inSections().u8())
                .hasMessageContaining("unexpected end of section or function");
    }

    @Test
    void writerRoundTrip() {
        WasmWriter w = new WasmWriter();
        w.u32(-1).s32(Integer.MIN_VALUE).s64(Long.MAX_VALUE).u64(1L << 40).name("héllo").valType(ValType.ref(true, 7))
                .valType(ValType.EXTERNREF).valType(ValType.ref(false, HeapType.exact(3))).i32le(0x12345678);
        WasmReader r = new WasmReader(w.toByteArray());
        assertThat(r.u32()).isEqualTo(-1);
        assertThat(r.s32()).isEqualTo(Integer.MIN_VALUE);
        assertThat(r.s64()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.u64()).isEqualTo(1L << 40);
        assertThat(r.name()).isEqualTo("héllo");
        assertThat(r.valType()).isEqualTo(ValType.ref(true, 7));
        assertThat(r.valType()).isEqualTo(ValType.EXTERNREF);
        assertThat(r.valType()).isEqualTo(ValType.ref(false, HeapType.exact(3)));
        assertThat(r.i32le()).isEqualTo(0x12345678);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void codeReaderDecodesImmediates() {
        WasmWriter w = new WasmWriter();
        w.u8(0x02).u8(0x40);                       // block
        w.u8(0x41).s32(-5);                        // i32.const -5
        w.u8(0x28).u32(0x42).u32(1).u64(16);       // i32.load memory 1 align=4 offset=16
        w.u8(0x0E).u32(2).u32(0).u32(1).u32(0);    // br_table 0 1 0
        w.u8(0xFD).u32(0x0C).i64le(1).i64le(2);    // v128.const
        w.u8(0x0B).u8(0x0B);
        CodeReader r = new CodeReader(w.view());
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.BLOCK);
        assertThat(r.blockType).isEqualTo(CodeReader.BLOCK_EMPTY);
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.I32_CONST);
        assertThat(r.i32).isEqualTo(-5);
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.I32_LOAD);
        assertThat(r.memory).isEqualTo(1);
        assertThat(r.align).isEqualTo(2);
        assertThat(r.offset).isEqualTo(16);
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.BR_TABLE);
        assertThat(r.labelCount).isEqualTo(2);
        assertThat(r.labels[1]).isEqualTo(1);
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.V128_CONST);
        assertThat(r.v128Low).isEqualTo(1);
        assertThat(r.v128High).isEqualTo(2);
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.END);
        assertThat(r.next()).isEqualTo(dev.wasmj.format.Opcode.END);
        assertThat(r.atEnd()).isTrue();

        CodeReader skip = new CodeReader(w.view());
        assertThat(skip.skipToEnd()).isEqualTo(w.size());
    }
}
