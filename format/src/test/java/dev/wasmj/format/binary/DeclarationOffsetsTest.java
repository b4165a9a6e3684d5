package dev.wasmj.format.binary;

import dev.wasmj.format.DeclarationOffsets;
import dev.wasmj.format.DeclarationOffsets.Kind;
import dev.wasmj.format.Features;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder records where each declaration and section starts. */
class DeclarationOffsetsTest {
    /** A type (at 11), an import (17), a function (26), an export (30), a start (36), a body. */
    private static final byte[] MODULE = {
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                 // type section at 8
            0x02, 0x07, 0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00,  // import section at 14
            0x03, 0x02, 0x01, 0x00,                             // function section at 23
            0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x01,            // export section at 27
            0x08, 0x01, 0x01,                                   // start section at 34
            0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B                  // code section at 37
    };

    @Test
    void eachDeclarationStartsWhereItsBytesDo() {
        DeclarationOffsets o = BinaryDecoder.decode(MODULE, Features.ALL).offsets();
        assertThat(o.of(Kind.TYPE, 0)).isEqualTo(11);
        assertThat(o.of(Kind.IMPORT, 0)).isEqualTo(17);
        assertThat(o.of(Kind.FUNCTION, 0)).isEqualTo(26);
        assertThat(o.of(Kind.EXPORT, 0)).isEqualTo(30);
        assertThat(o.of(Kind.START, 0)).isEqualTo(36);
        assertThat(o.of(Kind.TYPE, 1)).isEqualTo(-1);
        assertThat(o.of(Kind.MEMORY, 0)).isEqualTo(-1);
        assertThat(o.count(Kind.TYPE)).isEqualTo(1);
        assertThat(o.section(SectionId.TYPE)).isEqualTo(8);
        assertThat(o.section(SectionId.CODE)).isEqualTo(37);
        assertThat(o.section(SectionId.DATA)).isEqualTo(-1);
    }

    @Test
    void declarationAtFindsTheDeclarationContainingAnOffset() {
        DeclarationOffsets o = BinaryDecoder.decode(MODULE, Features.ALL).offsets();
        assertThat(o.declarationAt(30)).isEqualTo((long) Kind.EXPORT.ordinal() << 32);
        assertThat(o.declarationAt(33)).as("inside the export").isEqualTo((long) Kind.EXPORT.ordinal() << 32);
        assertThat(o.declarationAt(34)).as("the start section's id").isEqualTo(-1);
        assertThat(o.declarationAt(36)).isEqualTo((long) Kind.START.ordinal() << 32);
        assertThat(o.declarationAt(10)).as("before the first declaration").isEqualTo(-1);
        assertThat(o.declarationAt(-1)).isEqualTo(-1);
    }

    @Test
    void typesInARecGroupEachHaveTheirOffset() {
        byte[] m = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                0x01, 0x08, 0x01, 0x4E, 0x02, 0x5F, 0x00, 0x60, 0x00, 0x00};
        DeclarationOffsets o = BinaryDecoder.decode(m, Features.ALL).offsets();
        assertThat(o.of(Kind.TYPE, 0)).isEqualTo(13);
        assertThat(o.of(Kind.TYPE, 1)).isEqualTo(15);
    }

    @Test
    void aModuleBuiltByHandHasNoOffsets() {
        WasmModule decoded = BinaryDecoder.decode(MODULE, Features.ALL);
        WasmModule copy = new WasmModule(decoded.recGroups(), decoded.imports(), decoded.functions(), decoded.tables(),
                decoded.memories(), decoded.globals(), decoded.tags(), decoded.exports(), decoded.start(),
                decoded.elements(), decoded.dataCount(), decoded.codes(), decoded.data(), decoded.customs(),
                decoded.names(), decoded.branchHints());
        assertThat(copy.offsets()).isSameAs(DeclarationOffsets.EMPTY);
        assertThat(copy.offsets().of(Kind.TYPE, 0)).isEqualTo(-1);
    }
}
