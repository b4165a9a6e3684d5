package dev.wasmj.format.validate;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.StructType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmFormatException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static dev.wasmj.format.Opcode.*;
import static dev.wasmj.format.ValType.I32;
import static dev.wasmj.format.ValType.I64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionTypingTest {
    private static final int[] NONE = {};

    /** A module with one memory, one funcref table and one function of type params -> results. */
    private static ModuleBuilder module(int[] params, int[] results, int[] locals, Consumer<Code> body) {
        ModuleBuilder mb = new ModuleBuilder();
        int t = mb.type(params, results);
        mb.memory(1);
        mb.table(ValType.FUNCREF, 1);
        mb.func(t, locals, body);
        return mb;
    }

    private static ValidatedModule valid(int[] params, int[] results, Consumer<Code> body) {
        return Validator.validate(module(params, results, NONE, body).build(), Features.DEFAULT);
    }

    private static void assertValid(int[] params, int[] results, Consumer<Code> body) {
        assertThatCode(() -> valid(params, results, body)).doesNotThrowAnyException();
    }

    private static void assertInvalid(int[] params, int[] results, Consumer<Code> body, String message) {
        assertInvalid(module(params, results, NONE, body), Features.DEFAULT, message);
    }

    private static void assertInvalid(ModuleBuilder mb, Features features, String message) {
        assertThatThrownBy(() -> Validator.validate(mb.build(), features))
                .isInstanceOf(WasmFormatException.class)
                .extracting(e -> ((WasmFormatException) e).reason()).asString().startsWith(message);
    }

    @Test
    void numericInstructionsFollowTheirSignatures() {
        assertValid(NONE, new int[] {I32}, c -> c.i32(1).i32(2).op(I32_ADD));
        assertInvalid(NONE, new int[] {I32}, c -> c.i64(1).i32(2).op(I32_ADD),
                "type mismatch: instruction requires [i32 i32] but stack has [i64 i32]");
        assertInvalid(NONE, new int[] {I32}, c -> c.i32(2).op(I32_ADD),
                "type mismatch: instruction requires [i32 i32] but stack has [i32]");
        assertValid(new int[] {I64, I64, I64, I64}, new int[] {I64, I64},
                c -> c.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(LOCAL_GET, 2).op(LOCAL_GET, 3).op(I64_ADD128));
    }

    @Test
    void functionResultsMustBeExactlyOnTheStack() {
        assertInvalid(NONE, NONE, c -> c.i32(1), "type mismatch: block requires [] but stack has [i32]");
        assertInvalid(NONE, new int[] {I32}, c -> { }, "type mismatch");
        assertInvalid(NONE, new int[] {I32}, c -> c.i64(1), "type mismatch");
    }

    @Test
    void unreachableCodeIsPolymorphic() {
        assertValid(NONE, new int[] {I32}, c -> c.op(UNREACHABLE).op(I32_ADD));
        assertValid(NONE, new int[] {I64}, c -> c.op(UNREACHABLE).op(SELECT).op(I64_EQZ).op(DROP).i64(0));
        assertInvalid(NONE, new int[] {I32}, c -> c.op(UNREACHABLE).i64(0).op(I32_ADD), "type mismatch");
        assertValid(NONE, NONE, c -> c.block(BLOCK, I32).i32(1).op(BR, 0).op(I32_ADD).end().op(DROP));
    }

    @Test
    void blocksBranchesAndLabels() {
        assertValid(NONE, new int[] {I32}, c -> c.block(BLOCK, I32).i32(1).op(BR, 0).end());
        assertValid(NONE, NONE, c -> c.block(LOOP, 0x40).op(BR, 0).end());
        assertInvalid(NONE, NONE, c -> c.op(BR, 1), "unknown label");
        assertValid(new int[] {I32}, new int[] {I32},
                c -> c.op(LOCAL_GET, 0).block(IF, I32).i32(1).op(ELSE).i32(2).end().op(LOCAL_GET, 0).op(I32_ADD));
        // if without else must produce its results from its parameters
        assertInvalid(new int[] {I32}, new int[] {I32}, c -> c.op(LOCAL_GET, 0).block(IF, I32).i32(1).end(),
                "type mismatch");
        assertValid(NONE, NONE, c -> c.block(BLOCK, 0x40).i32(0).op(BR_IF, 0).end());
    }

    @Test
    void blockTypesWithParameters() {
        ModuleBuilder mb = new ModuleBuilder();
        int t = mb.type(new int[] {I32, I32}, new int[] {I32});
        int f = mb.type(NONE, new int[] {I32});
        mb.func(f, c -> c.i32(1).i32(2).blockIndex(BLOCK, t).op(I32_ADD).end());
        assertThatCode(() -> Validator.validate(mb.build(), Features.DEFAULT)).doesNotThrowAnyException();
        assertInvalid(mb, Features.DEFAULT.without(Feature.MULTI_VALUE), "block type index requires feature");
    }

    @Test
    void brTableTargetsNeedOneArity() {
        assertValid(NONE, new int[] {I32}, c -> c.block(BLOCK, I32).i32(7).i32(0)
                .op(BR_TABLE).u32(1).u32(0).u32(1).end());
        assertInvalid(NONE, NONE, c -> c.block(BLOCK, I32).i32(7).i32(0)
                .op(BR_TABLE).u32(1).u32(0).u32(1).end().op(DROP), "type mismatch");
        // polymorphic stack: any arity matches
        assertValid(NONE, NONE, c -> c.block(BLOCK, I64).block(BLOCK, 0x40).op(UNREACHABLE)
                .op(BR_TABLE).u32(1).u32(0).u32(0).end().i64(0).end().op(DROP));
    }

    @Test
    void selectNeedsEqualNumericOperandsOrAType() {
        assertValid(NONE, new int[] {I64}, c -> c.i64(1).i64(2).i32(0).op(SELECT));
        assertInvalid(NONE, new int[] {I64}, c -> c.i64(1).i32(2).i32(0).op(SELECT), "type mismatch");
        assertInvalid(NONE, NONE, c -> c.op(REF_NULL).heapType(HeapType.FUNC).op(REF_NULL).heapType(HeapType.FUNC)
                .i32(0).op(SELECT).op(DROP), "type mismatch");
        assertValid(NONE, NONE, c -> c.op(REF_NULL).heapType(HeapType.FUNC).op(REF_NULL).heapType(HeapType.FUNC)
                .i32(0).op(SELECT_T).u32(1).valType(ValType.FUNCREF).op(DROP));
        assertInvalid(NONE, NONE, c -> c.i32(0).i32(0).i32(0).op(SELECT_T).u32(2).valType(I32).valType(I32)
                .op(DROP), "invalid result arity");
    }

    @Test
    void localsAndNonNullableInitialization() {
        int nonNull = ValType.ref(false, HeapType.FUNC);
        ModuleBuilder ok = module(NONE, NONE, new int[] {nonNull},
                c -> c.op(REF_FUNC, 0).op(LOCAL_SET, 0).op(LOCAL_GET, 0).op(DROP));
        ok.elements.add(new dev.wasmj.format.ElementSegment(dev.wasmj.format.SegmentMode.DECLARATIVE, 0, null,
                ValType.FUNCREF, new int[] {0}, null));
        assertThatCode(() -> Validator.validate(ok.build(), Features.DEFAULT)).doesNotThrowAnyException();

        assertInvalid(module(NONE, NONE, new int[] {nonNull}, c -> c.op(LOCAL_GET, 0).op(DROP)), Features.DEFAULT,
                "uninitialized local");
        // initialization inside a block does not outlive it
        ModuleBuilder scoped = module(NONE, NONE, new int[] {nonNull}, c -> c.block(BLOCK, 0x40)
                .op(REF_FUNC, 0).op(LOCAL_SET, 0).end().op(LOCAL_GET, 0).op(DROP));
        scoped.export("f", dev.wasmj.format.ExternKind.FUNC, 0);
        assertInvalid(scoped, Features.DEFAULT, "uninitialized local");
        assertInvalid(NONE, NONE, c -> c.op(LOCAL_GET, 3).op(DROP), "unknown local 3");
    }

    @Test
    void refFuncNeedsADeclaration() {
        assertInvalid(NONE, NONE, c -> c.op(REF_FUNC, 0).op(DROP), "undeclared function reference");
        assertInvalid(NONE, NONE, c -> c.op(REF_FUNC, 9).op(DROP), "unknown function 9");
    }

    @Test
    void memoryInstructionsCheckAlignmentOffsetAndLanes() {
        assertValid(NONE, new int[] {I32}, c -> c.i32(0).mem(I32_LOAD, 2, 8));
        assertInvalid(NONE, new int[] {I32}, c -> c.i32(0).mem(I32_LOAD, 3, 0),
                "alignment must not be larger than natural");
        assertInvalid(NONE, new int[] {I32}, c -> c.i32(0).mem(I32_LOAD, 2, 0x1_0000_0000L), "offset out of range");
        assertInvalid(NONE, new int[] {I32}, c -> c.i32(0).i32(0).mem(I32_ATOMIC_RMW_ADD, 1, 0),
                "atomic alignment must be natural");
        assertInvalid(NONE, NONE, c -> c.i32(0).op(V128_LOAD8_LANE).u32(0).u32(0).u8(16).op(DROP),
                "invalid lane index");
        assertInvalid(NONE, new int[] {I32}, c -> c.op(UNREACHABLE).op(I32X4_EXTRACT_LANE).u8(4),
                "invalid lane index");
        ModuleBuilder noMemory = new ModuleBuilder();
        noMemory.func(noMemory.type(NONE, NONE), c -> c.i32(0).mem(I32_LOAD, 2, 0).op(DROP));
        assertInvalid(noMemory, Features.DEFAULT, "unknown memory 0");
    }

    @Test
    void dataSegmentInstructionsNeedTheDataCountSection() {
        ModuleBuilder mb = module(NONE, NONE, NONE, c -> c.op(DATA_DROP, 0));
        mb.data.add(new dev.wasmj.format.DataSegment(dev.wasmj.format.SegmentMode.PASSIVE, 0, null,
                dev.wasmj.format.Bytes.of(new byte[1])));
        assertThatThrownBy(() -> Validator.validate(mb.build(), Features.DEFAULT))
                .isInstanceOf(MalformedException.class).hasMessageContaining("data count section required");
        mb.dataCount = 1;
        assertThatCode(() -> Validator.validate(mb.build(), Features.DEFAULT)).doesNotThrowAnyException();
    }

    @Test
    void callIndirectUsesTheTableAndTheType() {
        assertValid(NONE, NONE, c -> c.i32(0).op(CALL_INDIRECT, 0, 0));
        assertInvalid(NONE, NONE, c -> c.i32(0).op(CALL_INDIRECT, 0, 1), "unknown table 1");
        assertInvalid(NONE, NONE, c -> c.i32(0).op(CALL_INDIRECT, 5, 0), "unknown type 5");
        ModuleBuilder tail = new ModuleBuilder();
        tail.func(tail.type(NONE, new int[] {I32}), c -> c.op(RETURN_CALL, 1));
        tail.func(tail.type(NONE, new int[] {I64}), c -> c.i64(0));
        assertInvalid(tail, Features.DEFAULT, "type mismatch: current function requires result type [i32]");
    }

    @Test
    void disabledFeaturesAreNamed() {
        assertInvalid(module(NONE, NONE, NONE, c -> c.i32(0).i32(0).mem(I32_ATOMIC_RMW_ADD, 2, 0).op(DROP)),
                Features.DEFAULT.without(Feature.THREADS), "i32.atomic.rmw.add requires feature 'threads'");
    }

    @Test
    void structInstructions() {
        ModuleBuilder mb = new ModuleBuilder();
        int s = mb.type(new StructType(List.of(new FieldType(I32, true), new FieldType(ValType.I8, false))));
        int f = mb.type(NONE, new int[] {I32});
        mb.func(f, c -> c.i32(1).i32(2).op(STRUCT_NEW, s).op(STRUCT_GET_S, s, 1));
        assertThatCode(() -> Validator.validate(mb.build(), Features.DEFAULT)).doesNotThrowAnyException();

        ModuleBuilder packed = new ModuleBuilder();
        packed.type(new StructType(List.of(new FieldType(ValType.I8, false))));
        packed.func(packed.type(NONE, new int[] {I32}), c -> c.op(STRUCT_NEW_DEFAULT, 0).op(STRUCT_GET, 0, 0));
        assertInvalid(packed, Features.DEFAULT, "field is packed");

        ModuleBuilder immutable = new ModuleBuilder();
        immutable.type(new StructType(List.of(new FieldType(I32, false))));
        immutable.func(immutable.type(NONE, NONE), c -> c.op(STRUCT_NEW_DEFAULT, 0).i32(1).op(STRUCT_SET, 0, 0));
        assertInvalid(immutable, Features.DEFAULT, "immutable field");
    }

    @Test
    void brOnCastNeedsTheTargetBelowTheSourceWithoutCustomDescriptors() {
        Consumer<Code> eqToAny = c -> c.op(UNREACHABLE).op(BR_ON_CAST).u8(3).u32(0)
                .heapType(HeapType.EQ).heapType(HeapType.ANY);
        assertInvalid(NONE, new int[] {ValType.ANYREF}, eqToAny, "type mismatch");
        assertThatCode(() -> Validator.validate(module(NONE, new int[] {ValType.ANYREF}, NONE, eqToAny).build(),
                Features.ALL)).doesNotThrowAnyException();
        assertValid(new int[] {ValType.ANYREF}, new int[] {ValType.ANYREF}, c -> c.op(LOCAL_GET, 0)
                .op(BR_ON_CAST).u8(1).u32(0).heapType(HeapType.ANY).heapType(HeapType.I31));
    }

    @Test
    void tryTableCatchesMustMatchTheirLabels() {
        ModuleBuilder mb = new ModuleBuilder();
        int tagType = mb.type(new int[] {I32}, NONE);
        int f = mb.type(NONE, new int[] {I32});
        mb.tags.add(new dev.wasmj.format.TagType(tagType));
        mb.func(f, c -> c.block(BLOCK, I32).op(TRY_TABLE).u8(0x40).u32(1).u8(0).u32(0).u32(0).end()
                .op(UNREACHABLE).end());
        assertThatCode(() -> Validator.validate(mb.build(), Features.DEFAULT)).doesNotThrowAnyException();

        ModuleBuilder wrong = new ModuleBuilder();
        wrong.type(new int[] {I32}, NONE);
        wrong.tags.add(new dev.wasmj.format.TagType(0));
        wrong.func(wrong.type(NONE, new int[] {I64}), c -> c.block(BLOCK, I64).op(TRY_TABLE).u8(0x40).u32(1)
                .u8(0).u32(0).u32(0).end().op(UNREACHABLE).end());
        assertInvalid(wrong, Features.DEFAULT, "type mismatch");
    }

    @Test
    void legacyRethrowMustNameACatch() {
        assertValid(NONE, NONE, c -> c.block(TRY, 0x40).op(CATCH_ALL).op(RETHROW, 0).end());
        assertInvalid(NONE, NONE, c -> c.block(TRY, 0x40).op(RETHROW, 0).end(), "invalid rethrow label");
    }

    @Test
    void theSideTableRecordsElseAndEnd() {
        // offsets: 0 i32.const 0 (2 bytes) | 2 if | 4 nop | 5 else | 6 block | 8 end | 9 end | 10 end
        ValidatedModule vm = valid(NONE, NONE, c -> c.i32(0).block(IF, 0x40).op(NOP).op(ELSE)
                .block(BLOCK, 0x40).end().end());
        FunctionInfo info = vm.function(0);
        assertThat(info.blockCount()).isEqualTo(2);
        int ifEntry = info.blockAt(2);
        assertThat(info.elseOffset(ifEntry)).isEqualTo(5);
        assertThat(info.end(ifEntry)).isEqualTo(9);
        int blockEntry = info.blockAt(6);
        assertThat(info.elseOffset(blockEntry)).isEqualTo(-1);
        assertThat(info.end(blockEntry)).isEqualTo(8);
        assertThat(info.maxControlDepth()).isEqualTo(3);
        assertThat(info.maxStackHeight()).isEqualTo(1);
    }

    @Test
    void theFirstInvalidFunctionByIndexIsReported() {
        ModuleBuilder mb = new ModuleBuilder();
        int t = mb.type(NONE, NONE);
        for (int i = 0; i < 400; i++) {
            int n = i;
            mb.func(t, c -> {
                for (int k = 0; k < 100; k++) {
                    c.i32(k).op(DROP);
                }
                if (n == 150 || n == 300) {
                    c.op(LOCAL_GET, n);
                }
            });
        }
        for (int run = 0; run < 5; run++) {
            assertInvalid(mb, Features.DEFAULT, "unknown local 150");
        }
    }

    @Test
    void badInputOnlyEverThrowsFormatExceptions() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[1 + random.nextInt(40)];
            random.nextBytes(junk);
            junk[junk.length - 1] = 0x0B;
            ModuleBuilder mb = new ModuleBuilder();
            int t = mb.type(new int[] {I32}, new int[] {I32});
            mb.memory(1);
            mb.functions.add(t);
            mb.codes.add(new dev.wasmj.format.FunctionBody(new int[0], new int[0], 1,
                    dev.wasmj.format.Bytes.of(junk)));
            try {
                Validator.validate(mb.build(), Features.ALL);
            } catch (InvalidException | MalformedException expected) {
                // fine
            }
        }
    }
}
