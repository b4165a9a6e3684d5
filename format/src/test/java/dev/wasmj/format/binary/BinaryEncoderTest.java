package dev.wasmj.format.binary;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.CustomSection;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.NameSection;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.SubType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.wasmj.format.binary.BinaryDecoderTest.HEADER;
import static dev.wasmj.format.binary.BinaryDecoderTest.TYPE_VOID;
import static dev.wasmj.format.binary.BinaryDecoderTest.bytes;
import static dev.wasmj.format.binary.BinaryDecoderTest.sec;
import static org.assertj.core.api.Assertions.assertThat;

class BinaryEncoderTest {
    private static final Bytes I32_0 = Bytes.of(bytes("41 00 0b"));

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String encode(String... sections) {
        WasmModule m = BinaryDecoder.decode(bytes(HEADER, String.join("", sections)), Features.ALL);
        return hex(BinaryEncoder.encode(m));
    }

    private static String canonical(String... sections) {
        return HEADER + String.join("", sections).replace(" ", "");
    }

    private static WasmModule module(List<RecGroup> types, List<ElementSegment> elements, List<DataSegment> data,
                                     List<CustomSection> customs, NameSection names) {
        return new WasmModule(types, List.of(), new int[0], List.of(), List.of(), List.of(), List.of(), List.of(), -1,
                elements, -1, List.of(), data, customs, names, null);
    }

    @Test
    void canonicalModulesEncodeToTheirOwnBytes() {
        String[] modules = {
            canonical(TYPE_VOID, sec(3, "01 00"), sec(10, "01 04 01 01 7f 0b")),
            canonical(sec(1, "01 4e 02 50 00 5f 01 78 01 4f 01 00 5e 64 62 00 00")),
            canonical(sec(4, "02 70 00 01 40 00 64 70 05 01 02 d2 00 0b"), sec(5, "01 0f 00 02 00")),
            canonical(sec(0, "01 61 01 02"), TYPE_VOID, sec(0, "01 62"), sec(2, "01 01 61 01 62 20 00")),
        };
        for (String m : modules) {
            assertThat(encode(m.substring(HEADER.length()))).isEqualTo(m);
        }
    }

    @Test
    void chosenFormsAreTheShortest() {
        // a rec group of one type is the plain type; a default page size needs no flag
        assertThat(encode(sec(1, "01 4e 01 60 00 00"), sec(5, "01 08 01 10")))
                .isEqualTo(canonical(TYPE_VOID, sec(5, "01 00 01")));
        // overlong LEB128s become minimal
        assertThat(encode(sec(5, "01 00 81 80 80 00"))).isEqualTo(canonical(sec(5, "01 00 01")));
        // data segment 2 with memory 0 becomes 0; empty sections are left out
        assertThat(encode(sec(1, "00"), sec(5, "01 00 01"), sec(11, "01 02 00 41 00 0b 00")))
                .isEqualTo(canonical(sec(5, "01 00 01"), sec(11, "01 00 41 00 0b 00")));
    }

    @Test
    void elementSegmentEncodings() {
        int refFunc = ValType.ref(false, HeapType.FUNC);
        List<ElementSegment> segments = List.of(
                new ElementSegment(SegmentMode.ACTIVE, 0, I32_0, refFunc, new int[] {0}, null),
                new ElementSegment(SegmentMode.PASSIVE, 0, null, refFunc, new int[] {0}, null),
                new ElementSegment(SegmentMode.ACTIVE, 1, I32_0, refFunc, new int[] {0}, null),
                new ElementSegment(SegmentMode.DECLARATIVE, 0, null, refFunc, new int[] {0}, null),
                new ElementSegment(SegmentMode.ACTIVE, 0, I32_0, ValType.FUNCREF, null, List.of(I32_0)),
                new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.FUNCREF, null, List.of(I32_0)),
                new ElementSegment(SegmentMode.ACTIVE, 0, I32_0, ValType.EXTERNREF, null, List.of(I32_0)),
                new ElementSegment(SegmentMode.DECLARATIVE, 0, null, refFunc, null, List.of(I32_0)),
                // function indices of a nullable type are written as ref.func expressions
                new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.FUNCREF, new int[] {3}, null));
        byte[] b = BinaryEncoder.encode(module(List.of(), segments, List.of(), List.of(), NameSection.EMPTY));
        assertThat(hex(b)).isEqualTo(canonical(sec(9, "09",
                "00 41000b 01 00", "01 00 01 00", "02 01 41000b 00 01 00", "03 00 01 00",
                "04 41000b 01 41000b", "05 70 01 41000b", "06 00 41000b 6f 01 41000b", "07 64 70 01 41000b",
                "05 70 01 d2 03 0b")));
        WasmModule decoded = BinaryDecoder.decode(b, Features.ALL);
        assertThat(decoded.elements().get(8).exprs()).hasSize(1);
        assertThat(BinaryEncoder.encode(decoded)).isEqualTo(b);
    }

    @Test
    void customSectionsKeepTheirPlaceEvenAfterAnEmptySection() {
        List<CustomSection> customs = List.of(
                new CustomSection("z", Bytes.of(bytes("01")), SectionId.DATA),
                new CustomSection("a", Bytes.of(bytes("02")), SectionId.CUSTOM),
                new CustomSection("m", Bytes.of(bytes("03")), SectionId.IMPORT));
        List<RecGroup> types = List.of(new RecGroup(List.of(SubType.plain(FuncType.EMPTY))));
        byte[] b = BinaryEncoder.encode(module(types, List.of(), List.of(), customs, NameSection.EMPTY));
        assertThat(hex(b)).isEqualTo(canonical(sec(0, "01 61 02"), TYPE_VOID, sec(0, "01 6d 03"), sec(0, "01 7a 01")));
        assertThat(BinaryEncoder.encode(BinaryDecoder.decode(b, Features.ALL))).isEqualTo(b);
    }

    @Test
    void namesWithoutANameSectionAreWrittenAtTheEnd() {
        NameSection names = new NameSection("m", Map.of(1, "g", 0, "f"), Map.of(0, Map.of(0, "x")));
        byte[] b = BinaryEncoder.encode(module(List.of(), List.of(), List.of(), List.of(), names));
        assertThat(hex(b)).isEqualTo(canonical(sec(0, "04 6e616d65", "00 02 01 6d", "01 07 02 00 01 66 01 01 67",
                "02 06 01 00 01 00 01 78")));
        WasmModule decoded = BinaryDecoder.decode(b, Features.ALL);
        assertThat(decoded.names()).isEqualTo(names);
        assertThat(BinaryEncoder.encode(decoded)).isEqualTo(b);
    }

    @Test
    void memoryFlagsAndBodies() {
        MemoryType mem = new MemoryType(Limits.of(1, 2), true, true, 0);
        WasmModule m = new WasmModule(List.of(new RecGroup(List.of(SubType.plain(FuncType.EMPTY)))), List.of(),
                new int[] {0}, List.of(), List.of(mem), List.of(), List.of(), List.of(), -1, List.of(), -1,
                List.of(new FunctionBody(new int[] {2}, new int[] {ValType.I64}, 3, Bytes.of(bytes("0b")))),
                List.of(), List.of(), NameSection.EMPTY, null);
        assertThat(hex(BinaryEncoder.encode(m))).isEqualTo(canonical(TYPE_VOID, sec(3, "01 00"),
                sec(5, "01 0f 01 02 00"), sec(10, "01 04 01 02 7e 0b")));
    }
}
