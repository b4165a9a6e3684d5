package dev.wasmj.format.fuzz;

import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmFormatException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-made hostile text: 100,000-deep folded and plain nesting, a million open parentheses,
 * unterminated strings, comments and annotations, bad UTF-8 and lone surrogates. Each runs on the
 * fuzz harness's worker (1 MB stack, time and allocation limits) through the whole loading path
 * ({@link TextFuzzTest#load}) or the script parser, and must give a module or a positioned error.
 */
class AdversarialTextTest {
    private static final AtomicReference<WasmFormatException> REJECTION = new AtomicReference<>();
    private static final FuzzHarness<String> MODULES = TextFuzzTest.harness("wat", recording(TextFuzzTest::load));
    private static final FuzzHarness<String> SCRIPTS = TextFuzzTest.harness("wast", recording(TextFuzzTest::loadScript));

    private static java.util.function.Consumer<String> recording(java.util.function.Consumer<String> target) {
        return text -> {
            REJECTION.set(null);
            try {
                target.accept(text);
            } catch (WasmFormatException e) {
                REJECTION.set(e);
                throw e;
            }
        };
    }

    @AfterAll
    static void close() {
        MODULES.close();
        SCRIPTS.close();
    }

    /** Loads a text module on the harness: the rejection, or null when valid. */
    static WasmFormatException module(String text) {
        MODULES.run(text, "adversarial text");
        return REJECTION.get();
    }

    static WasmFormatException script(String text) {
        SCRIPTS.run(text, "adversarial script");
        return REJECTION.get();
    }

    static final int DEEP = 100_000;

    static String func(String body) {
        return "(module (func " + body + "))";
    }

    @Test
    void hundredThousandNestedFoldedBlocksValidate() {
        assertThat(module(func("(block ".repeat(DEEP) + ")".repeat(DEEP)))).isNull();
        assertThat(module(func("(loop (br 0) ".repeat(1) + "(loop ".repeat(DEEP) + ")".repeat(DEEP + 1)))).isNull();
        assertThat(module(func("(if (i32.const 0) (then ".repeat(DEEP) + "))".repeat(DEEP)))).isNull();
    }

    @Test
    void hundredThousandNestedFoldedExpressionsValidate() {
        String sum = "(i32.add (i32.const 1) ".repeat(DEEP) + "(i32.const 0)" + ")".repeat(DEEP);
        assertThat(module(func("(result i32) " + sum))).isNull();
        assertThat(module(func("(drop " + sum + ")"))).isNull();
        // the same depth with one type error at the bottom
        String bad = "(i32.add (i32.const 1) ".repeat(DEEP) + "(f32.const 0)" + ")".repeat(DEEP);
        assertThat(module(func("(result i32) " + bad))).isInstanceOf(InvalidException.class);
    }

    @Test
    void hundredThousandNestedPlainBlocksValidate() {
        assertThat(module(func("block ".repeat(DEEP) + "end ".repeat(DEEP)))).isNull();
        assertThat(module(func("block ".repeat(DEEP) + "end ".repeat(DEEP - 1)))).isInstanceOf(MalformedException.class);
    }

    @Test
    void manyBranchesByNameOutOfDeepNesting() {
        // 70,000 named blocks and 70,000 branches to the outermost: took minutes while names were searched linearly
        int n = 70_000;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append("block $l").append(i).append(' ');
        }
        body.append("br $l0 ".repeat(n));
        body.append("end ".repeat(n));
        assertThat(module(func(body.toString()))).isNull();
        // shadowed names find the innermost block, and an unshadowed one again after it ends
        assertThat(module(func("(result i32) block $a (result i32) block $a br $a end i32.const 0 end"))).isNull();
        assertThat(module(func("block $a (result i32) block $a end i32.const 0 br $a end drop"))).isNull();
        assertThat(module(func("block $a block $b end br $b end"))).isInstanceOf(MalformedException.class)
                .hasMessageContaining("unknown label");
    }

    @Test
    void implicitFunctionTypesWithCollidingHashes() {
        // 2^14 functions whose inline types all hash alike: (ref 11) (ref 9) hashes as (ref 10) (ref 40).
        // Took 40 s while the implicit types were found through a hash map.
        int k = 14;
        StringBuilder m = new StringBuilder("(module (type (struct))");
        for (int i = 1; i < 1000; i++) {
            m.append("(type (struct (field (ref null ").append(i - 1).append("))))");
        }
        for (int g = 0; g < 1 << k; g++) {
            m.append("(func (param");
            for (int b = 0; b < k; b++) {
                boolean alt = (g >> b & 1) != 0;
                m.append(alt ? " (ref 11) (ref 9)" : " (ref 10) (ref 40)");
            }
            m.append("))");
        }
        assertThat(module(m.append(")").toString())).isNull();
    }

    @Test
    void aMillionOpenParentheses() {
        String open = "(".repeat(1_000_000);
        assertThat(module(open)).isInstanceOf(MalformedException.class);
        assertThat(module("(module (func " + open)).isInstanceOf(MalformedException.class);
        assertThat(module(func(open + ")".repeat(1_000_000)))).isInstanceOf(MalformedException.class);
        assertThat(module(")".repeat(1_000_000))).isInstanceOf(MalformedException.class);
        assertThat(script(open)).isInstanceOf(MalformedException.class);
        assertThat(script("(module " + open + ")".repeat(1_000_001))).isNull(); // parsed lazily: the module alone fails
        assertThat(module("(module " + "(@a ".repeat(DEEP) + ")".repeat(DEEP) + ")")).isNull();
    }

    @Test
    void deeplyNestedScriptForms() {
        // threads in threads and either in either: the script parser recursed and overflowed the stack
        assertThat(script("(thread ".repeat(DEEP) + ")".repeat(DEEP))).isInstanceOf(MalformedException.class)
                .hasMessageContaining("nesting too deep");
        assertThat(script("(assert_return (invoke \"f\") " + "(either ".repeat(DEEP) + ")".repeat(DEEP + 1)))
                .isInstanceOf(MalformedException.class).hasMessageContaining("nesting too deep");
        assertThat(script("(thread $a (thread $b (thread $c (module))))")).isNull();
        assertThat(script("(assert_return (invoke \"f\") (either (either (i32.const 1) (i32.const 2)) (i32.const 3)))")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "(module (export \"abc",
            "(module (func (export \"f\\\"))",
            "(module (; never closed",
            "(module (; (; nested ;) still open",
            "(module (@custom \"x\" \"content\"",
            "(module (func (i32.const 0x",
            "(module (func $",
            "(module (data \"\\",
            "(module (data \"\\u{",
            "(module (data \"\\u{110000}\"))",
            "(module (data \"\\u{d800}\"))",
            "\"",
            "(;",
    })
    void unterminatedAndBrokenTokens(String text) {
        assertThat(module(text)).isInstanceOf(MalformedException.class);
        // a script keeps modules unparsed: the script itself may be fine, and then the module fails alone
        WasmFormatException e = script(text);
        if (e != null) {
            assertThat(e).isInstanceOf(MalformedException.class);
        }
    }

    @Test
    void manyNestedBlockComments() {
        assertThat(module("(;".repeat(DEEP) + "(module)")).isInstanceOf(MalformedException.class);
        assertThat(module("(;".repeat(DEEP) + ";)".repeat(DEEP) + "(module)")).isNull();
    }

    @Test
    void invalidUtf8InNames() {
        // names are UTF-8: byte escapes that are not UTF-8 are malformed, wherever the name is
        for (String name : new String[] {"\\ff", "\\c0\\80", "\\ed\\a0\\80", "\\e2\\82", "\\f4\\90\\80\\80"}) {
            assertThat(module("(module (func (export \"" + name + "\")))")).as(name)
                    .isInstanceOf(MalformedException.class).hasMessageContaining("malformed UTF-8 encoding");
            assertThat(module("(module (import \"" + name + "\" \"f\" (func)))")).as(name)
                    .isInstanceOf(MalformedException.class).hasMessageContaining("malformed UTF-8 encoding");
        }
        // data strings are bytes: any escape is fine there
        assertThat(module("(module (memory 1) (data (i32.const 0) \"\\ff\\c0\\80\"))")).isNull();
    }

    @Test
    void invalidUtf8InQuotedModules() {
        assertThat(script("(module quote \"(module (func (export \\\"\\ff\\\")))\")")).isNull(); // the module fails alone
        assertThat(script("(assert_malformed (module quote \"\\ff\") \"malformed UTF-8 encoding\")")).isNull();
    }

    @Test
    void loneSurrogatesInTheText() {
        // a Java string may hold unpaired surrogates, which are not Unicode characters
        for (String s : new String[] {"\ud800", "\udc00", "a\ud83d"}) {
            assertThat(module("(module (func (export \"" + s + "\")))")).isInstanceOf(MalformedException.class);
            assertThat(module("(module) ;; " + s)).isInstanceOf(MalformedException.class);
            assertThat(module("(module (; " + s + " ;))")).isInstanceOf(MalformedException.class);
        }
    }

    @Test
    void longTypeChainsInText() {
        StringBuilder types = new StringBuilder("(module (type $t0 (sub (struct)))");
        for (int i = 1; i < 20_000; i++) {
            types.append("(type $t").append(i).append(" (sub $t").append(i - 1).append(" (struct)))");
        }
        assertThat(module(types.append(")").toString())).isInstanceOf(InvalidException.class)
                .hasMessageContaining("sub type hierarchy too deep");
        StringBuilder rec = new StringBuilder("(module (rec");
        for (int i = 0; i < 20_000; i++) {
            rec.append("(type $t").append(i).append(" (struct (field (ref null $t").append((i + 1) % 20_000).append("))))");
        }
        assertThat(module(rec.append("))").toString())).isNull();
    }
}
