package dev.wasmj.format.text;

import dev.wasmj.format.DeclarationOffsets.Kind;
import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each module-level validation rule reports the declaration that breaks it: in the binary, at the
 * byte offset where that declaration starts; in the text, at the line and column of its field.
 */
class DeclarationPositionsTest {

    /**
     * A module breaking one rule: the reason's start, the offending declaration (kind and index
     * in the decoded module's list of that kind), and where its field is in the text.
     */
    record Case(String name, String text, String reason, Kind kind, int index, String position) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // types
                new Case("unknown type in a type", "(module\n  (type (func))\n  (type (func (param (ref 7)))))",
                        "unknown type 7", Kind.TYPE, 1, "3:3"),
                new Case("forward supertype", "(module\n  (type (sub (struct)))\n  (rec (type (sub 2 (struct))) (type (sub (struct)))))",
                        "forward use of type 2", Kind.TYPE, 1, "3:8"),
                new Case("final supertype", "(module\n  (type $a (struct))\n  (type (func))\n  (type (sub $a (struct))))",
                        "sub type 2 has final super type 0", Kind.TYPE, 2, "4:3"),
                new Case("supertype mismatch", "(module\n  (type $a (sub (struct (field i32))))\n  (type (sub $a (struct (field i64)))))",
                        "sub type 1 does not match super type 0", Kind.TYPE, 1, "3:3"),
                new Case("descriptor outside the group", "(module\n  (type (struct))\n  (type (describes 0) (struct)))",
                        "described type is outside rec group", Kind.TYPE, 1, "3:3"),
                new Case("too many parameters (implicit type)", "(module\n  (func)\n  (func (param" + " i32".repeat(1001) + ")))",
                        "too many parameters", Kind.TYPE, 1, "3:3"),
                // imports
                new Case("import of an unknown type", "(module\n  (import \"m\" \"f\" (func))\n  (import \"m\" \"g\" (func (type 9))))",
                        "unknown type 9", Kind.IMPORT, 1, "3:3"),
                new Case("inline import of a non-function type", "(module\n  (type (struct))\n  (func (import \"m\" \"g\"))\n  (func (import \"m\" \"f\") (type 0)))",
                        "non-function type 0", Kind.IMPORT, 1, "4:3"),
                new Case("imported global of an unknown type", "(module\n  (global (import \"m\" \"g\") i32)\n  (global (import \"m\" \"h\") (ref null 3)))",
                        "unknown type 3", Kind.IMPORT, 1, "3:3"),
                // functions, tables, memories, tags, globals
                new Case("function of a non-function type", "(module\n  (type (struct))\n  (type (func))\n  (func (type 1))\n  (func (type 0)))",
                        "non-function type 0", Kind.FUNCTION, 1, "5:3"),
                new Case("table limits", "(module\n  (table 1 funcref)\n  (table 2 1 funcref))",
                        "size minimum must not be greater than maximum", Kind.TABLE, 1, "3:3"),
                new Case("non-defaultable table without initializer", "(module\n  (type (func))\n  (table 1 (ref 0)))",
                        "type mismatch: table of non-defaultable type", Kind.TABLE, 0, "3:3"),
                new Case("memory size", "(module\n  (memory 1)\n  (memory 65537))",
                        "memory size must be at most 65536 pages", Kind.MEMORY, 1, "3:3"),
                new Case("shared memory without maximum", "(module\n  (memory 1 shared))",
                        "shared memory must have maximum", Kind.MEMORY, 0, "2:3"),
                new Case("imported memory limits", "(module\n  (import \"m\" \"f\" (func))\n  (import \"m\" \"m\" (memory 2 1)))",
                        "size minimum must not be greater than maximum", Kind.IMPORT, 1, "3:3"),
                new Case("tag with results", "(module\n  (type (func (result i32)))\n  (tag)\n  (tag (type 0)))",
                        "non-empty tag result type", Kind.TAG, 1, "4:3"),
                new Case("global of an unknown type", "(module\n  (global i32 (i32.const 0))\n  (global (ref null 4) (ref.null none)))",
                        "unknown type 4", Kind.GLOBAL, 1, "3:3"),
                // segments
                new Case("data in an unknown memory", "(module\n  (memory 1)\n  (data (i32.const 0))\n  (data (memory 3) (i32.const 0)))",
                        "unknown memory 3", Kind.DATA, 1, "4:3"),
                new Case("inline data of a memory", "(module\n  (memory 1 1)\n  (memory (data \"x\"))\n  (data (memory 5) (i32.const 0)))",
                        "unknown memory 5", Kind.DATA, 1, "4:3"),
                new Case("element of an unknown function", "(module\n  (table 1 funcref)\n  (func)\n  (elem func 0)\n  (elem func 0 7))",
                        "unknown function 7", Kind.ELEMENT, 1, "5:3"),
                new Case("element type mismatch", "(module\n  (table 1 funcref)\n  (elem (table 0) (i32.const 0) externref))",
                        "type mismatch: element segment's type", Kind.ELEMENT, 0, "3:3"),
                // start and exports
                new Case("start of an unknown function", "(module\n  (func)\n  (start 4))",
                        "unknown function 4", Kind.START, 0, "3:3"),
                new Case("start with parameters", "(module\n  (func (param i32))\n  (start 0))",
                        "start function must not have parameters or results", Kind.START, 0, "3:3"),
                new Case("export of an unknown global", "(module\n  (func (export \"f\"))\n  (export \"g\" (global 2)))",
                        "unknown global 2", Kind.EXPORT, 1, "3:3"),
                new Case("duplicate export name", "(module\n  (func (export \"f\"))\n  (memory 1)\n  (export \"f\" (memory 0)))",
                        "duplicate export name \"f\"", Kind.EXPORT, 1, "4:3"),
                new Case("duplicate inline export name", "(module\n  (func (export \"f\"))\n  (global (export \"f\") i32 (i32.const 0)))",
                        "duplicate export name \"f\"", Kind.EXPORT, 1, "3:3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theErrorIsAtTheOffendingDeclaration(Case c) {
        check(c, Features.ALL);
    }

