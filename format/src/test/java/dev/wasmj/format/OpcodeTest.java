package dev.wasmj.format;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpcodeTest {

    @Test
    void encodingsAreUniqueAndLookupsFindEachInstruction() {
        Set<Long> encodings = new HashSet<>();
        for (Opcode op : Opcode.values()) {
            assertThat(encodings.add((long) op.prefix() << 32 | op.code())).as(op.name()).isTrue();
            Opcode found = op.prefix() == 0 ? Opcode.single(op.code()) : Opcode.prefixed(op.prefix(), op.code());
            assertThat(found).isSameAs(op);
            assertThat(Opcode.byText(op.text())).isNotNull();
        }
    }

    @Test
    void signaturesAndAlignmentsAreWellFormed() {
        for (Opcode op : Opcode.values()) {
            if (op.signature() != null) {
                assertThat(op.signature()).as(op.name()).matches("[ilfdv]*:[ilfdv]*");
            }
            if (op.imm() == Opcode.Imm.MEMARG || op.imm() == Opcode.Imm.MEMARG_LANE) {
                assertThat(op.align()).as(op.name()).isBetween(0, 4);
            }
        }
    }

    @Test
    void knownInstructions() {
        assertThat(Opcode.byText("i32.add")).isEqualTo(Opcode.I32_ADD);
        assertThat(Opcode.I32_ADD.code()).isEqualTo(0x6A);
        assertThat(Opcode.prefixed(0xFD, 0x113)).isEqualTo(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S);
        assertThat(Opcode.prefixed(0xFE, 0x4E)).isEqualTo(Opcode.I64_ATOMIC_RMW32_CMPXCHG_U);
        assertThat(Opcode.byText("select")).isEqualTo(Opcode.SELECT);
        assertThat(Opcode.single(0x06)).isEqualTo(Opcode.TRY);
        assertThat(Opcode.single(0x27)).isNull();
        assertThat(Opcode.prefixed(0xFC, 18)).isNull();
    }
}
