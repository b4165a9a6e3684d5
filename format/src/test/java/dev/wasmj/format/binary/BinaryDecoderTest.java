package dev.wasmj.format.binary;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryDecoderTest {
    static final String HEADER = "0061736d01000000";
    static final String TYPE_VOID = sec(1, "01 60 00 00");

    /** A section with id {@code id} and the given content (hex), its size computed. */
    static String sec(int id, String... content) {
        String hex = String.join("", content).replace(" ", "");
        return String.format("%02x", id) + leb(hex.length() / 2) + hex;
    }

    static String leb(int v) {
        StringBuilder sb = new StringBuilder();
        do {
            int b = v & 0x7f;
            v >>>= 7;
            sb.append(String.format("%02x", v != 0 ? b | 0x80 : b));
        } while (v != 0);
        return sb.toString();
    }

    static byte[] bytes(String... hex) {
        return HexFormat.of().parseHex(String.join("", hex).replace(" ", ""));
    }

    static WasmModule decode(String... sections) {
        return BinaryDecoder.decode(bytes(HEADER, String.join("", sections)), Features.ALL);
    }

    static void malformed(String reason, String... sections) {
        malformed(Features.ALL, reason, sections);
    }

    static void malformed(Features features, String reason, String... sections) {
        assertThatThrownBy(() -> BinaryDecoder.decode(bytes(HEADER, String.join("", sections)), features))
                .isInstanceOf(MalformedException.class)
                .extracting(e -> ((MalformedException) e).reason()).isEqualTo(reason);
    }

    @Test
    void header() {
        assertThat(decode().funcCount()).isZero();
        assertThatThrownBy(() -> BinaryDecoder.decode(bytes("0061"), Features.ALL)).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> BinaryDecoder.decode(bytes("0061736e01000000"), Features.ALL))
                .hasMessageContaining("magic header not detected");
        assertThatThrownBy(() -> BinaryDecoder.decode(bytes("0061736d01"), Features.ALL)).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> BinaryDecoder.decode(bytes("0061736d0d000100"), Features.ALL))
                .hasMessageContaining("unknown binary version");
    }

    @Test
    void sectionStructure() {
        malformed("malformed section id", "0e 01 00");
        malformed("unexpected content after last section", TYPE_VOID, TYPE_VOID);
        malformed("unexpected content after last section", "0a 01 00", "03 01 00");
        malformed("section size mismatch", "01 05 01 60 00 00 00");
        malformed("length out of bounds", "01 09 01 60 00 00");
        // lengths are bounded from the length's own first byte, as in the reference interpreter
        malformed("unexpected end of section or function", "01 04 02 60 00 00");
        // a huge count is rejected before anything is allocated
        malformed("length out of bounds", "01 06 ff ff ff ff 0f 00");
        malformed("integer representation too long", "01 07 80 80 80 80 80 00");
        malformed("integer too large", "01 06 80 80 80 80 70");
    }

    @Test
    void sizesThatCountTheirOwnBytesStillEndInsideTheInput() {
        // found by mutation testing: each once escaped as an IllegalArgumentException or AIOOBE
        malformed("unexpected end of section or function", "00 02 00");
        malformed("unexpected end of section or function", TYPE_VOID, "03 02 01 00 0a 0e 01 0d 00 44 df bc 9a 78 56 34 22 46 1a 0b");
        malformed("unexpected end of section or function", TYPE_VOID, "03 02 01 00 04 04 01 70 00 01 09 0b 02 00 41 84 1b 01 00 00 41 00");
    }

    @Test
    void types() {
        WasmModule m = decode(sec(1, "02 60 02 7f 7e 01 7d 60 00 02 7c 7b"));
        assertThat(m.funcType(0)).isEqualTo(new FuncType(new int[] {ValType.I32, ValType.I64}, new int[] {ValType.F32}));
        assertThat(m.funcType(1).results()).containsExactly(ValType.F64, ValType.V128);

        // rec group: sub (non-final) of nothing with a struct of (mut i8) and (ref null 0), then an array sub final 0
        m = decode(sec(1, "01 4e 02 50 00 5f 02 78 01 63 00 00 4f 01 00 5e 77 00"));
        assertThat(m.recGroups()).hasSize(1);
        SubType s0 = m.type(0);
        assertThat(s0.isFinal()).isFalse();
        assertThat(((StructType) s0.composite()).fields()).extracting(f -> f.storageType())
                .containsExactly(ValType.I8, ValType.ref(true, 0));
        SubType s1 = m.type(1);
        assertThat(s1.isFinal()).isTrue();
        assertThat(s1.supertypes()).containsExactly(0);
        assertThat(((ArrayType) s1.composite()).element().storageType()).isEqualTo(ValType.I16);

        malformed("malformed definition type", "01 03 01 61 00");
        malformed("malformed storage type", "01 06 01 5f 01 62 00 00");
        malformed("malformed mutability", "01 05 01 5f 01 7f 02");
        malformed("malformed value type", "01 05 01 60 01 40 00");
    }

    @Test
    void customDescriptorsAndExactTypes() {
        WasmModule m = decode("01 0b 01 4e 02 4d 01 5f 00 4c 00 5f 00");
        assertThat(m.type(0).descriptor()).isEqualTo(1);
        assertThat(m.type(1).describes()).isEqualTo(0);
        // describes comes before descriptor
        malformed("malformed definition type", sec(1, "01 4e 02 4d 01 5f 00 4d 02 4c 00 5f 00"));
        m = decode("01 07 01 5f 01 64 62 00 00");
        assertThat(((StructType) m.type(0).composite()).fields().getFirst().storageType())
                .isEqualTo(ValType.ref(false, HeapType.exact(0)));
        malformed("malformed storage type", "01 08 01 5f 01 64 62 62 00 00");
        m = decode(TYPE_VOID, "02 05 01 00 00 20 00");
        assertThat(m.imports().getFirst().type()).isEqualTo(new FuncImport(0, true));
    }

    @Test
    void imports() {
        WasmModule m = decode(TYPE_VOID, sec(2, "05",
                "01 61 01 66 00 00",
                "01 61 01 74 01 70 00 01",
                "01 61 01 6d 02 03 01 02",
                "01 61 01 67 03 7f 01",
                "00 00 04 00 00"));
        assertThat(m.imports()).extracting(i -> i.type().kind())
                .containsExactly(ExternKind.FUNC, ExternKind.TABLE, ExternKind.MEMORY, ExternKind.GLOBAL, ExternKind.TAG);
        assertThat(m.imports().get(0).module()).isEqualTo("a");
        assertThat(m.imports().get(0).name()).isEqualTo("f");
        assertThat(m.tableType(0)).isEqualTo(new TableType(ValType.FUNCREF, Limits.of(1), false));
        assertThat(m.memoryType(0)).isEqualTo(new MemoryType(Limits.of(1, 2), false, true, 16));
        assertThat(m.globalType(0)).isEqualTo(new GlobalType(ValType.I32, true));
        assertThat(m.tagType(0)).isEqualTo(new TagType(0));
        malformed("malformed import kind", "02 04 01 00 00 05");
        malformed("malformed UTF-8 encoding", "02 06 01 01 ff 00 00 00");
        malformed("zero byte expected", TYPE_VOID, "02 05 01 00 00 04 01 00");
    }

    @Test
    void tablesAndMemories() {
        WasmModule m = decode(TYPE_VOID, "03 02 01 00",
                sec(4, "02 70 00 01 40 00 64 70 05 01 02 d2 00 0b"),
                sec(5, "02 00 01 0d 00 02 00"), "0a 04 01 02 00 0b");
        assertThat(m.tables().get(0).init()).isNull();
        assertThat(m.tables().get(1).type()).isEqualTo(new TableType(ValType.ref(false, HeapType.FUNC), Limits.of(1, 2), true));
        assertThat(m.tables().get(1).init().toArray()).isEqualTo(bytes("d2 00 0b"));
        assertThat(m.memories().get(0)).isEqualTo(new MemoryType(Limits.of(1), false, false, 16));
        assertThat(m.memories().get(1)).isEqualTo(new MemoryType(Limits.of(0, 2), true, false, 0));
        malformed("malformed limits flags", "04 04 01 70 02 00");
        malformed("malformed limits flags", "05 03 01 10 00");
        malformed("malformed limits flags", "05 04 01 81 00 00");
        malformed("invalid custom page size", "05 04 01 08 00 40");
        malformed("malformed reference type", "04 05 01 40 01 70 00");
        // limits are u64 for 32-bit memories too: the validator bounds them
        assertThat(decode("05 07 01 00 80 80 80 80 10").memories().getFirst().limits().min()).isEqualTo(1L << 32);
    }

    @Test
    void globalsExportsStartTags() {
        WasmModule m = decode(TYPE_VOID, "03 02 01 00", sec(13, "01 00 00"), sec(6, "02 7f 00 41 2a 0b 7e 01 42 00 0b"),
                sec(7, "04 01 66 00 00 01 67 03 01 01 74 04 00 01 6d 02 00"), "08 01 00", "0a 04 01 02 00 0b");
        assertThat(m.globals().get(0).init().toArray()).isEqualTo(bytes("41 2a 0b"));
        assertThat(m.globals().get(1).type()).isEqualTo(new GlobalType(ValType.I64, true));
        assertThat(m.exports()).extracting(e -> e.name() + ":" + e.kind() + ":" + e.index())
                .containsExactly("f:FUNC:0", "g:GLOBAL:1", "t:TAG:0", "m:MEMORY:0");
        assertThat(m.start()).isZero();
        assertThat(m.tags()).containsExactly(new TagType(0));
        malformed("malformed export kind", "07 05 01 01 66 05 00");
        malformed("malformed mutability", "06 06 01 7f 02 41 00 0b");
        malformed("unexpected end of section or function", "06 05 01 7f 00 41 00", "0a 04 01 02 00 0b");
        malformed("END opcode expected", "06 06 01 7f 00 41 00 05");
        malformed("illegal opcode ff", "06 06 01 7f 00 ff 00 0b");
    }

    @Test
    void code() {
        WasmModule m = decode(TYPE_VOID, "03 02 01 00", sec(10, "01 07 02 03 7f 01 70 01 0b"));
        FunctionBody body = m.codes().getFirst();
        assertThat(body.localCounts()).containsExactly(3, 1);
        assertThat(body.localTypes()).containsExactly(ValType.I32, ValType.FUNCREF);
        assertThat(body.code().toArray()).isEqualTo(bytes("01 0b"));
        malformed("too many locals", TYPE_VOID, "03 02 01 00", sec(10, "01 0a 02 ff ff ff ff 0f 7f 01 7e 0b"));
        malformed("integer too large", TYPE_VOID, "03 02 01 00", sec(10, "01 08 01 80 80 80 80 10 7f 0b"));
        malformed("function and code section have inconsistent lengths", TYPE_VOID, "03 03 02 00 00", "0a 04 01 02 00 0b");
        malformed("function and code section have inconsistent lengths", "0a 04 01 02 00 0b");
        malformed("section size mismatch", TYPE_VOID, "03 02 01 00", "0a 05 01 02 01 01 7f");
    }

    @Test
    void elementSegmentsInAllEightEncodings() {
        WasmModule m = decode(TYPE_VOID, "03 02 01 00", "04 04 01 70 00 01", sec(9, "08",
                "00 41 00 0b 01 00",
                "01 00 01 00",
                "02 00 41 00 0b 00 01 00",
                "03 00 01 00",
                "04 41 00 0b 01 d2 00 0b",
                "05 70 01 d0 70 0b",
                "06 00 41 00 0b 70 01 d2 00 0b",
                "07 64 70 01 d2 00 0b"),
                "0a 04 01 02 00 0b");
        var segs = m.elements();
        int refFunc = ValType.ref(false, HeapType.FUNC);
        assertThat(segs).extracting(ElementSegment::mode).containsExactly(SegmentMode.ACTIVE, SegmentMode.PASSIVE,
                SegmentMode.ACTIVE, SegmentMode.DECLARATIVE, SegmentMode.ACTIVE, SegmentMode.PASSIVE,
                SegmentMode.ACTIVE, SegmentMode.DECLARATIVE);
        assertThat(segs).extracting(ElementSegment::type).containsExactly(refFunc, refFunc, refFunc, refFunc,
                ValType.FUNCREF, ValType.FUNCREF, ValType.FUNCREF, refFunc);
        assertThat(segs.get(0).funcIndices()).containsExactly(0);
        assertThat(segs.get(0).offset().toArray()).isEqualTo(bytes("41 00 0b"));
        assertThat(segs.get(5).exprs()).extracting(b -> HexFormat.of().formatHex(b.toArray())).containsExactly("d0700b");
        malformed("malformed elements segment kind", "09 03 01 08 00");
        malformed("malformed element kind", "09 04 01 01 01 00");
        malformed("malformed reference type", "09 07 01 05 7f 01 d2 00 0b");
    }

    @Test
    void dataSegmentsAndDataCount() {
        WasmModule m = decode("05 03 01 00 01", "0c 01 03", sec(11, "03 00 41 00 0b 01 61 01 02 62 63 02 00 41 01 0b 00"));
        assertThat(m.dataCount()).isEqualTo(3);
        assertThat(m.data()).extracting(d -> d.mode()).containsExactly(SegmentMode.ACTIVE, SegmentMode.PASSIVE,
                SegmentMode.ACTIVE);
        assertThat(m.data().get(1).init().toArray()).isEqualTo(bytes("62 63"));
        assertThat(m.data().get(2).offset().toArray()).isEqualTo(bytes("41 01 0b"));
        malformed("data count and data section have inconsistent lengths", "0c 01 01");
        malformed("malformed data segment kind", "0b 03 01 03 00");
        malformed("unexpected end of section or function", "05 03 01 00 01", "0b 0c 01 00 41 03 0b 07 61 62 63 64 65 66");
        malformed("length out of bounds", "05 03 01 00 01", "0b 07 01 00 41 00 0b 07 61");
    }

    @Test
    void customSectionsAndNames() {
        // module name "m", function 0 "f", locals of function 0: 1 "x"
        String names = "04 6e 61 6d 65 00 02 01 6d 01 04 01 00 01 66 02 06 01 00 01 01 01 78";
        WasmModule m = decode("00 03 01 61 00", TYPE_VOID, sec(0, names));
        assertThat(m.customs()).extracting(c -> c.name() + "@" + c.after()).containsExactly("a@CUSTOM", "name@TYPE");
        assertThat(m.customs().getFirst().content().length()).isEqualTo(1);
        assertThat(m.names().moduleName()).isEqualTo("m");
        assertThat(m.names().functions()).isEqualTo(Map.of(0, "f"));
        assertThat(m.names().locals()).isEqualTo(Map.of(0, Map.of(1, "x")));
        // a malformed name section keeps what could be read and fails nothing
        m = decode(sec(0, "04 6e 61 6d 65 00 02 01 6d 01 09 01 00"));
        assertThat(m.names().moduleName()).isEqualTo("m");
        assertThat(m.customs().getFirst().after()).isEqualTo(SectionId.CUSTOM);
        malformed("malformed UTF-8 encoding", "00 02 01 80");
        malformed("unexpected end of section or function", "00 00 00");
        malformed("length out of bounds", "00 05 10 61 62 63 64");
    }

    @Test
    void featureGating() {
        Features mvp = Features.MVP;
        malformed(mvp, "malformed limits flags: shared memory requires feature 'threads'", "05 04 01 03 01 02");
        malformed(mvp, "64-bit memory requires feature 'memory64'", "05 03 01 04 01");
        malformed(mvp, "tag section requires feature 'exceptions'", TYPE_VOID, "0d 03 01 00 00");
        malformed(mvp, "recursion group requires feature 'gc'", "01 03 01 4e 00");
        malformed(mvp, "multiple results requires feature 'multi-value'", "01 06 01 60 00 02 7f 7f");
        malformed(mvp, "v128 requires feature 'simd'", "01 05 01 60 01 7b 00");
        malformed(mvp, "reference type externref requires feature 'reference-types'", "01 05 01 60 01 6f 00");
        malformed(mvp, "data count section requires feature 'bulk-memory'", "0c 01 00");
        malformed(mvp, "passive data segment requires feature 'bulk-memory'", "0b 03 01 01 00");
        malformed(mvp, "import of a mutable global requires feature 'mutable-globals'", "02 07 01 00 00 03 7f 01");
        malformed(Features.DEFAULT, "describes clause requires feature 'custom-descriptors'", sec(1, "01 4c 00 5f 00"));
        malformed(Features.DEFAULT.without(Feature.GC), "reference type anyref requires feature 'gc'", "01 05 01 60 01 6e 00");
        malformed(Features.DEFAULT.without(Feature.FUNCTION_REFERENCES),
                "reference type (ref null 0) requires feature 'function-references'", "01 06 01 60 01 63 00 00");
        // funcref tables are MVP
        assertThat(BinaryDecoder.decode(bytes(HEADER, "04 04 01 70 00 01"), mvp).tableCount()).isEqualTo(1);
    }
}
