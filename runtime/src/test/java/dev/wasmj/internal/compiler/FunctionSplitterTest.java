package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions too large for one JVM method are split into several, with the interpreter's results and traps. */
class FunctionSplitterTest {
    private static final int CASES = 300;

    /**
     * A bytecode-interpreter-like function: a loop around a br_table over {@value #CASES} cases, each
     * working on locals of every kind, memory, a global and calls, with nested loops, ifs, blocks with
     * results and parameters, values left on the stack across blocks, early returns and traps.
     */
    private static String hugeModule() {
        StringBuilder w = new StringBuilder("""
                (module
                  (memory 1)
                  (global $g (mut i64) (i64.const 0))
                  (elem declare func $helper)
                  (func $helper (param i32 i64) (result i64)
                    (if (i32.eq (local.get 0) (i32.const 7777)) (then unreachable))
                    (i64.add (i64.extend_i32_s (local.get 0)) (i64.mul (local.get 1) (i64.const 3))))
                  (func $run (export "run") (param $n i32) (param $seed i64) (param $trapAt i32) (result i64)
                    (local $pc i32) (local $a i32) (local $b i64) (local $x f32) (local $y f64)
                    (local $r externref) (local $f funcref) (local $acc i64) (local $i i32)
                    (local.set $b (local.get $seed))
                    (local.set $a (i32.wrap_i64 (local.get $seed)))
                    (loop $dispatch
                      (block $exit
                """);
        for (int k = CASES - 1; k >= 0; k--) {
            w.append("(block $c").append(k).append('\n');
        }
        w.append("(br_table");
        for (int k = 0; k < CASES; k++) {
            w.append(" $c").append(k);
        }
        w.append(" $exit (i32.rem_u (local.get $pc) (i32.const ").append(CASES + 1).append(")))\n");
        for (int k = 0; k < CASES; k++) {
            w.append(") ;; $c").append(k).append('\n');
            w.append(caseCode(k));
            w.append("(local.set $pc (i32.add (i32.mul (local.get $pc) (i32.const 7)) (i32.const ").append(k + 1).append(")))\n");
            w.append("(br_if $exit (i32.eqz (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))\n");
            w.append("(br $dispatch)\n");
        }
        w.append("""
                      ) ;; $exit
                    )
                    (i64.add (local.get $acc)
                      (i64.xor (local.get $b)
                        (i64.add (i64.reinterpret_f64 (local.get $y))
                          (i64.add (i64.extend_i32_u (i32.reinterpret_f32 (local.get $x)))
                            (i64.add (global.get $g) (i64.extend_i32_u (local.get $a))))))))
                  (func (export "small") (param i32) (result i32)
                    (block $b (result i32)
                      (local.get 0)
                      (br_if $b (i32.eqz (local.get 0)))
                      (i32.const 10)
                      (i32.add))))
                """);
        return w.toString();
    }

