package dev.wasmj.format.text;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BranchHintAnnotationsTest {
    private static final String UNLIKELY = "(@metadata.code.branch_hint \"\\00\")";
    private static final String LIKELY = "(@metadata.code.branch_hint \"\\01\")";

    /** The hints of the only hinted function of {@code text}. */
    private static FunctionHints hints(String text) {
        BranchHints hints = WatParser.parseModule(text).branchHints();
        assertThat(hints.functions()).hasSize(1);
        return hints.functions().getFirst();
    }

    private static void malformed(String text, String reason, int line, int column) {
        assertThatThrownBy(() -> WatParser.parseModule(text))
                .isInstanceOf(MalformedException.class)
                .satisfies(e -> {
                    MalformedException m = (MalformedException) e;
                    assertThat(m.reason()).isEqualTo("@metadata.code.branch_hint annotation: " + reason);
                    assertThat(m.line() + ":" + m.column()).isEqualTo(line + ":" + column);
                });
    }

    @Test
    void plainInstructions() {
        // locals: 01 01 7e (3 bytes); code: local.get 0 (0), if (2), end (4), local.get 0 (5), br_if 0 (7)
        FunctionHints f = hints("(import \"m\" \"f\" (func)) (func (param i32) (local i64) local.get 0 " + LIKELY
                + " if end local.get 0 " + UNLIKELY + " br_if 0)");
        assertThat(f.funcIndex()).isEqualTo(1);
        assertThat(f.offsets()).containsExactly(5, 10);
        assertThat(f.likely()).containsExactly(true, false);
    }

    @Test
    void aFoldedInstructionIsHintedAtItsOpcodeAfterItsOperands() {
        // no locals (1 byte); code: block (0), local.get 0 (2), br_if 0 (4), end (6), local.get 0 (7), if (9)
        FunctionHints f = hints("(func (param i32) (block " + UNLIKELY + " (br_if 0 (local.get 0))) " + LIKELY
                + " (if (local.get 0) (then)))");
        assertThat(f.offsets()).containsExactly(5, 10);
        assertThat(f.likely()).containsExactly(false, true);
    }

    @Test
    void aHintBelongsToTheNextInstructionThatStartsAfterIt() {
        // inside a folded if, before its condition: the condition (local.get at 0)
        assertThat(hints("(func (param i32) (if " + LIKELY + " (local.get 0) (then)))").offsets()).containsExactly(1);
        // before the function's parameters: its first instruction (local.get at 0, if at 2)
        assertThat(hints("(func " + LIKELY + " (param i32) (if (local.get 0) (then)))").offsets()).containsExactly(3);
        // before end: the instruction after the block (block at 0, end at 2, local.get at 3, br_if at 5)
        assertThat(hints("(func (param i32) block " + LIKELY + " end local.get 0 br_if 0)").offsets())
                .containsExactly(4);
    }

    @Test
    void hintsOfSeveralFunctions() {
        BranchHints hints = WatParser.parseModule("(func (param i32) local.get 0 " + LIKELY + " br_if 0) (func nop)"
                + " (func (param i32) local.get 0 " + UNLIKELY + " if end)").branchHints();
        assertThat(hints.functions()).extracting(FunctionHints::funcIndex).containsExactly(0, 2);
        assertThat(WatParser.parseModule("(func nop)").branchHints()).isEqualTo(BranchHints.EMPTY);
    }

    @Test
    void theEncoderWritesTheSectionBeforeTheCode() {
        WasmModule m = WatParser.parseModule("(func (param i32) local.get 0 " + LIKELY + " if end) (data \"\")");
        WasmModule decoded = BinaryDecoder.decode(BinaryEncoder.encode(m), Features.ALL);
        assertThat(decoded.customs()).extracting(c -> c.name() + "@" + c.after())
                .containsExactly(BranchHints.SECTION_NAME + "@" + SectionId.FUNCTION);
        assertThat(decoded.branchHints().functions().getFirst().offsets()).containsExactly(3);
        Validator.validate(decoded, Features.ALL);
    }

    @Test
    void theValidatorRejectsAHintThatIsNotOnABranch() {
        WasmModule m = WatParser.parseModule("(func (param i32) " + LIKELY + " local.get 0 drop)");
        WasmModule decoded = BinaryDecoder.decode(BinaryEncoder.encode(m), Features.ALL);
        assertThatThrownBy(() -> Validator.validate(decoded, Features.ALL))
                .isInstanceOf(InvalidException.class)
                .hasMessageContaining("@metadata.code.branch_hint annotation: invalid target");
    }

    @Test
    void oneHintPerInstruction() {
        malformed("(func (param i32)\n local.get 0\n " + LIKELY + "\n " + LIKELY + "\n if end)",
                "duplicate annotation", 4, 2);
        // the second hint is on the condition, which comes before the if
        malformed("(func (param i32) " + LIKELY + " (if " + UNLIKELY + " (local.get 0) (then)))",
                "duplicate annotation", 1, 58);
    }

    @Test
    void hintsAreOnlyInsideFunctions() {
        malformed(LIKELY + " (func)", "not in a function", 1, 1);
        malformed("(global i32 " + LIKELY + " (i32.const 0))", "not in a function", 1, 13);
        malformed("(type (func " + LIKELY + "))", "not in a function", 1, 13);
        malformed("(func " + LIKELY + " (import \"m\" \"f\"))", "not in a function", 1, 7);
        malformed("(func (import \"m\" \"f\") " + LIKELY + ")", "not in a function", 1, 24);
        malformed("(import \"m\" \"f\" (func " + LIKELY + "))", "not in a function", 1, 23);
    }

    @Test
    void aHintNeedsAnInstructionAfterIt() {
        malformed("(func nop " + LIKELY + ")", "invalid placement", 1, 11);
    }

    @Test
    void theHintIsOneByteZeroOrOne() {
        malformed("(func (@metadata.code.branch_hint \"\\02\") nop)", "invalid hint value", 1, 7);
        malformed("(func (@metadata.code.branch_hint \"\\00\" \"\\00\") nop)", "invalid hint value", 1, 7);
        malformed("(func (@metadata.code.branch_hint) nop)", "invalid hint value", 1, 7);
        malformed("(func (@metadata.code.branch_hint 1) nop)", "unexpected token", 1, 35);
        // two strings that make one byte are fine
        assertThat(hints("(func (@metadata.code.branch_hint \"\" \"\\01\") nop)").likely()).containsExactly(true);
    }
}
