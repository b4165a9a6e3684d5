package dev.wasmj.format.text;

import dev.wasmj.format.Features;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WastParserTest {

    private static List<WastCommand> commands(String text) {
        return WastParser.parse(text).commands();
    }

    @Test
    void moduleFormsStayUnparsedUntilAsked() {
        List<WastCommand> cs = commands("""
                (module $a (func (export "f")))
                (module $b binary "\\00asm" "\\01\\00\\00\\00")
                (module quote "(func" " (export \\"g\\"))")
                (module definition $d (memory 1))
                (module instance $i $d)
                (module (func (nonsense)))
                """);
        assertThat(cs).hasSize(6);
        ScriptModule a = ((WastCommand.Module) cs.get(0)).module();
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.form()).isEqualTo(ScriptModule.Form.TEXT);
        assertThat(a.text()).isEqualTo("(module $a (func (export \"f\")))");
        assertThat(a.parse().exports()).hasSize(1);
        assertThat(a.line()).isEqualTo(1);

        ScriptModule b = ((WastCommand.Module) cs.get(1)).module();
        assertThat(b.form()).isEqualTo(ScriptModule.Form.BINARY);
        assertThat(b.bytes()).containsExactly(0, 'a', 's', 'm', 1, 0, 0, 0);
        assertThat(b.module(Features.DEFAULT).codes()).isEmpty();

        ScriptModule q = ((WastCommand.Module) cs.get(2)).module();
        assertThat(q.text()).isEqualTo("(func (export \"g\"))");
        WasmModule fromQuote = q.module(Features.DEFAULT);
        assertThat(fromQuote.exports().get(0).name()).isEqualTo("g");

        ScriptModule d = ((WastCommand.Module) cs.get(3)).module();
        assertThat(d.isDefinition()).isTrue();
        assertThat(d.name()).isEqualTo("d");
        assertThat(d.parse().memories()).hasSize(1);
        assertThat(cs.get(4)).isEqualTo(new WastCommand.ModuleInstance("i", "d", 5));

        // the malformed module fails only when parsed, with its position in the script
        ScriptModule bad = ((WastCommand.Module) cs.get(5)).module();
        assertThatThrownBy(bad::parse).isInstanceOfSatisfying(MalformedException.class, e -> {
            assertThat(e.reason()).isEqualTo("unknown operator nonsense");
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.column()).isEqualTo(16);
        });
    }

    @Test
    void quotedTextMustBeUtf8() {
        ScriptModule q = ((WastCommand.Module) commands("(module quote \"(@a \\ff)\")").get(0)).module();
        assertThatThrownBy(q::parse).isInstanceOfSatisfying(MalformedException.class,
                e -> assertThat(e.reason()).isEqualTo("malformed UTF-8 encoding"));
    }

    @Test
    void actionsAndResults() {
        List<WastCommand> cs = commands("""
                (register "M" $m)
                (invoke $m "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const -0) (f64.const nan:0x1))
                (get "g")
                (assert_return (invoke "f" (ref.null func) (ref.extern 7) (ref.host 2))
                  (f32.const nan:canonical) (f64.const nan:arithmetic) (ref.null) (ref.extern) (ref.func)
                  (ref.i31) (either (i32.const 1) (i32.const 2)) (v128.const f32x4 1 nan:canonical 0 -0)
                  (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1))
                """);
        assertThat(cs.get(0)).isEqualTo(new WastCommand.Register("M", "m", 1));
        WastAction.Invoke inv = (WastAction.Invoke) ((WastCommand.Action) cs.get(1)).action();
        assertThat(inv.module()).isEqualTo("m");
        assertThat(inv.args()).containsExactly(new WastValue.I32(-1), new WastValue.I64(-1),
                new WastValue.F32(0x80000000), new WastValue.F64(0x7FF0000000000001L));
        assertThat(((WastCommand.Action) cs.get(2)).action()).isEqualTo(new WastAction.Get(null, "g", 3));
        WastCommand.AssertReturn ar = (WastCommand.AssertReturn) cs.get(3);
        assertThat(((WastAction.Invoke) ar.action()).args()).containsExactly(new WastValue.RefNull(HeapType.FUNC),
                new WastValue.RefExtern(7), new WastValue.RefHost(2));
        assertThat(ar.expected()).hasSize(9);
        assertThat(ar.expected().subList(0, 7)).containsExactly(new WastValue.Nan(ValType.F32, true),
                new WastValue.Nan(ValType.F64, false), new WastValue.RefNull(-1), new WastValue.RefKind(HeapType.EXTERN),
                new WastValue.RefKind(HeapType.FUNC), new WastValue.RefKind(HeapType.I31),
                new WastValue.Either(List.of(new WastValue.I32(1), new WastValue.I32(2))));
        assertThat(ar.expected().get(7)).isEqualTo(new WastValue.V128Lanes("f32x4", List.of(new WastValue.F32(0x3F800000),
                new WastValue.Nan(ValType.F32, true), new WastValue.F32(0), new WastValue.F32(0x80000000))));
        WastValue.V128 v = (WastValue.V128) ar.expected().get(8);
        assertThat(v.byteAt(0)).isZero();
        assertThat(v.byteAt(9)).isEqualTo(9);
        assertThat(v.byteAt(15)).isEqualTo(0xFF);
    }

    @Test
    void assertions() {
        List<WastCommand> cs = commands("""
                (assert_trap (invoke "f") "unreachable")
                (assert_trap (module (start 0) (func unreachable)) "unreachable")
                (assert_exhaustion (invoke "loop") "call stack exhausted")
                (assert_exception (invoke "throw"))
                (assert_malformed (module quote "(func") "unexpected end of file")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
                (assert_uninstantiable (module (memory 0) (data (i32.const 1) "a")) "out of bounds")
                (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
                (assert_invalid_custom (module) "x")
                (thread $t (shared (module $m)) (invoke $m "f"))
                (wait $t)
                """);
        assertThat(cs).extracting(c -> c.getClass().getSimpleName()).containsExactly("AssertTrap", "AssertTrap",
                "AssertExhaustion", "AssertException", "AssertMalformed", "AssertInvalid", "AssertUnlinkable",
                "AssertUninstantiable", "AssertMalformedCustom", "AssertInvalidCustom", "Thread", "Wait");
        assertThat(((WastCommand.AssertTrap) cs.get(0)).action()).isNotNull();
        assertThat(((WastCommand.AssertTrap) cs.get(1)).module()).isNotNull();
        assertThat(((WastCommand.AssertTrap) cs.get(1)).message()).isEqualTo("unreachable");
        WastCommand.AssertMalformed am = (WastCommand.AssertMalformed) cs.get(4);
        assertThatThrownBy(() -> am.module().parse()).isInstanceOfSatisfying(MalformedException.class,
                e -> assertThat(e.reason()).startsWith(am.message()));
        WastCommand.Thread t = (WastCommand.Thread) cs.get(10);
        assertThat(t.name()).isEqualTo("t");
        assertThat(t.sharedModules()).containsExactly("m");
        assertThat(t.commands()).hasSize(1);
        assertThat(cs).extracting(WastCommand::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void aScriptOfBareFieldsIsOneModule() {
        List<WastCommand> cs = commands("(func) (memory 0) (func (export \"f\"))");
        assertThat(cs).hasSize(1);
        assertThat(((WastCommand.Module) cs.get(0)).module().parse().codes()).hasSize(2);
    }

    @Test
    void malformedScripts() {
        assertThatThrownBy(() -> WastParser.parse("(assert_return (invoke \"f\") (i32.const 1)"))
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.reason()).isEqualTo("unexpected end of file"));
        assertThatThrownBy(() -> WastParser.parse("(frobnicate)"))
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.reason()).startsWith("unknown operator"));
        assertThatThrownBy(() -> WastParser.parse("(invoke \"f\" (i32.const 0x1_0000_0000))"))
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.reason()).isEqualTo("constant out of range"));
        assertThatThrownBy(() -> WastParser.parse("(module"))
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void binaryBytesOfAnyForm() {
        ScriptModule text = ((WastCommand.Module) commands("(module (memory 1))").get(0)).module();
        byte[] b = text.binary();
        assertThat(new String(b, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("asm");
        assertThat(b).endsWith(5, 3, 1, 0, 1);
    }
}
