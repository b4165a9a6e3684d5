package dev.wasmj.format.binary;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.Features;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static dev.wasmj.format.binary.BinaryDecoderTest.HEADER;
import static dev.wasmj.format.binary.BinaryDecoderTest.TYPE_VOID;
import static dev.wasmj.format.binary.BinaryDecoderTest.bytes;
import static dev.wasmj.format.binary.BinaryDecoderTest.decode;
import static dev.wasmj.format.binary.BinaryDecoderTest.leb;
import static dev.wasmj.format.binary.BinaryDecoderTest.malformed;
import static dev.wasmj.format.binary.BinaryDecoderTest.sec;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code metadata.code.branch_hint} section: decoded into {@link BranchHints}, and encoded again. */
class BranchHintsBinaryTest {
    private static final String FUNC = sec(3, "01 00");
    /** One function, one i32 local (3 bytes of declarations): i32.const 0, if (at body offset 5), end, end. */
    private static final String CODE = sec(10, "01 09 01 01 7f 41 00 04 40 0b 0b");

    /** A custom section named metadata.code.branch_hint with the given content (hex). */
    static String hints(String content) {
        byte[] name = BranchHints.SECTION_NAME.getBytes(StandardCharsets.UTF_8);
        return sec(0, leb(name.length) + HexFormat.of().formatHex(name), content);
    }

    @Test
    void decodesTheHintsOfEachFunction() {
        WasmModule m = decode(TYPE_VOID, FUNC, hints("01 00 02 05 01 01 07 01 00"), CODE);
        FunctionHints f = m.branchHints().functions().getFirst();
        assertThat(m.branchHints().functions()).hasSize(1);
        assertThat(f.funcIndex()).isZero();
        assertThat(f.offsets()).containsExactly(5, 7);
        assertThat(f.likely()).containsExactly(true, false);
        assertThat(m.codes().getFirst().localsSize()).isEqualTo(3);
        // the section stays a custom section too
        assertThat(m.customs()).extracting(c -> c.name()).containsExactly(BranchHints.SECTION_NAME);
    }

    @Test
    void aModuleWithoutTheSectionHasNoHints() {
        assertThat(decode(TYPE_VOID, FUNC, CODE).branchHints()).isEqualTo(BranchHints.EMPTY);
        assertThat(decode(TYPE_VOID, FUNC, hints("00"), CODE).branchHints().isEmpty()).isTrue();
    }

    @Test
    void aMalformedSectionFailsTheModule() {
        String prefix = "@metadata.code.branch_hint section: ";
        malformed(prefix + "missing reserved byte", hints("01 00 01 05 02 01"));
        malformed(prefix + "invalid hint value", hints("01 00 01 05 01 02"));
        malformed(prefix + "unexpected end of section or function", hints("01 00 01 05 01"));
        malformed(prefix + "length out of bounds", hints("01 00 09 05 01 01"));
        malformed(prefix + "integer representation too long", hints("01 00 01 85 80 80 80 80 00 01 01"));
        malformed(prefix + "unexpected content after the hints", hints("01 00 01 05 01 01 00"));
    }

    @Test
    void encodingKeepsACanonicalSection() {
        String module = HEADER + TYPE_VOID + FUNC + hints("01 00 02 05 01 01 07 01 00") + CODE;
        byte[] b = bytes(module);
        assertThat(BinaryEncoder.encode(BinaryDecoder.decode(b, Features.ALL))).isEqualTo(b);
    }

    @Test
    void offsetsMoveWhenTheEncoderWritesShorterLocalDeclarations() {
        // the local count 1 as a two-byte LEB128: the if is at body offset 6
        String code = sec(10, "01 0a 01 81 00 7f 41 00 04 40 0b 0b");
        WasmModule m = decode(TYPE_VOID, FUNC, hints("01 00 01 06 01 00"), code);
        assertThat(m.codes().getFirst().localsSize()).isEqualTo(4);
        byte[] encoded = BinaryEncoder.encode(m);
        assertThat(encoded).isEqualTo(bytes(HEADER, TYPE_VOID, FUNC, hints("01 00 01 05 01 00"), CODE));
        WasmModule again = BinaryDecoder.decode(encoded, Features.ALL);
        assertThat(again.branchHints().functions().getFirst().offsets()).containsExactly(5);
    }

    @Test
    void hintsWithoutASectionAreWrittenBeforeTheCode() {
        WasmModule decoded = decode(TYPE_VOID, FUNC, CODE);
        BranchHints hints = new BranchHints(List.of(new FunctionHints(0, new int[] {5}, new boolean[] {true})));
        WasmModule m = new WasmModule(decoded.recGroups(), List.of(), decoded.functions(), List.of(), List.of(),
                List.of(), List.of(), List.of(), -1, List.of(), -1, decoded.codes(), List.of(), List.of(), null, hints);
        assertThat(BinaryEncoder.encode(m)).isEqualTo(bytes(HEADER, TYPE_VOID, FUNC, hints("01 00 01 05 01 01"), CODE));
    }
}
