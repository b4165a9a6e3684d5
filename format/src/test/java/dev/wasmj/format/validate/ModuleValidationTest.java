package dev.wasmj.format.validate;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.StructType;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleValidationTest {
    private static final int[] NONE = {};

    private static void assertValid(ModuleBuilder mb) {
        assertThatCode(() -> Validator.validate(mb.build(), Features.ALL)).doesNotThrowAnyException();
    }

    private static void assertInvalid(ModuleBuilder mb, String message) {
        assertInvalid(mb, Features.ALL, message);
    }

    private static void assertInvalid(ModuleBuilder mb, Features features, String message) {
        assertThatThrownBy(() -> Validator.validate(mb.build(), features))
                .isInstanceOf(InvalidException.class)
                .extracting(e -> ((InvalidException) e).reason()).asString().startsWith(message);
    }

    private static ModuleBuilder memory(Limits limits, boolean is64, boolean shared, int pageSizeLog2) {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memories.add(new MemoryType(limits, is64, shared, pageSizeLog2));
        return mb;
    }

    @Test
    void exportNamesMustBeUniqueAndNameKnownEntities() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.func(mb.type(NONE, NONE), c -> { });
        mb.export("f", ExternKind.FUNC, 0).export("g", ExternKind.FUNC, 0);
        assertValid(mb);
        mb.export("f", ExternKind.FUNC, 0);
        assertInvalid(mb, "duplicate export name \"f\"");

        ModuleBuilder unknown = new ModuleBuilder().export("m", ExternKind.MEMORY, 0);
        assertInvalid(unknown, "unknown memory 0");
    }

    @Test
    void severalMemoriesAndTablesNeedTheirProposals() {
        ModuleBuilder memories = new ModuleBuilder().memory(1).memory(1);
        assertValid(memories);
        assertInvalid(memories, Features.ALL.without(Feature.MULTI_MEMORY), "multiple memories");
        ModuleBuilder tables = new ModuleBuilder().table(ValType.FUNCREF, 1).table(ValType.FUNCREF, 1);
        assertValid(tables);
        assertInvalid(tables, Features.ALL.without(Feature.REFERENCE_TYPES), "multiple tables");
    }

    @Test
    void theStartFunctionTakesAndReturnsNothing() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.func(mb.type(new int[] {ValType.I32}, NONE), c -> { });
        mb.start = 0;
        assertInvalid(mb, "start function must not have parameters or results");
        mb.start = 1;
        assertInvalid(mb, "unknown function 1");
    }

    @Test
    void memoryLimits() {
        assertValid(memory(Limits.of(1, 65536), false, false, 16));
        assertInvalid(memory(Limits.of(2, 1), false, false, 16), "size minimum must not be greater than maximum");
        assertInvalid(memory(Limits.of(65537), false, false, 16), "memory size must be at most 65536 pages (4GiB)");
        assertValid(memory(Limits.of(1L << 48), true, false, 16));
        assertInvalid(memory(Limits.of((1L << 48) + 1), true, false, 16), "memory size must be at most");
        assertValid(memory(Limits.of(0xFFFF_FFFFL), false, false, 0));
        assertInvalid(memory(Limits.of(0x1_0000_0000L), false, false, 0), "memory size must be at most");
        assertValid(memory(Limits.of(-1L), true, false, 0));
        assertInvalid(memory(Limits.of(0), false, false, 1), "invalid custom page size");
        assertInvalid(memory(Limits.of(1), false, true, 16), "shared memory must have maximum");
    }

    @Test
    void tableLimitsAndInitializers() {
        ModuleBuilder big = new ModuleBuilder();
        big.tables.add(new Table(new TableType(ValType.FUNCREF, Limits.of(0, 0x1_0000_0000L), false), null));
        assertInvalid(big, "table size must be at most 2^32-1");

        ModuleBuilder nonNull = new ModuleBuilder();
        nonNull.tables.add(new Table(new TableType(ValType.ref(false, HeapType.FUNC), Limits.of(1), false), null));
        assertInvalid(nonNull, "type mismatch");

        ModuleBuilder withInit = new ModuleBuilder();
        withInit.func(withInit.type(NONE, NONE), c -> { });
        withInit.tables.add(new Table(new TableType(ValType.ref(false, HeapType.FUNC), Limits.of(1), false),
                ModuleBuilder.expr(c -> c.op(Opcode.REF_FUNC, 0))));
        assertValid(withInit);
    }

    @Test
    void tableInitializersSeeOnlyImportedGlobals() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.imp(new GlobalType(ValType.FUNCREF, false));
        mb.global(ValType.FUNCREF, false, c -> c.op(Opcode.REF_NULL).heapType(HeapType.FUNC));
        mb.tables.add(new Table(new TableType(ValType.FUNCREF, Limits.of(1), false),
                ModuleBuilder.expr(c -> c.op(Opcode.GLOBAL_GET, 0))));
        assertValid(mb);
        mb.tables.set(0, new Table(new TableType(ValType.FUNCREF, Limits.of(1), false),
                ModuleBuilder.expr(c -> c.op(Opcode.GLOBAL_GET, 1))));
        assertInvalid(mb, "unknown global 1");
    }

    @Test
    void globalInitializersAreConstantAndSeeEarlierImmutableGlobals() {
        ModuleBuilder ok = new ModuleBuilder();
        ok.global(ValType.I32, false, c -> c.i32(1));
        ok.global(ValType.I32, true, c -> c.op(Opcode.GLOBAL_GET, 0).i32(2).op(Opcode.I32_MUL));
        assertValid(ok);
        assertInvalid(ok, Features.ALL.without(Feature.EXTENDED_CONST), "constant expression required");

        ModuleBuilder later = new ModuleBuilder();
        later.global(ValType.I32, false, c -> c.op(Opcode.GLOBAL_GET, 1));
        later.global(ValType.I32, false, c -> c.i32(1));
        assertInvalid(later, "unknown global 1");

        ModuleBuilder mutable = new ModuleBuilder();
        mutable.global(ValType.I32, true, c -> c.i32(1));
        mutable.global(ValType.I32, false, c -> c.op(Opcode.GLOBAL_GET, 0));
        assertInvalid(mutable, "constant expression required");

        ModuleBuilder notConstant = new ModuleBuilder();
        notConstant.global(ValType.I32, false, c -> c.i32(1).op(Opcode.I32_EQZ));
        assertInvalid(notConstant, "constant expression required");

        ModuleBuilder wrongType = new ModuleBuilder();
        wrongType.global(ValType.I64, false, c -> c.i32(1));
        assertInvalid(wrongType, "type mismatch");

        ModuleBuilder gc = new ModuleBuilder();
        int s = gc.type(new StructType(List.of()));
        gc.global(ValType.ref(false, s), false, c -> c.op(Opcode.STRUCT_NEW, s));
        gc.global(ValType.ANYREF, false, c -> c.i32(7).op(Opcode.REF_I31));
        assertValid(gc);
    }

    @Test
    void refFuncInABodyNeedsAReferenceOutsideBodies() {
        ModuleBuilder mb = new ModuleBuilder();
        int t = mb.type(NONE, NONE);
        mb.func(t, c -> c.op(Opcode.REF_FUNC, 1).op(Opcode.DROP));
        mb.func(t, c -> { });
        assertInvalid(mb, "undeclared function reference");
        mb.global(ValType.FUNCREF, false, c -> c.op(Opcode.REF_FUNC, 1));
        assertValid(mb);
    }

    @Test
    void tagsNeedFunctionTypesWithoutResults() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.tags.add(new TagType(mb.type(new int[] {ValType.I32}, new int[] {ValType.I32})));
        assertInvalid(mb, "non-empty tag result type");
        ModuleBuilder struct = new ModuleBuilder();
        struct.tags.add(new TagType(struct.type(new StructType(List.of()))));
        assertInvalid(struct, "non-function type 0");
        ModuleBuilder unknown = new ModuleBuilder();
        unknown.imp(new TagType(3));
        assertInvalid(unknown, "unknown type 3");
    }

    @Test
    void elementSegments() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.func(mb.type(NONE, NONE), c -> { });
        mb.table(ValType.EXTERNREF, 1);
        mb.elements.add(new ElementSegment(SegmentMode.ACTIVE, 0, ModuleBuilder.expr(c -> c.i32(0)),
                ValType.ref(false, HeapType.FUNC), new int[] {0}, null));
        assertInvalid(mb, "type mismatch: element segment's type (ref func) does not match table's element type");

        ModuleBuilder noTable = new ModuleBuilder();
        noTable.func(noTable.type(NONE, NONE), c -> { });
        noTable.elements.add(new ElementSegment(SegmentMode.ACTIVE, 0, ModuleBuilder.expr(c -> c.i32(0)),
                ValType.ref(false, HeapType.FUNC), new int[] {0}, null));
        assertInvalid(noTable, "unknown table 0");

        ModuleBuilder unknownFunc = new ModuleBuilder();
        unknownFunc.elements.add(new ElementSegment(SegmentMode.DECLARATIVE, 0, null,
                ValType.ref(false, HeapType.FUNC), new int[] {4}, null));
        assertInvalid(unknownFunc, "unknown function 4");

        ModuleBuilder exprs = new ModuleBuilder();
        exprs.table(ValType.FUNCREF, 1);
        exprs.elements.add(new ElementSegment(SegmentMode.ACTIVE, 0, ModuleBuilder.expr(c -> c.i64(0)),
                ValType.FUNCREF, null, List.of(ModuleBuilder.expr(c -> c.op(Opcode.REF_NULL).heapType(HeapType.FUNC)))));
        assertInvalid(exprs, "type mismatch");
    }

    @Test
    void activeDataNeedsAMemory() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.data.add(new DataSegment(SegmentMode.ACTIVE, 0, ModuleBuilder.expr(c -> c.i32(0)), Bytes.of(new byte[2])));
        assertInvalid(mb, "unknown memory 0");
        mb.memory(1);
        assertValid(mb);
    }

    @Test
    void functionsNeedFunctionTypes() {
        ModuleBuilder mb = new ModuleBuilder();
        int s = mb.type(new StructType(List.of()));
        mb.func(s, c -> { });
        assertInvalid(mb, "non-function type 0");
    }
}
