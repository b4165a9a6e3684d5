package dev.wasmj.examples.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CRuby through {@link RubyVm}: one VM for the class (starting one runs CRuby's initialization,
 * seconds on the interpreter), its stdout and stderr captured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RubyVmTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private RubyVm vm;

    @BeforeAll
    void startVm() {
        vm = RubyVm.start(RubyWasm.module(), new WasiConfig().stdout(stdout).stderr(stderr));
    }

    @AfterAll
    void closeVm() {
        vm.close();
    }

    @BeforeEach
    void clearOutput() {
        stdout.reset();
        stderr.reset();
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aScriptPrintsItsComputedResult() {
        vm.run("puts (1..10).sum { |i| i * i }");

        int sumOfSquares = IntStream.rangeClosed(1, 10).map(i -> i * i).sum();
        assertThat(stdout()).isEqualTo(sumOfSquares + "\n");
    }

    @Test
    void outputIsFlushedAtTheEndOfEachEvaluation() {
        vm.run("print 'a'; $stdout.write('b'); STDOUT.print('c')");
        assertThat(stdout()).isEqualTo("abc");

        vm.run("$stderr.puts 'to stderr'");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("to stderr\n");
    }

    @Test
    void aResultValueBecomesAJavaString() {
        assertThat(vm.evalToString("2 ** 100")).isEqualTo(BigInteger.TWO.pow(100).toString());
        assertThat(vm.evalToString("RUBY_VERSION")).startsWith("3.4.");
        assertThat(vm.evalToString("nil")).isEmpty();
        assertThat(vm.evalToString(":symbol")).isEqualTo("symbol");
    }

    @Test
    void textCrossesInUtf8BothWays() {
        String text = "héllo wörld ✓ 日本";
        assertThat(vm.evalToString("'" + text + "'.upcase")).isEqualTo(text.toUpperCase(Locale.ROOT));
        assertThat(vm.evalToString("'" + text + "'.length.to_s")).isEqualTo(String.valueOf(text.length()));
    }

    @Test
    void inspectAndMethodCallsOnValues() {
        try (RubyValue powers = vm.eval("(1..6).map { |i| i ** i }");
                RubyValue reversed = powers.call("reverse");
                RubyValue ten = vm.eval("10");
                RubyValue thirtyTwo = vm.eval("32");
                RubyValue sum = ten.call("+", thirtyTwo)) {
            String expected = IntStream.rangeClosed(1, 6)
                    .mapToObj(i -> BigInteger.valueOf(i).pow(i).toString())
                    .collect(Collectors.joining(", ", "[", "]"));
            assertThat(powers.inspect()).isEqualTo(expected);
            assertThat(reversed.call("first").asString()).isEqualTo(BigInteger.valueOf(6).pow(6).toString());
            assertThat(sum.asString()).isEqualTo("42");
        }
    }

    @Test
    void evaluationsShareStateAtTheTopLevel() {
        vm.run("def greet(name) = \"Hello, #{name}!\"");
        vm.run("counter = 40");
        vm.run("counter += 1");
        vm.run("class Point < Struct.new(:x, :y); def norm2 = x * x + y * y; end");

        assertThat(vm.evalToString("greet('wasmj')")).isEqualTo("Hello, wasmj!");
        assertThat(vm.evalToString("counter + 1")).isEqualTo("42");
        assertThat(vm.evalToString("Point.new(3, 4).norm2")).isEqualTo("25");
    }

    @Test
    void aRubyExceptionBecomesAJavaExceptionAndTheVmGoesOn() {
        assertThatThrownBy(() -> vm.eval("puts 'before'; raise 'boom'"))
                .isInstanceOfSatisfying(RubyException.class, e -> {
                    assertThat(e.rubyClass()).isEqualTo("RuntimeError");
                    assertThat(e.rubyMessage()).isEqualTo("boom");
                    assertThat(e.getMessage()).isEqualTo("boom (RuntimeError)");
                    assertThat(e.rubyBacktrace()).first().asString().startsWith("eval:1:in ");
                });
        assertThat(stdout()).isEqualTo("before\n");
        assertThat(vm.evalToString("$!.inspect")).isEqualTo("nil");
        assertThat(vm.evalToString("1 + 1")).isEqualTo("2");
    }

    @Test
    void exceptionsOfEveryKind() {
        assertThatThrownBy(() -> vm.eval("no_such_method_here"))
                .isInstanceOfSatisfying(RubyException.class, e -> {
                    assertThat(e.rubyClass()).isEqualTo("NameError");
                    assertThat(e.rubyMessage()).contains("no_such_method_here");
                });
        assertThatThrownBy(() -> vm.eval("def ("))
                .isInstanceOfSatisfying(RubyException.class, e -> assertThat(e.rubyClass()).isEqualTo("SyntaxError"));
        assertThatThrownBy(() -> vm.eval("1 / 0"))
                .isInstanceOfSatisfying(RubyException.class, e -> {
                    assertThat(e.rubyClass()).isEqualTo("ZeroDivisionError");
                    assertThat(e.rubyMessage()).isEqualTo("divided by 0");
                });
        assertThatThrownBy(() -> vm.eval("exit 3"))
                .isInstanceOfSatisfying(RubyException.class, e -> assertThat(e.rubyClass()).isEqualTo("SystemExit"));
        assertThatThrownBy(() -> vm.eval("[1, 2]").call("fetch", vm.eval("7")))
                .isInstanceOfSatisfying(RubyException.class, e -> assertThat(e.rubyClass()).isEqualTo("IndexError"));
    }

    @Test
    void aValueWhoseToSIsNoStringCannotBeConverted() {
        try (RubyValue odd = vm.eval("Class.new { def to_s = 42 }.new")) {
            assertThatThrownBy(odd::asString)
                    .isInstanceOfSatisfying(RubyException.class, e -> assertThat(e.rubyClass()).isEqualTo("TypeError"));
        }
        assertThat(vm.evalToString("'still usable'")).isEqualTo("still usable");
    }

    @Test
    void aValueHeldByJavaSurvivesRubysGarbageCollector() {
        try (RubyValue kept = vm.eval("Array.new(3) { |i| \"kept #{i}\" }")) {
            vm.run("GC.start; 20_000.times { |i| \"garbage #{i}\" * 10 }; GC.start");

            assertThat(kept.inspect()).isEqualTo("[\"kept 0\", \"kept 1\", \"kept 2\"]");
            assertThat(vm.evalToString("GC.count > 0")).isEqualTo("true");
        }
    }

    @Test
    void fibersSwitchStacks() {
        // external enumerators run on fibers, which ruby.wasm implements by unwinding and rewinding
        // the wasm stack (Asyncify)
        vm.run("fibonacci = Enumerator.new { |y| a, b = 0, 1; loop { y << a; a, b = b, a + b } }");
        vm.run("$numbers = fibonacci.lazy.map { _1 * 2 }.first(10)");

        StringJoiner expected = new StringJoiner(" ");
        long a = 0;
        long b = 1;
        for (int i = 0; i < 10; i++) {
            expected.add(Long.toString(2 * a));
            long next = a + b;
            a = b;
            b = next;
        }
        assertThat(vm.evalToString("$numbers.join(' ')")).isEqualTo(expected.toString());
        assertThat(vm.evalToString("f = Fiber.new { Fiber.yield :first; :second }; [f.resume, f.resume].inspect"))
                .isEqualTo("[:first, :second]");
    }

    @Test
    void aClosedValueCannotBeUsed() {
        RubyValue value = vm.eval("'text'");
        value.close();
        value.close();

        assertThatThrownBy(value::asString).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void manyValuesComeAndGo() {
        for (int i = 0; i < 200; i++) {
            try (RubyValue value = vm.eval("'x' * " + i)) {
                assertThat(value.call("length").asString()).isEqualTo(String.valueOf(i));
            }
        }
    }
}
