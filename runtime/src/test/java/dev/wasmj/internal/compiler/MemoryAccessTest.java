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
        java.util.List<MethodModel> methods = model.methods().stream()
                .filter(m -> m.methodName().equalsString("outOfLine"))
                .toList();
        assertThat(methods).hasSize(2); // on a segment and on an array
        for (MethodModel method : methods) {
            CodeAttribute code = method.findAttribute(java.lang.classfile.Attributes.code()).orElseThrow();
            assertThat(code.codeLength()).isGreaterThan(C2_FREQ_INLINE_SIZE);
        }
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

    @Test
    void arrayAccessesMatchSegmentAccesses() {
        byte[] a = new byte[64];
        MemorySegment m = MemorySegment.ofArray(a);
        MemorySegment expected = MemorySegment.ofArray(new byte[64]);
        long v = 0x8192_A3B4_C5D6_E7F8L;
        for (int op = 0x36; op <= 0x3E; op++) {
            int addr = (op - 0x36) * 7;
            MemoryAccess.outOfLine(addr, v, a, 1, op);
            MemoryAccess.outOfLine(addr, v, expected, 1, op);
        }
        assertThat(a).isEqualTo(expected.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        for (int op = 0x28; op <= 0x35; op++) {
            for (int addr = 0; addr <= 56; addr += 3) {
                assertThat(MemoryAccess.outOfLine(addr, 0, a, 0, op)).as("op %x at %d", op, addr)
                        .isEqualTo(MemoryAccess.outOfLine(addr, 0, m, 0, op));
            }
        }
        assertThat(MemoryAccess.i64Load(1, a, 0)).isEqualTo(MemoryAccess.i64Load(1, m, 0));
        assertThat(MemoryAccess.i32Load16S(1, a, 0)).isEqualTo(MemoryAccess.i32Load16S(1, m, 0));
    }

    /**
     * The helpers on arrays have no check of their own: the access's check throws
     * ArrayIndexOutOfBoundsException, which they turn into IndexOutOfBoundsException. Still so once C2
     * has compiled them into a hot loop where half the accesses fail (C2 may then throw a preallocated
     * ArrayIndexOutOfBoundsException without a stack trace, which the handler still catches).
     */
    @Test
    void arrayAccessesOutOfBoundsThrowIndexOutOfBoundsOnceCompiled() {
        byte[] m = new byte[64];
        int thrown = 0;
        int expected = 0;
        for (int i = 0; i < 200_000; i++) {
            int addr = i & 127;
            expected += addr > 60 ? 1 : 0;
            try {
                MemoryAccess.i32Store(addr, i, m, 0);
                MemoryAccess.i32Store8(addr + 3, i, m, 0);
                m[0] += (byte) (MemoryAccess.i64Load(addr >> 1, m, 0) + MemoryAccess.i32Load16U(addr, m, 1));
            } catch (IndexOutOfBoundsException e) {
                assertThat(e).isNotInstanceOf(ArrayIndexOutOfBoundsException.class)
                        .hasMessage("out of bounds memory access");
                thrown++;
            }
        }
        assertThat(thrown).isEqualTo(expected);
    }

    @Test
    void arrayAccessesOutOfBoundsThrowIndexOutOfBounds() {
        byte[] m = new byte[64];
        assertThat(MemoryAccess.i32Load(60, m, 0)).isZero();
        assertThat(MemoryAccess.i64Load(50, m, 6)).isZero();
        assertThat(MemoryAccess.i32Load8U(63, m, 0)).isZero();
        // the boundary turns IndexOutOfBoundsException into a trap, but rethrows
        // ArrayIndexOutOfBoundsException (a bug, not a trap): accesses must throw the former
        java.util.List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> outOfBounds = java.util.List.of(
                () -> MemoryAccess.i32Load(61, m, 0),
                () -> MemoryAccess.i64Load(57, m, 0),
                () -> MemoryAccess.i32Load16U(63, m, 0),
                () -> MemoryAccess.i32Load8U(64, m, 0),
                () -> MemoryAccess.i32Store8(0, 1, m, 64),
                () -> MemoryAccess.i32Load8U(-4, m, 8),                  // 0xFFFFFFFC + 8 wraps to 4 in 32 bits
                () -> MemoryAccess.i64Store(-8, 1, m, 8),
                () -> MemoryAccess.i32Load(-4, m, 0),                   // offset 0: the address is the index
                () -> MemoryAccess.i64Load(0x8000_0000, m, 0),
                () -> MemoryAccess.i32Load(0x7FFF_FFFF, m, 1),          // 2^31: a negative int index
                () -> MemoryAccess.i32Load8S(0, m, 0x8000_0000L),       // an offset of 2^31
                () -> MemoryAccess.i32Load8S(0, m, 0xFFFF_FFFFL),
                () -> MemoryAccess.i64Load8U(-1, m, 0),                 // one byte, offset 0: 2^32 - 1
                () -> MemoryAccess.i64Store8(64, 1, m, 0),
                () -> MemoryAccess.i32Store8(Integer.MIN_VALUE, 1, m, 0),
                () -> MemoryAccess.i32Load(2, new byte[2], 0));
        for (var access : outOfBounds) {
            assertThatThrownBy(access).isInstanceOf(IndexOutOfBoundsException.class)
                    .isNotInstanceOf(ArrayIndexOutOfBoundsException.class);
        }
        assertThat(m).containsOnly(0);
    }
}
