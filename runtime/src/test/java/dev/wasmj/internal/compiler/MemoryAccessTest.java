package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The out-of-line loads and stores: same results as the inlined helpers, and never inlined by C2. */
class MemoryAccessTest {
    /** C2's FreqInlineSize: it does not inline a method with more bytecode than this, even at a hot site. */
    private static final int C2_FREQ_INLINE_SIZE = 325;

    @Test
    void outOfLineIsTooBigForC2ToInline() throws IOException {
        byte[] bytes;
        try (InputStream in = MemoryAccess.class.getResourceAsStream("MemoryAccess.class")) {
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        MethodModel method = model.methods().stream()
                .filter(m -> m.methodName().equalsString("outOfLine"))
                .findFirst().orElseThrow();
        CodeAttribute code = method.findAttribute(java.lang.classfile.Attributes.code()).orElseThrow();
        assertThat(code.codeLength()).isGreaterThan(C2_FREQ_INLINE_SIZE);
    }

    @Test
    void outOfLineStoresAndLoadsLikeTheInlinedHelpers() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(64);
            MemoryAccess.outOfLine(8, 0x1122_3344_8596_A7B8L, m, 0, 0x37);            // i64.store
            assertThat(MemoryAccess.outOfLine(0, 0, m, 8, 0x29)).isEqualTo(0x1122_3344_8596_A7B8L);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x2B)).isEqualTo(0x1122_3344_8596_A7B8L);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x28)).isEqualTo(MemoryAccess.i32Load(8, m, 0));
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x2C)).isEqualTo(MemoryAccess.i32Load8S(8, m, 0));
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x2D)).isEqualTo(0xB8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x2E)).isEqualTo((long) (short) 0xA7B8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x2F)).isEqualTo(0xA7B8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x30)).isEqualTo((long) (byte) 0xB8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x31)).isEqualTo(0xB8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x32)).isEqualTo((long) (short) 0xA7B8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x33)).isEqualTo(0xA7B8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x34)).isEqualTo((long) 0x8596_A7B8);
            assertThat(MemoryAccess.outOfLine(8, 0, m, 0, 0x35)).isEqualTo(0x8596_A7B8L);
            MemoryAccess.outOfLine(16, -1, m, 0, 0x36);                                // i32.store
            MemoryAccess.outOfLine(20, 0x1234_5678, m, 0, 0x38);                       // f32.store
            MemoryAccess.outOfLine(24, 0x0102_0304_0506_0708L, m, 0, 0x39);            // f64.store
            MemoryAccess.outOfLine(32, 0x1FF, m, 0, 0x3A);                             // i32.store8
            MemoryAccess.outOfLine(34, 0x1_ABCD, m, 0, 0x3B);                          // i32.store16
            MemoryAccess.outOfLine(36, 0x1EE, m, 0, 0x3C);                             // i64.store8
            MemoryAccess.outOfLine(38, 0x1_BEEF, m, 0, 0x3D);                          // i64.store16
            MemoryAccess.outOfLine(40, 0x1_CAFE_BABEL, m, 0, 0x3E);                    // i64.store32
            assertThat(MemoryAccess.i32Load(16, m, 0)).isEqualTo(-1);
            assertThat(MemoryAccess.i32Load(20, m, 0)).isEqualTo(0x1234_5678);
            assertThat(MemoryAccess.i64Load(24, m, 0)).isEqualTo(0x0102_0304_0506_0708L);
            assertThat(MemoryAccess.i32Load8U(32, m, 0)).isEqualTo(0xFF);
            assertThat(MemoryAccess.i32Load8U(33, m, 0)).isZero();
            assertThat(MemoryAccess.i32Load16U(34, m, 0)).isEqualTo(0xABCD);
            assertThat(MemoryAccess.i32Load8U(36, m, 0)).isEqualTo(0xEE);
            assertThat(MemoryAccess.i32Load16U(38, m, 0)).isEqualTo(0xBEEF);
            assertThat(MemoryAccess.i32Load(40, m, 0)).isEqualTo(0xCAFE_BABE);
            assertThat(MemoryAccess.i32Load(44, m, 0)).isZero();
        }
    }

    @Test
    void outOfLineAccessOutOfBoundsThrows() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(16);
            assertThatThrownBy(() -> MemoryAccess.outOfLine(12, 0, m, 0, 0x29))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> MemoryAccess.outOfLine(-1, 0, m, 0, 0x3A))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