    private static String caseCode(int k) {
        String common = "(local.set $a (i32.add (local.get $a) (i32.const " + (k * 31 + 1) + ")))\n"
                + "(local.set $b (i64.xor (local.get $b) (i64.extend_i32_u (local.get $a))))\n";
        String specific = switch (k % 8) {
            case 0 -> """
                    (local.set $i (i32.const 0))
                    (loop $l
                      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
                      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 5))))
                    """;
            case 1 -> """
                    (local.set $b (if (result i64) (i32.and (local.get $a) (i32.const 1))
                      (then (i64.const %d))
                      (else (call $helper (select (local.get $trapAt) (local.get $a) (i32.eq (local.get $trapAt) (i32.const 7777)))
                                          (local.get $b)))))
                    """.formatted(k);
            case 2 -> """
                    (local.set $acc (i64.add (local.get $acc)
                      (block $v (result i64)
                        (drop (br_if $v (i64.const %d) (i32.eqz (i32.and (local.get $a) (i32.const 3)))))
                        (i64.const 7))))
                    """.formatted(k);
            case 3 -> """
                    (if (i32.eq (local.get $trapAt) (i32.const %d)) (then
                      (local.set $a (i32.div_s (local.get $a) (i32.const 0)))))
                    (i32.store (i32.and (local.get $a) (i32.const 0xffc)) (local.get $a))
                    (local.set $b (i64.add (local.get $b) (i64.load32_u (i32.and (i32.mul (local.get $a) (i32.const 3)) (i32.const 0xffc)))))
                    """.formatted(k);
            case 4 -> """
                    (local.set $r (ref.null extern))
                    (local.set $f (ref.func $helper))
                    (if (i32.and (ref.is_null (local.get $r)) (i32.eqz (ref.is_null (local.get $f))))
                      (then (local.set $a (i32.add (local.get $a) (i32.const 1)))))
                    (if (i32.eq (local.get $trapAt) (i32.const %d)) (then unreachable))
                    """.formatted(k);
            case 5 -> """
                    (if (i32.gt_u (local.get $a) (i32.const 0x7ff00000)) (then (return (i64.const -%d))))
                    (local.set $x (f32.add (local.get $x) (f32.convert_i32_s (local.get $a))))
                    (local.set $y (f64.mul (f64.add (local.get $y) (f64.const 1.5)) (f64.const 0.75)))
                    """.formatted(k);
            case 6 -> """
                    (global.set $g (i64.add (global.get $g)
                      (i64.mul (local.get $b)
                        (block (result i64)
                          (i64.extend_i32_u (i32.and (local.get $a) (i32.const 0xff)))))))
                    (if (i32.eq (local.get $trapAt) (i32.const %d)) (then
                      (drop (i32.load (i32.const 70000)))))
                    """.formatted(k);
            default -> """
                    (local.set $a
                      (i32.const 3)
                      (block (param i32) (result i32)
                        (i32.add (local.get $a))))
                    (local.set $acc (i64.sub (local.get $acc) (i64.const %d)))
                    """.formatted(k);
        };
        return common + specific;
    }

