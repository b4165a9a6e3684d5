package dev.wasmj.format.text;

import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Validation errors in the binary encoding of a text module, mapped back to the text. */
class SourceMapTest {

    /** The error validating the encoding of {@code text}, located in the text. */
    private static WasmFormatException error(String text) {
        ParsedModule parsed = WatParser.parse(text, Features.ALL);
        WasmModule decoded = BinaryDecoder.decode(BinaryEncoder.encode(parsed.module()), Features.ALL);
        WasmFormatException e = catchThrowableOfType(WasmFormatException.class,
                () -> Validator.validate(decoded, Features.ALL));
        assertThat(e).as("validation error").isNotNull();
        return parsed.sourceMap().locate(e, decoded);
    }

    private static String at(String text) {
        WasmFormatException e = error(text);
        return e.line() + ":" + e.column() + ": " + e.reason();
    }

    @Test
    void anInstructionInAFunction() {
        String text = """
                (module
                  (import "m" "g" (func))
                  (func)
                  (func (result i32)
                    i32.const 1
                    i64.const 2
                    i32.add))
                """;
        assertThat(at(text)).startsWith("7:5: type mismatch");
        assertThat(error(text)).isInstanceOf(InvalidException.class).hasCauseInstanceOf(InvalidException.class);
    }

    @Test
    void theImplicitEndOfAFunctionIsItsLastInstruction() {
        assertThat(at("(module\n  (func (export \"f\") (result i32)\n    i64.const 1))"))
                .isEqualTo("3:5: type mismatch: instruction requires [i32] but stack has [i64]");
    }

    @Test
    void anExplicitEndIsItsOwnInstruction() {
        assertThat(at("(module (func\n  block (result i32)\n  end\n  drop))")).startsWith("3:3: type mismatch");
    }

    @Test
    void aNestedFoldedInstructionIsItsMnemonic() {
        String text = """
                (module (func (result i32)
                  (i32.add
                    (i32.const 1)
                    (i32.wrap_i64 (f32.const 0)))))
                """;
        assertThat(at(text)).startsWith("4:6: type mismatch");
    }

    @Test
    void aFoldedIfIsItsMnemonicAfterTheCondition() {
        String text = """
                (module (func
                  (block
                    (if (i64.const 0) (then)))))
                """;
        assertThat(at(text)).startsWith("3:6: type mismatch");
    }

    @Test
    void anInstructionAfterAFoldedOneInAnotherArm() {
        String text = """
                (module (func (param i32)
                  (if (local.get 0)
                    (then nop)
                    (else (drop (i32.const 1)) (local.get 1)))))
                """;
        assertThat(at(text)).isEqualTo("4:33: unknown local 1");
    }

    @Test
    void constantExpressions() {
        assertThat(at("(module\n  (global i32 (i64.const 0)))")).startsWith("2:16: type mismatch");
        assertThat(at("(module (global $g (mut i32) (i32.const 0))\n  (global i32 (global.get $g)))"))
                .startsWith("2:16: constant expression required");
        assertThat(at("(module (memory 1)\n  (data (offset (i64.const 0)) \"\"))")).startsWith("2:18: type mismatch");
        assertThat(at("(module (table 1 funcref)\n  (elem (i32.const 0) funcref (ref.null func) (ref.null extern)))"))
                .startsWith("2:48: type mismatch");
        assertThat(at("(module (table 1 funcref (ref.null extern)))")).startsWith("1:27: type mismatch");
    }

    @Test
    void aModuleLevelErrorWithoutAnOffsetKeepsIt() {
        String text = "(module (func) (export \"a\" (func 0))\n  (export \"a\" (func 0)))";
        WasmFormatException e = error(text);
        assertThat(e.reason()).isEqualTo("duplicate export name \"a\"");
        assertThat(e.line()).isZero();
    }

    @Test
    void offsetsOutsideExpressionsHaveNoPosition() {
        ParsedModule parsed = WatParser.parse("(module (func (export \"f\") nop))", Features.ALL);
        byte[] binary = BinaryEncoder.encode(parsed.module());
        WasmModule decoded = BinaryDecoder.decode(binary, Features.ALL);
        SourceMap map = parsed.sourceMap();
        assertThat(map.position(decoded, 0)).isNull();
        assertThat(map.position(decoded, -1)).isNull();
        assertThat(map.position(decoded, binary.length)).isNull();
        int nop = decoded.codes().get(0).code().start();
        assertThat(map.position(decoded, nop)).hasToString("1:28");
        assertThat(map.position(decoded, nop + 1)).hasToString("1:28"); // the function's end
    }

    @Test
    void positionsInAScriptAreInTheScript() {
        WastScript script = WastParser.parse("(module)\n\n(assert_invalid\n  (module (func (result i32) (i64.const 0)))\n  \"type mismatch\")");
        ScriptModule module = ((WastCommand.AssertInvalid) script.commands().get(1)).module();
        ParsedModule parsed = module.parseWithSourceMap(Features.ALL);
        WasmModule decoded = BinaryDecoder.decode(BinaryEncoder.encode(parsed.module()), Features.ALL);
        assertThat(parsed.sourceMap().position(decoded, decoded.codes().get(0).code().start())).hasToString("4:31");
    }
}