    /** Without multi-memory (reference types), the second memory (table) is the error, imported or defined. */
    static Stream<Case> countCases() {
        return Stream.of(
                new Case("multiple memories", "(module\n  (memory 1)\n  (memory 1))",
                        "multiple memories", Kind.MEMORY, 1, "3:3"),
                new Case("multiple memories, imported", "(module\n  (import \"m\" \"a\" (memory 1))\n  (import \"m\" \"b\" (memory 1))\n  (memory 1))",
                        "multiple memories", Kind.IMPORT, 1, "3:3"),
                new Case("multiple memories, one imported", "(module\n  (import \"m\" \"a\" (memory 1))\n  (memory 1))",
                        "multiple memories", Kind.MEMORY, 0, "3:3"),
                new Case("multiple tables", "(module\n  (table 1 funcref)\n  (table 1 funcref))",
                        "multiple tables", Kind.TABLE, 1, "3:3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("countCases")
    void aSecondMemoryOrTableIsAtItsDeclaration(Case c) {
        check(c, Features.ALL.without(Feature.MULTI_MEMORY).without(Feature.REFERENCE_TYPES));
    }

    private static void check(Case c, Features features) {
        ParsedModule parsed = WatParser.parse(c.text(), Features.ALL);
        WasmModule decoded = BinaryDecoder.decode(BinaryEncoder.encode(parsed.module()), Features.ALL);
        InvalidException e = catchThrowableOfType(InvalidException.class, () -> Validator.validate(decoded, features));

        assertThat(e).as("validation error").isNotNull();
        assertThat(e.reason()).startsWith(c.reason());
        assertThat(e.offset()).as("binary offset").isEqualTo(decoded.offsets().of(c.kind(), c.index())).isPositive();
        WasmFormatException located = parsed.sourceMap().locate(e, decoded);
        assertThat(located.line() + ":" + located.column()).as("text position").isEqualTo(c.position());
        assertThat(located.reason()).isEqualTo(e.reason());
    }
}