    @Test
    void aHugeFunctionIsSplitIntoMethodsHotSpotCompilesWithTheInterpretersResultsAndTraps(@TempDir Path dump)
            throws IOException {
        String wat = hugeModule();
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        List<String> methods = methodSizes(dump, ModuleCompiler.MAX_METHOD_BYTES);
        assertThat(methods).as("the function's methods").anyMatch(m -> m.startsWith("f1$"));
        assertThat(methods).contains("f1");

        Instance interpreted = CompiledModules.interpreted(wat);
        for (long seed : new long[] {0, 1, 42, -7, 123_456_789_012L, Long.MIN_VALUE}) {
            for (int steps : new int[] {1, 2, 50, 3000}) {
                Val[] args = {Val.i32(steps), Val.i64(seed), Val.i32(-1)};
                assertThat(compiled.func("run").call(args)).as("seed %d, %d steps", seed, steps)
                        .isEqualTo(interpreted.func("run").call(args));
            }
        }
        assertThat(compiled.func("small").call(Val.i32(0))).containsExactly(Val.i32(0));
        assertThat(compiled.func("small").call(Val.i32(5))).containsExactly(Val.i32(15));

        // traps inside regions (and in a callee of one): the interpreter's code, message and backtrace
        int traps = 0;
        for (int trapAt : new int[] {3, 11, 12, 14, 19, 22, 27, 30, 299, 7777}) {
            Val[] args = {Val.i32(3000), Val.i64(trapAt), Val.i32(trapAt)};
            Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func("run").call(args));
            Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func("run").call(args));
            if (expected == null) {
                assertThat(actual).isNull();
                continue;
            }
            traps++;
            assertThat(actual).as("trap at %d", trapAt).isNotNull();
            assertThat(actual.code()).isEqualTo(expected.code());
            assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
            assertThat(actual.backtrace()).as("trap at %d", trapAt).isEqualTo(expected.backtrace());
            assertThat(actual.backtrace().getLast().funcName()).isEqualTo("run");
        }
        assertThat(traps).as("inputs that trap").isGreaterThanOrEqualTo(4);
    }

    @Test
    void withEveryRegionOutlinedSmallFunctionsKeepTheirResults() {
        String wat = """
                (module
                  (func $fib (export "fib") (param i32) (result i64) (local i64 i64 f64)
                    (local.set 1 (i64.const 0))
                    (local.set 2 (i64.const 1))
                    (block $done
                      (loop $l
                        (br_if $done (i32.eqz (local.get 0)))
                        (local.set 3 (f64.add (local.get 3) (f64.const 0.5)))
                        (local.set 2 (i64.add (local.get 1) (local.tee 1 (local.get 2))))
                        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                        (br $l)))
                    (if (f64.gt (local.get 3) (f64.const 1000)) (then (return (i64.const -1))))
                    (local.get 1))
                  (func (export "pair") (param i32) (result i32 i64)
                    (block $b (result i32 i64)
                      (i32.const 1) (i64.const 2)
                      (br_if $b (local.get 0))
                      (drop) (drop)
                      (i32.const 3) (i64.const 4))))
                """;
        Engine engine;
        System.setProperty(FunctionSplitter.BUDGET_PROPERTY, "1");
        try {
            engine = new Engine(new Config().strategy(Strategy.COMPILER));
            Instance i = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
            assertThat(engine.compilerFallbacks()).isZero();
            assertThat(i.func("fib").call(Val.i32(50))).containsExactly(Val.i64(12586269025L));
            assertThat(i.func("fib").call(Val.i32(5000))).containsExactly(Val.i64(-1));
            assertThat(i.func("pair").call(Val.i32(1))).containsExactly(Val.i32(1), Val.i64(2));
            assertThat(i.func("pair").call(Val.i32(0))).containsExactly(Val.i32(3), Val.i64(4));
        } finally {
            System.clearProperty(FunctionSplitter.BUDGET_PROPERTY);
        }
    }

    /**
     * A split function's method counts its own loads and stores, not its regions', for where they are
     * inlined: the dispatch loop's access stays inline although the cases' inner loops hold hundreds.
     */
    @Test
    void aSplitFunctionsMethodInlinesItsOwnAccesses(@TempDir Path dump) throws IOException {
        int cases = 400;
        String wat = dispatchLoop(cases,
                "(i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get $pc)))\n", 0);
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        assertThat(methodSizes(dump, ModuleCompiler.MAX_METHOD_BYTES)).as("the function's methods").anyMatch(m -> m.startsWith("f0$"));
        assertThat(invokedMethods(dump, "f0")).contains("i32Load", "i32Store").doesNotContain("outOfLine");

        Instance interpreted = CompiledModules.interpreted(wat);
        for (int steps : new int[] {1, 7, 1000}) {
            assertThat(compiled.func("run").call(Val.i32(steps))).as("%d steps", steps)
                    .isEqualTo(interpreted.func("run").call(Val.i32(steps)));
        }
    }

    /**
     * A switch's nest of blocks, its cases outlined, stays one method even over the budget: the method
     * with the dispatch's {@code tableswitch} calls the cases' regions itself (outlined in parts, the
     * nest made every dispatch a chain of calls down to the part with the {@code tableswitch} and back).
     */
    @Test
    void aSwitchsNestStaysInOneMethodThatCallsEveryCase(@TempDir Path dump) throws IOException {
        int cases = 150;
        String wat = dispatchLoop(cases, "", 4);
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        List<String> dispatchers = methodsWithTableswitch(dump, cases);
        assertThat(dispatchers).as("methods with the br_table's tableswitch").hasSize(1);
        // all but the outermost levels' cases: a level counts as the nest while its inner blocks branch
        // to more than RegionPlanner.FEW_EXITS (8) frames outside them
        assertThat(invokedMethods(dump, dispatchers.getFirst()).stream().filter(m -> m.startsWith("f0$")).distinct())
                .as("the case regions %s calls", dispatchers.getFirst()).hasSizeGreaterThanOrEqualTo(cases - 8);

        Instance interpreted = CompiledModules.interpreted(wat);
        for (int steps : new int[] {1, 7, 1000}) {
            assertThat(compiled.func("run").call(Val.i32(steps))).as("%d steps", steps)
                    .isEqualTo(interpreted.func("run").call(Val.i32(steps)));
        }
    }

    /** The names of the methods of the classes in {@code dir} with a {@code tableswitch} of at least {@code cases} cases. */
    private static List<String> methodsWithTableswitch(Path dir, int cases) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                for (MethodModel m : ClassFile.of().parse(Files.readAllBytes(file)).methods()) {
                    boolean found = m.code().map(c -> c.elementStream().anyMatch(e ->
                            e instanceof java.lang.classfile.instruction.TableSwitchInstruction t
                                    && t.cases().size() >= cases)).orElse(false);
                    if (found) {
                        names.add(m.methodName().stringValue());
                    }
                }
            }
        }
        return names;
    }

    /** The names of the methods that the method {@code name} of the classes in {@code dir} invokes. */
    private static List<String> invokedMethods(Path dir, String name) throws IOException {
        return CompiledModules.code(dir, name).stream()
                .filter(e -> e instanceof java.lang.classfile.instruction.InvokeInstruction)
                .map(e -> ((java.lang.classfile.instruction.InvokeInstruction) e).name().stringValue())
                .toList();
    }

    /** The names of the methods of the classes in {@code dir}, checking each is at most {@code max} bytes of bytecode. */
    private static List<String> methodSizes(Path dir, int max) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                for (MethodModel m : ClassFile.of().parse(Files.readAllBytes(file)).methods()) {
                    int length = m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
                    assertThat(length).as(m.methodName().stringValue()).isLessThanOrEqualTo(max);
                    names.add(m.methodName().stringValue());
                }
            }
        }
        return names;
    }

    /**
     * A function {@code run} of a dispatch loop: a switch ({@code br_table}) of {@code cases} cases,
     * each a small loop of loads and stores; {@code loopStart} is the WAT at the top of each
     * iteration, {@code resultAddress} the address of the word added to the result.
     */
    private static String dispatchLoop(int cases, String loopStart, int resultAddress) {
        StringBuilder w = new StringBuilder("""
                (module
                  (memory 1)
                  (func (export "run") (param $n i32) (result i32) (local $pc i32) (local $i i32) (local $acc i32)
                    (loop $dispatch
                """).append(loopStart).append("(block $exit\n");
        for (int k = cases - 1; k >= 0; k--) {
            w.append("(block $c").append(k).append('\n');
        }
        w.append("(br_table");
        for (int k = 0; k < cases; k++) {
            w.append(" $c").append(k);
        }
        w.append(" $exit (i32.rem_u (local.get $pc) (i32.const ").append(cases).append(")))\n");
        for (int k = 0; k < cases; k++) {
            w.append(") ;; $c").append(k).append('\n').append("""
                    (local.set $i (i32.const 0))
                    (loop $l
                      (i32.store offset=%d (i32.and (local.get $i) (i32.const 0xfc)) (i32.add (local.get $acc) (i32.const %d)))
                      (local.set $acc (i32.xor (local.get $acc) (i32.load offset=%d (i32.and (local.get $i) (i32.const 0xfc)))))
                      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 12))))
                    (local.set $pc (i32.add (i32.mul (local.get $pc) (i32.const 7)) (i32.const %d)))
                    (br_if $dispatch (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
                    (br $exit)
                    """.formatted(4 + k % 16 * 256, k, 4 + k % 16 * 256, k + 1));
        }
        w.append("""
                      ) ;; $exit
                    )
                    (i32.add (local.get $acc) (i32.load (i32.const %d)))))
                """.formatted(resultAddress));
        return w.toString();
    }
}
