package dev.wasmj.format.text;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.CustomSection;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Export;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.TableType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatParserTest {

    private static WasmModule parse(String text) {
        return WatParser.parseModule(text);
    }

    /** The code of the module's only (or last) function, in hex, without the final end. */
    private static String code(String text) {
        WasmModule m = parse(text);
        byte[] b = m.codes().get(m.codes().size() - 1).code().toArray();
        assertThat(b[b.length - 1]).isEqualTo((byte) 0x0B);
        return HexFormat.of().formatHex(b, 0, b.length - 1);
    }

    private static String body(String instructions) {
        return code("(module (memory 1) (table 1 funcref) (type $v (func)) (func " + instructions + "))");
    }

    private static MalformedException error(String text) {
        try {
            parse(text);
        } catch (MalformedException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    private static String hex(dev.wasmj.format.Bytes b) {
        return HexFormat.of().formatHex(b.toArray());
    }

    // ---- instructions ----

    @Test
    void plainAndFoldedFormsEncodeAlike() {
        String plain = body("i32.const 1 i32.const 2 i32.add drop");
        assertThat(plain).isEqualTo("410141026a1a");
        assertThat(body("(drop (i32.add (i32.const 1) (i32.const 2)))")).isEqualTo(plain);
        assertThat(body("(i32.const 1) (i32.const 2) (i32.add) (drop)")).isEqualTo(plain);
    }

    @Test
    void blocksLabelsAndBranches() {
        assertThat(body("(block $a (loop $b (br $a) (br $b) (br_if 1 (i32.const 0))))"))
                .isEqualTo("02400340" + "0c01" + "0c00" + "4100" + "0d01" + "0b0b");
        assertThat(body("block $l block br $l end end")).isEqualTo("024002400c010b0b");
        assertThat(body("block $l block $l br $l end end")).isEqualTo("024002400c000b0b"); // shadowing
        assertThat(body("(block (br_table 0 1 0 (i32.const 0)))")).isEqualTo("0240" + "4100" + "0e02000100" + "0b");
    }

    @Test
    void ifInBothForms() {
        String expected = "410004400105010b";
        assertThat(body("(if (i32.const 0) (then nop) (else nop))")).isEqualTo(expected);
        assertThat(body("i32.const 0 if nop else nop end")).isEqualTo(expected);
        assertThat(body("(if $l (result i32) (i32.const 0) (then (i32.const 1)) (else (i32.const 2))) drop"))
                .isEqualTo("4100047f41010541020b1a");
        assertThat(body("i32.const 0 if $x else $x end $x")).isEqualTo("41000440050b");
    }

    @Test
    void blockTypesUseTypeIndicesForParamsAndMultipleResults() {
        WasmModule m = parse("(module (func (block (param i32) (result i32 i32) (unreachable)) "
                + "(block (result i64)) (block (type 0))))");
        // type 0: the function's [] -> [], type 1: the block's [i32] -> [i32 i32]
        assertThat(m.types()).hasSize(2);
        assertThat(m.funcType(1)).isEqualTo(new FuncType(new int[] {ValType.I32}, new int[] {ValType.I32, ValType.I32}));
        assertThat(HexFormat.of().formatHex(m.codes().get(0).code().toArray())).isEqualTo("020100" + "0b027e0b02000b0b");
    }

    @Test
    void memargOffsetAlignAndMemoryIndex() {
        String c = code("(module (memory 1) (memory $m i64 1) (func "
                + "(drop (i32.load (i32.const 0))) "
                + "(drop (i64.load8_u offset=0x10 align=1 (i32.const 0))) "
                + "(drop (i32.load $m offset=4294967296 (i64.const 0))) "
                + "(drop (v128.load8_lane 1 3 (i64.const 0) (v128.const i64x2 0 0))) "
                + "(drop (v128.load8_lane 3 (i32.const 0) (v128.const i64x2 0 0)))))");
        assertThat(c).startsWith("4100" + "280200" + "1a" + "4100" + "310010" + "1a");
        assertThat(c).contains("4200" + "28420180808080101a"); // flags 2|0x40, memory 1, offset 2^32
        assertThat(c).contains("fd54400100" + "03"); // memory 1, align 1, offset 0, lane 3
        assertThat(c).contains("fd54000003"); // memory 0, lane 3
        assertThat(error("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))").reason())
                .isEqualTo("alignment must be a power of two");
        assertThat(error("(module (memory 1) (func (drop (i32.load align=-1 (i32.const 0)))))").reason())
                .startsWith("unknown operator");
    }

    @Test
    void constantsAndVectors() {
        assertThat(body("(drop (i32.const 0xffffffff)) (drop (i64.const -1))")).isEqualTo("417f1a427f1a");
        assertThat(body("(drop (f32.const -0x1p-149)) (drop (f64.const nan:0x1))"))
                .isEqualTo("43010000801a" + "440100000000" + "00f07f1a");
        assertThat(body("(drop (v128.const i16x8 1 2 3 4 5 6 7 -1))"))
                .isEqualTo("fd0c" + "0100020003000400050006000700ffff" + "1a");
        assertThat(body("(drop (v128.const f32x4 1 -0 inf nan))"))
                .isEqualTo("fd0c" + "0000803f" + "00000080" + "0000807f" + "0000c07f" + "1a");
        assertThat(body("(drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 "
                + "(v128.const i64x2 0 0) (v128.const i64x2 0 0)))")).endsWith("fd0d000102030405060708090a0b0c0d0e1f1a");
        assertThat(error("(module (func (v128.const i32x4 1 2 3)))").reason()).isEqualTo("wrong number of lane literals");
        assertThat(error("(module (func (i8x16.shuffle 0 1 (v128.const i64x2 0 0) (v128.const i64x2 0 0))))").reason())
                .isEqualTo("invalid lane length");
        assertThat(error("(module (func (i32.const 0x1_0000_0000)))").reason()).isEqualTo("constant out of range");
        assertThat(error("(module (func (i32x4.extract_lane 256 (v128.const i64x2 0 0))))").reason())
                .isEqualTo("i8 constant out of range");
    }

    @Test
    void callsSelectAndTables() {
        assertThat(code("(module (table $t 1 funcref) (table $u 1 funcref) (type $sig (func (param i32))) "
                + "(func $f (call $f) (call_indirect $u (type $sig) (i32.const 0) (i32.const 1)) "
                + "(select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) drop "
                + "(table.init $u $e (i32.const 0) (i32.const 0) (i32.const 0)) (table.copy (i32.const 0) (i32.const 0) (i32.const 0))) "
                + "(elem $e func))"))
                .isEqualTo("1000" + "41004101110001" + "4101410241031c017f1a" + "410041004100fc0c0001" + "410041004100fc0e0000");
        // call_indirect with an inline type defines it implicitly
        WasmModule m = parse("(module (table 1 funcref) (func (call_indirect (param i64) (i64.const 0) (i32.const 0))))");
        assertThat(m.funcType(1)).isEqualTo(new FuncType(new int[] {ValType.I64}, new int[0]));
    }

    @Test
    void referencesAndGcInstructions() {
        String c = code("(module (type $s (struct (field $x i32) (field $y (mut i64)))) (type $a (array i8)) "
                + "(func (param $r anyref) "
                + "(drop (ref.test (ref $s) (local.get $r))) (drop (ref.test (ref null $s) (local.get 0))) "
                + "(drop (ref.cast structref (local.get 0))) "
                + "(drop (struct.get $s $y (ref.null $s))) "
                + "(drop (block (result anyref) (br_on_cast 0 anyref (ref $s) (local.get 0)))) "
                + "(drop (array.new_fixed $a 2 (i32.const 1) (i32.const 2))) (drop (ref.null (exact $s)))))");
        assertThat(c).contains("fb1400").contains("fb1500").contains("fb176b").contains("fb020001")
                .contains("fb1801006e00").contains("fb080102").contains("d06200" + "1a");
    }

    @Test
    void exceptionHandling() {
        assertThat(code("(module (tag $e (param i32)) (func (block $out (result i32) "
                + "(try_table (catch $e $out) (catch_all 0) (throw $e (i32.const 1))) (i32.const 0))))"))
                .isEqualTo("027f" + "1f40" + "02" + "000000" + "0200" + "41010800" + "0b" + "4100" + "0b");
        // legacy try, folded and plain
        String folded = code("(module (tag $e) (func (try $t (do nop) (catch $e (rethrow $t)) (catch_all))))");
        String plain = code("(module (tag $e) (func try $t nop catch $e rethrow $t catch_all end))");
        assertThat(folded).isEqualTo("0640" + "01" + "0700" + "0900" + "19" + "0b");
        assertThat(plain).isEqualTo(folded);
        assertThat(code("(module (func (block $b (try (do) (delegate $b)))))")).isEqualTo("0240064018000b");
        assertThat(code("(module (func block $b try delegate $b end))")).isEqualTo("0240064018000b");
    }

    @Test
    void locals() {
        WasmModule m = parse("(module (func $f (param $a i32) (param f32 f64) (local $x i32) (local i32 i64) "
                + "(local.set $x (local.get $a)) (drop (local.get 2)) (drop (local.get 5))))");
        assertThat(m.codes().get(0).localTypes()).containsExactly(ValType.I32, ValType.I64);
        assertThat(m.codes().get(0).localCounts()).containsExactly(2, 1);
        assertThat(HexFormat.of().formatHex(m.codes().get(0).code().toArray()))
                .isEqualTo("2000" + "2103" + "2002" + "1a" + "2005" + "1a" + "0b");
        assertThat(m.names().functions()).containsEntry(0, "f");
        assertThat(m.names().locals().get(0)).containsEntry(0, "a").containsEntry(3, "x").hasSize(2);
        assertThat(error("(module (func (local $x i32) (local $x i32)))").reason()).isEqualTo("duplicate local");
        assertThat(error("(module (func (local.get $y)))").reason()).isEqualTo("unknown local");
    }

    @Test
    void labelErrors() {
        assertThat(error("(module (func (br $nope)))").reason()).isEqualTo("unknown label");
        assertThat(error("(module (func block $a end $b))").reason()).isEqualTo("mismatching label");
        assertThat(error("(module (func block end $b))").reason()).isEqualTo("mismatching label");
        assertThat(error("(module (func i32.const 0 if $a else $b end))").reason()).isEqualTo("mismatching label");
        assertThat(error("(module (func block))").reason()).isEqualTo("unexpected token");
        assertThat(error("(module (func end))").reason()).isEqualTo("unexpected token");
    }

    @Test
    void unknownAndMisplacedKeywords() {
        MalformedException e = error("(module\n  (func (get_local 0)))");
        assertThat(e.reason()).isEqualTo("unknown operator get_local");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(10);
        assertThat(error("(module (func (result i32) (param i32) (i32.const 0)))").reason()).isEqualTo("unexpected token");
        assertThat(error("(module (func 0drop))").reason()).isEqualTo("unknown operator 0drop");
        assertThat(error("(module (func (nop)").reason()).isEqualTo("unexpected end of file");
    }

    // ---- module fields ----

    @Test
    void typesRecGroupsSubtypesAndFieldNames() {
        WasmModule m = parse("(module (rec (type $a (sub (struct (field $x (ref null $b))))) (type $b (sub final $a (struct (field $x (ref null $b)) (field i8 (mut i16)))))) "
                + "(type $arr (array (mut f32))) (type $f (func (param i32) (result i64))))");
        assertThat(m.recGroups()).hasSize(3);
        assertThat(m.recGroups().get(0).types()).hasSize(2);
        SubType b = m.type(1);
        assertThat(b.isFinal()).isTrue();
        assertThat(b.supertypes()).containsExactly(0);
        assertThat(((StructType) b.composite()).fields()).containsExactly(
                new FieldType(ValType.ref(true, 1), false), new FieldType(ValType.I8, false), new FieldType(ValType.I16, true));
        assertThat(m.type(0).isFinal()).isFalse();
        assertThat(((ArrayType) m.type(2).composite()).element()).isEqualTo(new FieldType(ValType.F32, true));
        assertThat(error("(module (type (struct (field $x i32) (field $x i32))))").reason()).isEqualTo("duplicate field");
        assertThat(error("(module (type $t (func)) (type $t (func)))").reason()).isEqualTo("duplicate type");
    }

    @Test
    void descriptorClausesAndExactTypes() {
        WasmModule m = parse("(module (rec (type $a (descriptor $b) (struct)) (type $b (describes $a) (struct))) "
                + "(type $f (func)) (import \"m\" \"f\" (func (exact (type $f)))) (global (ref null (exact $a)) (ref.null (exact $a))))");
        assertThat(m.type(0).descriptor()).isEqualTo(1);
        assertThat(m.type(1).describes()).isEqualTo(0);
        assertThat(m.imports().get(0).type()).isEqualTo(new FuncImport(2, true));
        assertThat(m.globals().get(0).type().valType()).isEqualTo(ValType.ref(true, HeapType.exact(0)));
        assertThat(hex(m.globals().get(0).init())).isEqualTo("d062000b");
    }

    @Test
    void implicitTypesAreAppendedInOrderOfUseAndReused() {
        WasmModule m = parse("(module (func $f (result f64) (f64.const 0)) (func $g (param i32)) "
                + "(func $h (result f64) (f64.const 1)) (type $t (func (param i32))) (func (type 1)))");
        // $t is type 0; the implicit [] -> [f64] comes after the explicit types
        assertThat(m.types()).hasSize(2);
        assertThat(m.functions()).containsExactly(1, 0, 1, 1);
        assertThat(error("(module (type $t (func)) (func (type 1) (param i32)))").reason()).isEqualTo("unknown type");
        assertThat(error("(module (type $t (func (param i32))) (func (type $t) (param i64)))").reason())
                .isEqualTo("inline function type");
    }

    @Test
    void importsExportsAndTheirOrder() {
        WasmModule m = parse("(module (import \"a\" \"f\" (func $imp (param i32))) "
                + "(func $g (export \"g1\") (export \"g2\") (import \"a\" \"g\")) "
                + "(table $t (export \"t\") 1 2 funcref) (memory (export \"m\") 1) (global $gl (mut i32) (i32.const 0)) "
                + "(export \"gl\" (global $gl)) (func (export \"h\") (call $imp (i32.const 0)) (call $g)))");
        assertThat(m.imports()).hasSize(2);
        assertThat(m.exports()).containsExactly(new Export("g1", ExternKind.FUNC, 1), new Export("g2", ExternKind.FUNC, 1),
                new Export("t", ExternKind.TABLE, 0), new Export("m", ExternKind.MEMORY, 0),
                new Export("gl", ExternKind.GLOBAL, 0), new Export("h", ExternKind.FUNC, 2));
        assertThat(m.names().functions()).containsEntry(0, "imp").containsEntry(1, "g");
        assertThat(error("(module (func) (import \"\" \"\" (func)))").reason()).isEqualTo("import after function");
        assertThat(error("(module (memory 0) (func (import \"\" \"\")))").reason()).isEqualTo("import after memory");
        assertThat(error("(module (func $f) (func $f))").reason()).isEqualTo("duplicate func");
        assertThat(error("(module (start 0) (start 0) (func))").reason()).isEqualTo("multiple start sections");
    }

    @Test
    void tablesAndMemoriesWithInlineSegments() {
        WasmModule m = parse("(module (func $f) (table $t funcref (elem $f $f)) (table i64 3 externref) "
                + "(memory (data \"ab\" \"c\")) (memory i64 2 3 shared (pagesize 1)) (memory (pagesize 1) (data \"xyz\")))");
        assertThat(m.tables().get(0).type()).isEqualTo(new TableType(ValType.FUNCREF, Limits.of(2, 2), false));
        assertThat(m.tables().get(1).type()).isEqualTo(new TableType(ValType.EXTERNREF, Limits.of(3), true));
        ElementSegment e = m.elements().get(0);
        assertThat(e.mode()).isEqualTo(SegmentMode.ACTIVE);
        assertThat(e.type()).isEqualTo(ValType.ref(false, HeapType.FUNC)); // the compact func kind
        assertThat(e.funcIndices()).containsExactly(0, 0);
        // in a table of another type, the elements have the table's type
        WasmModule typed = parse("(module (type $t (func)) (func $f (type $t)) (table (ref null $t) (elem $f)))");
        assertThat(typed.elements().get(0).type()).isEqualTo(ValType.ref(true, 0));
        assertThat(m.memories()).containsExactly(new MemoryType(Limits.of(1, 1), false, false, 16),
                new MemoryType(Limits.of(2, 3), true, true, 0), new MemoryType(Limits.of(3, 3), false, false, 0));
        DataSegment d = m.data().get(0);
        assertThat(new String(d.init().toArray(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(hex(d.offset())).isEqualTo("41000b");
        assertThat(m.data().get(1).memory()).isEqualTo(2);
        assertThat(error("(module (memory 0 (pagesize 3)))").reason()).isEqualTo("invalid custom page size");
    }

    @Test
    void elementSegmentForms() {
        WasmModule m = parse("(module (table $t 1 funcref) (func $f) "
                + "(elem (i32.const 0) $f) (elem $e2 func $f) (elem declare func $f) "
                + "(elem (table $t) (offset (i32.const 1)) funcref (ref.func $f) (item ref.null func)) "
                + "(elem 0 (i32.const 2) $f) (elem externref (item (ref.null extern))))");
        ElementSegment legacy = m.elements().get(0);
        assertThat(legacy.mode()).isEqualTo(SegmentMode.ACTIVE);
        assertThat(legacy.type()).isEqualTo(ValType.ref(false, HeapType.FUNC));
        assertThat(m.elements().get(1).mode()).isEqualTo(SegmentMode.PASSIVE);
        assertThat(m.elements().get(2).mode()).isEqualTo(SegmentMode.DECLARATIVE);
        ElementSegment exprs = m.elements().get(3);
        assertThat(exprs.exprs()).extracting(WatParserTest::hex).containsExactly("d2000b", "d0700b");
        assertThat(hex(exprs.offset())).isEqualTo("41010b");
        assertThat(m.elements().get(4).funcIndices()).containsExactly(0);
        assertThat(m.elements().get(5).type()).isEqualTo(ValType.EXTERNREF);
    }

    @Test
    void dataSegmentForms() {
        WasmModule m = parse("(module (memory $m 1) (data \"p\") (data $d (memory $m) (offset (i32.const 1)) \"a\") "
                + "(data (i32.const 2) \"b\") (data 0 (i32.const 3)) (func (data.drop $d)))");
        assertThat(m.data()).extracting(DataSegment::mode).containsExactly(SegmentMode.PASSIVE, SegmentMode.ACTIVE,
                SegmentMode.ACTIVE, SegmentMode.ACTIVE);
        assertThat(m.dataCount()).isEqualTo(4);
        assertThat(parse("(module (memory 1) (data (i32.const 0)))").dataCount()).isEqualTo(-1);
    }

    @Test
    void globalsAndTags() {
        WasmModule m = parse("(module (import \"m\" \"t\" (tag (param f32))) (global $a i32 (i32.const 1)) "
                + "(global (mut f32) (f32.const 1)) (global i64 (i64.add (i64.const 1) (i64.const 2))) "
                + "(tag $e (param i32 i64)))");
        assertThat(m.globals().get(1).type().mutable()).isTrue();
        assertThat(hex(m.globals().get(2).init())).isEqualTo("42014202" + "7c0b");
        assertThat(m.tags()).hasSize(1);
        assertThat(m.tagCount()).isEqualTo(2);
    }

    @Test
    void symbolicReferencesResolveForward() {
        WasmModule m = parse("(module (func (call $later) (global.set $g (i32.const 0)) (table.size $t) drop "
                + "(memory.size $m) drop (elem.drop $e) (throw $x)) (func $later) (global $g (mut i32) (i32.const 0)) "
                + "(table $t 0 funcref) (memory $m 0) (elem $e func) (tag $x))");
        assertThat(HexFormat.of().formatHex(m.codes().get(0).code().toArray()))
                .isEqualTo("1001" + "4100" + "2400" + "fc1000" + "1a" + "3f00" + "1a" + "fc0d00" + "0800" + "0b");
    }

    // ---- annotations ----

    @Test
    void customAnnotationsBecomeCustomSections() {
        WasmModule m = parse("(module (@custom \"a\" \"xy\" \"z\") (func) (@custom \"b\" (before global) \"\") "
                + "(@custom \"c\" (after first)) (@other anything (at all)))");
        assertThat(m.customs()).extracting(CustomSection::name).containsExactly("a", "b", "c");
        assertThat(m.customs().get(0).after()).isEqualTo(SectionId.DATA);
        assertThat(new String(m.customs().get(0).content().toArray(), StandardCharsets.UTF_8)).isEqualTo("xyz");
        assertThat(m.customs().get(1).after()).isEqualTo(SectionId.TAG);
        assertThat(m.customs().get(2).after()).isEqualTo(SectionId.CUSTOM);
        assertThat(error("(module (func (@custom \"x\")))").reason()).isEqualTo("misplaced @custom annotation");
        assertThat(error("(module (@custom \"x\" (after types)))").reason())
                .isEqualTo("@custom annotation: malformed section kind");
        assertThat(error("(module (@custom))").reason()).isEqualTo("@custom annotation: missing section name");
    }

    @Test
    void nameAnnotations() {
        WasmModule m = parse("(module $id (@name \"Mod\") (func $f (@name \"\u03bb\")) (func (@name \"g\")))");
        assertThat(m.names().moduleName()).isEqualTo("Mod");
        assertThat(m.names().functions()).containsEntry(0, "\u03bb").containsEntry(1, "g");
        assertThat(parse("(module $m (func))").names().moduleName()).isEqualTo("m");
        assertThat(error("(module (func) (@name \"M\"))").reason()).isEqualTo("misplaced @name annotation");
        assertThat(error("(module (@name \"A\") (@name \"B\"))").reason()).isEqualTo("@name annotation: multiple module");
    }

    @Test
    void moduleFormOrFieldsAndNothingAfter() {
        assertThat(parse("(func) (memory 1)").memories()).hasSize(1);
        assertThat(parse("(module (func))").codes()).hasSize(1);
        assertThat(error("(module (func)) (func)").reason()).isEqualTo("unexpected token");
        assertThat(error("(func) (module)").reason()).isEqualTo("unexpected token");
    }

    // ---- depth ----

    @Test
    void deepNestingDoesNotRecurse() throws Exception {
        // a small stack: recursion on nesting depth would overflow it
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                parseDeeplyNested();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    private static void parseDeeplyNested() {
        int n = 100_000;
        StringBuilder folded = new StringBuilder("(module (func ");
        folded.append("(block ".repeat(n)).append(")".repeat(n)).append("))");
        assertThat(parse(folded.toString()).codes().get(0).code().length()).isEqualTo(3 * n + 1);

        StringBuilder plain = new StringBuilder("(module (func ");
        plain.append("block ".repeat(n)).append("end ".repeat(n)).append("))");
        assertThat(parse(plain.toString()).codes().get(0).code().length()).isEqualTo(3 * n + 1);

        StringBuilder ops = new StringBuilder("(module (func (result i32) (i32.const 0) ");
        ops.append("(i32.eqz ".repeat(n)).append("(i32.const 1)").append(")".repeat(n)).append(" drop))");
        assertThat(parse(ops.toString()).codes().get(0).code().length()).isEqualTo(2 + n + 2 + 2);

        String ifs = "(module (func " + "(if (i32.const 0) (then ".repeat(n) + "))".repeat(n) + "))";
        assertThat(parse(ifs).codes().get(0).code().length()).isEqualTo(5 * n + 1);

        String script = "(module (func " + "(block ".repeat(n) + ")".repeat(n) + "))";
        assertThat(WastParser.parse(script).commands()).hasSize(1);
    }
}
