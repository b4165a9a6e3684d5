package dev.wasmj.format.validate;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BranchHintCheckerTest {
    private static final String PREFIX = "@metadata.code.branch_hint annotation: ";
    private static final int[] NONE = {};

    /**
     * Function 0 imported; function 1 defined with no locals (1 byte of declarations), so body
     * offsets are code offsets + 1: i32.const 1 (1), if (3), i32.const 0 (5), br_if 0 (7), end (9),
     * end (10). Function 2 likewise with one i64 local (3 bytes of declarations): if at 5.
     */
    private static ModuleBuilder module(FunctionHints... hints) {
        ModuleBuilder mb = new ModuleBuilder();
        int t = mb.type(NONE, NONE);
        mb.imp(new FuncImport(t, false));
        mb.func(t, c -> c.i32(1).block(Opcode.IF, 0x40).i32(0).op(Opcode.BR_IF, 0).end());
        mb.func(t, new int[] {ValType.I64}, c -> c.i32(1).block(Opcode.IF, 0x40).end());
        return mb.branchHints(new BranchHints(List.of(hints)));
    }

    /** Hints for function {@code index}: unlikely at each offset. */
    private static FunctionHints hints(int index, int... offsets) {
        return new FunctionHints(index, offsets, new boolean[offsets.length]);
    }

    private static void assertValid(ModuleBuilder mb) {
        assertThatCode(() -> Validator.validate(mb.build(), Features.ALL)).doesNotThrowAnyException();
    }

    private static void assertInvalid(ModuleBuilder mb, String message) {
        assertThatThrownBy(() -> Validator.validate(mb.build(), Features.ALL))
                .isInstanceOf(InvalidException.class)
                .extracting(e -> ((InvalidException) e).reason()).isEqualTo(PREFIX + message);
    }

    @Test
    void hintsAtIfAndBrIfAreValid() {
        assertValid(module());
        assertValid(module(hints(1, 3, 7), hints(2, 5)));
    }

    @Test
    void aHintMustBeWhereAnIfOrBrIfStarts() {
        for (int offset : new int[] {1, 5, 9, 10}) {
            assertInvalid(module(hints(1, offset)), "invalid target"); // other instructions
        }
        assertInvalid(module(hints(1, 4)), "invalid target"); // the if's block type
        assertInvalid(module(hints(1, 0)), "invalid target"); // the local declarations
        assertInvalid(module(hints(1, 11)), "invalid target"); // past the end
        assertInvalid(module(hints(1, -1)), "invalid target"); // u32 0xffffffff
        assertInvalid(module(hints(2, 3)), "invalid target"); // where the if is without locals
    }

    @Test
    void offsetsAscend() {
        assertInvalid(module(hints(1, 7, 3)), "invalid order");
        assertInvalid(module(hints(1, 3, 3)), "invalid order");
        assertInvalid(module(hints(1, 3, 7, 3)), "invalid order");
    }

    @Test
    void functionsAreDefinedAndAscend() {
        assertInvalid(module(hints(3, 3)), "unknown function 3");
        assertInvalid(module(hints(-1, 3)), "unknown function 4294967295");
        assertInvalid(module(hints(0, 3)), "imported function 0");
        assertInvalid(module(hints(2, 5), hints(1, 3)), "invalid order");
        assertInvalid(module(hints(1, 3), hints(1, 7)), "invalid order");
    }

    @Test
    void manyHintsInALongFunction() {
        ModuleBuilder mb = new ModuleBuilder();
        int t = mb.type(NONE, NONE);
        int n = 10_000;
        mb.func(t, c -> {
            for (int i = 0; i < n; i++) {
                c.block(Opcode.BLOCK, 0x40).i32(i).op(Opcode.BR_IF, 0).end();
            }
        });
        // each iteration: block 0x40 (2), i32.const i (1..3), br_if 0 (2), end (1)
        List<Integer> offsets = new ArrayList<>();
        int at = 1;
        for (int i = 0; i < n; i++) {
            int constSize = i < 64 ? 2 : i < 8192 ? 3 : 4;
            offsets.add(at + 2 + constSize);
            at += 2 + constSize + 2 + 1;
        }
        mb.branchHints(new BranchHints(List.of(hints(0, offsets.stream().mapToInt(Integer::intValue).toArray()))));
        assertValid(mb);
    }

    @Test
    void errorsOutsideTheCodeAreAtTheBranchHintSection() {
        WasmModule decoded = BinaryDecoder.decode(BinaryEncoder.encode(module(hints(2, 5), hints(1, 3)).build()), Features.ALL);
        InvalidException e = catchThrowableOfType(InvalidException.class, () -> Validator.validate(decoded, Features.ALL));
        assertThat(e.reason()).isEqualTo(PREFIX + "invalid order");
        assertThat(e.offset()).isPositive().isEqualTo(decoded.offsets().branchHints());
    }
}
