package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Extern;
import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiler through the public API: results, traps, backtraces, fallbacks and calls across engines. */
class CompilerTest {
    private final Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));
    private final Store<Void> store = new Store<>(engine);

    private Instance instantiate(String wat, Extern... imports) {
        return Instance.of(store, Module.fromWat(engine, wat), imports);
    }

    private static Instance onInterpreter(String wat) {
        Engine interpreter = new Engine(new Config().strategy(Strategy.INTERPRETER));
        return Instance.of(new Store<>(interpreter), Module.fromWat(interpreter, wat));
    }

    @Test
    void controlFlowWithValuesCompiles() {
        Instance i = instantiate("""
                (module
                  (func $fac (export "fac") (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
                  (func (export "sum") (param i32) (result i32) (local i32)
                    (block $done
                      (loop $l
                        (br_if $done (i32.eqz (local.get 0)))
                        (local.set 1 (i32.add (local.get 1) (local.get 0)))
                        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                        (br $l)))
                    (local.get 1))
                  (func (export "pick") (param i32) (result i64)
                    (i64.add (i64.const 100)
                      (block $b (result i64)
                        (i64.add (i64.const 1000)
                          (block $a (result i64)
                            (i64.const 7)
                            (local.get 0)
                            (br_table $a $b 2 (i64.const 5) (local.get 0))
                            (drop))))))
                  (func (export "sel") (param i32 f64 f64) (result f64)
                    (select (local.get 1) (local.get 2) (local.get 0))))
                """);
        assertThat(engine.compilerFallbacks()).isZero();
        assertThat(i.func("fac").call(Val.i64(20))).containsExactly(Val.i64(2432902008176640000L));
        assertThat(i.func("sum").call(Val.i32(100))).containsExactly(Val.i32(5050));
        assertThat(i.func("pick").call(Val.i32(0))).containsExactly(Val.i64(1105));
        assertThat(i.func("pick").call(Val.i32(1))).containsExactly(Val.i64(105));
        assertThat(i.func("pick").call(Val.i32(9))).containsExactly(Val.i64(5)); // default: returns
        assertThat(i.func("sel").call(Val.i32(1), Val.f64(1.5), Val.f64(2.5))).containsExactly(Val.f64(1.5));
        assertThat(i.func("sel").call(Val.i32(0), Val.f64(1.5), Val.f64(2.5))).containsExactly(Val.f64(2.5));
    }

    /** Loops entered with values below them (kept in locals meanwhile: see ControlCompiler). */
    @Test
    void loopsWithValuesBelowThemCompile() {
        String wat = """
                (module
                  (func (export "nested") (param i32) (result i64) (local i32)
                    (i64.const 1000)
                    (block $out (result i32)
                      (i32.const 50)
                      (i64.const 7)
                      (f64.const 2.5)
                      (loop $outer
                        (local.get 0)
                        (loop $inner (param i32) (result i32)
                          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                          (br_if $out (i32.gt_u (local.get 1) (i32.const 20)))
                          (br_if $inner (i32.and (local.get 1) (i32.const 1)))
                          (br_if $outer (i32.lt_u (local.get 1) (local.get 0)))
                          (i32.const 3)
                          (br_table $inner $out 0 (i32.and (local.get 1) (i32.const 1))))
                        (drop))
                      (drop)
                      (drop)
                      (i32.add (local.get 1)))
                    (i64.extend_i32_u)
                    (i64.add))
                  (func (export "plain") (param i32) (result i32)
                    (i32.const 5)
                    (loop $l (result i32)
                      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                      (br_if $l (local.get 0))
                      (i32.const 9))
                    (i32.add)))
                """;
        Instance i = instantiate(wat);
        Instance reference = onInterpreter(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        for (int n : new int[] {0, 1, 2, 5, 12, 30}) {
            assertThat(i.func("nested").call(Val.i32(n))).as("nested %d", n)
                    .isEqualTo(reference.func("nested").call(Val.i32(n)));
        }
        assertThat(i.func("plain").call(Val.i32(10))).containsExactly(Val.i32(14));
    }

    @Test
    void trapsHaveTheInterpretersCodesMessagesAndBacktraces() {
        String wat = """
                (module $m
                  (memory 1)
                  (func $inner (param i32) (result i32) (i32.load (local.get 0)))
                  (func $outer (export "load") (param i32) (result i32) (call $inner (local.get 0)))
                  (func $div (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
                  (func $boom (export "boom") unreachable))
                """;
        Instance compiled = instantiate(wat);
        Instance interpreted = onInterpreter(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        for (String[] call : new String[][] {{"load", "65536"}, {"div", "0"}, {"boom", null}}) {
            Val[] args = call[1] == null ? new Val[0] : new Val[] {Val.i32(Integer.parseInt(call[1]))};
            Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func(call[0]).call(args));
            Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func(call[0]).call(args));
            assertThat(actual.code()).as(call[0]).isEqualTo(expected.code());
            assertThat(actual.getMessage()).as(call[0]).isEqualTo(expected.getMessage());
            assertThat(actual.backtrace()).as(call[0]).isEqualTo(expected.backtrace());
        }
        Trap load = catchThrowableOfType(Trap.class, () -> compiled.func("load").call(Val.i32(65536)));
        assertThat(load.backtrace()).extracting(Trap.Frame::funcName).containsExactly("inner", "outer");
        assertThat(compiled.func("load").call(Val.i32(0))).containsExactly(Val.i32(0));
    }

    @Test
    void manyAccessesOutsideLoopsGoOutOfLineWithTheSameResultsAndTraps() {
        // more than 90 loads and stores (see FunctionCompiler.inlineDepth), most outside the loop: those
        // run through MemoryAccess.outOfLine
        StringBuilder straight = new StringBuilder();
        String[][] kinds = {{"i32.store", "i32.load", "i32"}, {"i64.store", "i64.load", "i64"},
                {"i32.store8", "i32.load8_s", "i32"}, {"i32.store16", "i32.load16_u", "i32"},
                {"i64.store8", "i64.load8_u", "i64"}, {"i64.store16", "i64.load16_s", "i64"},
                {"i64.store32", "i64.load32_s", "i64"}, {"f32.store", "f32.load", "f32"},
                {"f64.store", "f64.load", "f64"}, {"i32.store8", "i32.load8_u", "i32"},
                {"i64.store32", "i64.load32_u", "i64"}, {"i32.store16", "i32.load16_s", "i32"}};
        for (int k = 0; k < kinds.length; k++) {
            String[] kind = kinds[k];
            String value = switch (kind[2]) {
                case "i32" -> "(i32.const -" + (k * 977 + 3) + ")";
                case "i64" -> "(i64.const -" + (k * 123_457_777_777L + 5) + ")";
                case "f32" -> "(f32.const -1.25)";
                default -> "(f64.const 3.5e100)";
            };
            String convert = switch (kind[2]) {
                case "i32" -> "(i64.extend_i32_s %s)";
                case "i64" -> "%s";
                case "f32" -> "(i64.extend_i32_u (i32.reinterpret_f32 %s))";
                default -> "(i64.reinterpret_f64 %s)";
            };
            straight.append("(%s offset=%d (local.get 0) %s)\n".formatted(kind[0], k * 8, value));
            straight.append("(local.set 1 (i64.add (i64.mul (local.get 1) (i64.const 31)) %s))\n".formatted(
                    convert.formatted("(%s offset=%d (local.get 0))".formatted(kind[1], k * 8))));
        }
        String wat = """
                (module
                  (memory 1)
                  (func (export "mix") (param i32) (result i64) (local i64) (local i32)
                    %s
                    (loop $l
                      (i64.store offset=200 (local.get 0)
                        (i64.add (i64.load offset=200 (local.get 0)) (local.get 1)))
                      (local.set 1 (i64.add (local.get 1) (i64.load offset=200 (local.get 0))))
                      (br_if $l (i32.lt_u (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (i32.const 10))))
                    (local.get 1)))
                """.formatted(straight.toString().repeat(4));
        Instance compiled = instantiate(wat);
        Instance interpreted = onInterpreter(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        for (int base : new int[] {0, 1000, 65_536 - 100, 65_536 - 40, -8}) {
            Val arg = Val.i32(base);
            Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func("mix").call(arg));
            Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func("mix").call(arg));
            if (expected == null) {
                assertThat(actual).as("base %d", base).isNull();
                assertThat(compiled.func("mix").call(arg)).as("base %d", base)
                        .containsExactly(interpreted.func("mix").call(arg));
            } else {
                assertThat(actual).as("base %d", base).isNotNull();
                assertThat(actual.code()).isEqualTo(expected.code());
                assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
                assertThat(actual.backtrace()).isEqualTo(expected.backtrace());
            }
        }
    }

    @Test
    void deepRecursionTrapsAndTheStoreStaysUsable() {
        Instance i = instantiate("""
                (module
                  (func $down (export "down") (param i64) (result i64)
                    (i64.add (i64.const 1) (call $down (local.get 0))))
                  (func (export "one") (result i32) (i32.const 1)))
                """);
        Trap trap = catchThrowableOfType(Trap.class, () -> i.func("down").call(Val.i64(0)));
        assertThat(trap.code()).isEqualTo(TrapCode.STACK_OVERFLOW);
        assertThat(trap.getMessage()).isEqualTo("call stack exhausted");
        assertThat(i.func("one").call()).containsExactly(Val.i32(1));
    }

    @Test
    void compiledAndInterpretedFunctionsCallEachOther() {
        Func twice = Func.of(store, FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
                (caller, args) -> new Val[] {Val.i32(args[0].i32() * 2)});
        System.setProperty(Compiler.INTERPRET_PROPERTY, "lane");
        Instance i;
        try {
            i = instantiate("""
                (module
                  (import "host" "twice" (func $twice (param i32) (result i32)))
                  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  ;; kept on the interpreter
                  (func $lane (param i32) (result i32)
                    (i64.mul_wide_u (i64.extend_i32_u (local.get 0)) (i64.const 1))
                    (drop)
                    (call $inc (i32.wrap_i64)))
                  (func (export "run") (param i32) (result i32)
                    (call $twice (call $lane (local.get 0)))))
                """, twice);
        } finally {
            System.clearProperty(Compiler.INTERPRET_PROPERTY);
        }
        assertThat(engine.compilerFallbacks()).isEqualTo(1);
        assertThat(i.func("run").call(Val.i32(20))).containsExactly(Val.i32(42));
    }

    @Test
    void memoryGrowthIsSeenAfterGrowAndCalls() {
        Instance i = instantiate("""
                (module
                  (memory 1)
                  (func $grow (result i32) (memory.grow (i32.const 1)))
                  (func (export "run") (result i32)
                    (drop (call $grow))
                    (i32.store (i32.const 70000) (i32.const 7))
                    (drop (memory.grow (i32.const 1)))
                    (i32.store (i32.const 140000) (i32.const 8))
                    (i32.add (memory.size) (i32.add (i32.load (i32.const 70000)) (i32.load (i32.const 140000))))))
                """);
        assertThat(i.func("run").call()).containsExactly(Val.i32(3 + 15));
    }

    @Test
    void indirectCallsCheckTypesLikeTheInterpreter() {
        Instance i = instantiate("""
                (module
                  (type $ii (func (param i32) (result i32)))
                  (table 3 funcref)
                  (elem (i32.const 0) $neg $nothing)
                  (func $neg (type $ii) (i32.sub (i32.const 0) (local.get 0)))
                  (func $nothing)
                  (func (export "call") (param i32 i32) (result i32)
                    (call_indirect (type $ii) (local.get 1) (local.get 0))))
                """);
        assertThat(i.func("call").call(Val.i32(0), Val.i32(5))).containsExactly(Val.i32(-5));
        assertThat(catchThrowableOfType(Trap.class, () -> i.func("call").call(Val.i32(1), Val.i32(5))))
                .hasMessage("indirect call type mismatch");
        assertThat(catchThrowableOfType(Trap.class, () -> i.func("call").call(Val.i32(2), Val.i32(5))))
                .hasMessage("uninitialized element 2");
        assertThat(catchThrowableOfType(Trap.class, () -> i.func("call").call(Val.i32(3), Val.i32(5))))
                .hasMessage("undefined element");
    }

    @Test
    void severalResultsTravelThroughCallsAndBranches() {
        Instance i = instantiate("""
                (module
                  (func $swap (param i32 f64) (result f64 i32) (local.get 1) (local.get 0))
                  (func $early (param i32) (result i64 i32)
                    (i64.const 9) (i32.const 1)
                    (br_if 0 (local.get 0))
                    (drop) (drop) (i64.const 3) (i32.const 4))
                  (func (export "run") (param i32) (result f64 i32 i64 i32)
                    (call $swap (local.get 0) (f64.const 2.5))
                    (call $early (local.get 0))))
                """);
        assertThat(engine.compilerFallbacks()).isZero();
        assertThat(i.func("run").call(Val.i32(1)))
                .containsExactly(Val.f64(2.5), Val.i32(1), Val.i64(9), Val.i32(1));
        assertThat(i.func("run").call(Val.i32(0)))
                .containsExactly(Val.f64(2.5), Val.i32(0), Val.i64(3), Val.i32(4));
    }

    @Test
    void aSelfTailCallDoesNotGrowTheStack() {
        Instance i = instantiate("""
                (module
                  (func $count (export "count") (param i64 i64) (result i64) (local i32)
                    (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
                      (else
                        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
                        (return_call $count (i64.sub (local.get 0) (i64.const 1))
                          (i64.add (local.get 1) (i64.extend_i32_u (local.get 2))))))))
                """);
        assertThat(engine.compilerFallbacks()).isZero();
        // the declared local restarts at zero in each call: each step adds 1
        assertThat(i.func("count").call(Val.i64(1_000_000), Val.i64(0))).containsExactly(Val.i64(1_000_000));
    }

    @Test
    void nullChecksOfReferences() {
        Instance i = instantiate("""
                (module
                  (type $f (func (result i32)))
                  (func $seven (type $f) (i32.const 7))
                  (elem declare func $seven)
                  (func (export "call") (param i32) (result i32)
                    (call_ref $f (select (result (ref null $f)) (ref.func $seven) (ref.null $f) (local.get 0))))
                  (func (export "orNine") (param i32) (result i32)
                    (block $null
                      (return (call_ref $f (br_on_null $null
                        (select (result (ref null $f)) (ref.func $seven) (ref.null $f) (local.get 0))))))
                    (i32.const 9))
                  (func (export "nonNull") (param i32) (result i32)
                    (ref.is_null (ref.as_non_null
                      (select (result (ref null $f)) (ref.func $seven) (ref.null $f) (local.get 0))))))
                """);
        assertThat(engine.compilerFallbacks()).isZero();
        assertThat(i.func("call").call(Val.i32(1))).containsExactly(Val.i32(7));
        assertThat(catchThrowableOfType(Trap.class, () -> i.func("call").call(Val.i32(0))))
                .hasMessage("null function reference");
        assertThat(i.func("orNine").call(Val.i32(1))).containsExactly(Val.i32(7));
        assertThat(i.func("orNine").call(Val.i32(0))).containsExactly(Val.i32(9));
        assertThat(i.func("nonNull").call(Val.i32(1))).containsExactly(Val.i32(0));
        assertThat(catchThrowableOfType(Trap.class, () -> i.func("nonNull").call(Val.i32(0))))
                .hasMessage("null reference");
    }

    /** A br_table of 5,000 labels (more than a tableswitch fits in a method) compiles and branches right. */
    @Test
    void hugeBranchTables() {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            labels.append(" $").append(i * 7 % 3);
        }
        String wat = """
                (module
                  (func (export "table") (param i32) (result i32) (local i32)
                    (i64.const 100) ;; below the blocks: the branch to $2 moves its i32 past it
                    (block $2 (result i32)
                      (block $1 (result i32)
                        (block $0 (result i32)
                          (br_table $0 $1 $2 %s $1 (i32.const 20) (local.get 0)))
                        (return (i32.add (i32.const 10))))
                      (return (i32.add (i32.const 11))))
                    (local.set 1)
                    (i32.add (i32.wrap_i64) (local.get 1))))
                """.formatted(labels);
        Instance compiled = instantiate(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        Instance interpreted = CompiledModules.interpreted(wat);
        for (int index : new int[] {0, 1, 2, 3, 4, 5, 2999, 4999, 5000, 5001, 5002, 5003, 100_000, -1, Integer.MIN_VALUE}) {
            assertThat(compiled.func("table").call(Val.i32(index))).as("index " + index)
                    .isEqualTo(interpreted.func("table").call(Val.i32(index)));
        }
        assertThat(compiled.func("table").call(Val.i32(5003))).containsExactly(Val.i32(31));
        assertThat(compiled.func("table").call(Val.i32(2))).containsExactly(Val.i32(120));
    }

    @Test
    void bigModulesCompileLazilyOnFirstCall() {
        Engine lazy;
        System.setProperty(Compiler.LAZY_ABOVE_PROPERTY, "0");
        try {
            lazy = new Engine(new Config().strategy(Strategy.COMPILER));
        } finally {
            System.clearProperty(Compiler.LAZY_ABOVE_PROPERTY);
        }
        System.setProperty(Compiler.INTERPRET_PROPERTY, "escape");
        try {
            Store<Void> lazyStore = new Store<>(lazy);
            Instance i = Instance.of(lazyStore, Module.fromWat(lazy, """
                    (module
                      (tag $e)
                      (func $throw (throw $e))
                      (func $twice (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
                      (func (export "twice") (param i32) (result i32) (call $twice (local.get 0)))
                      ;; the tail call replaces the frame: its handler does not catch what $throw throws
                      (func $escape (export "escape") (block $h (try_table (catch $e $h) (return_call $throw)))))
                    """));
            assertThat(lazy.compilerFallbacks()).isZero(); // nothing compiled yet
            assertThat(i.func("twice").call(Val.i32(21))).containsExactly(Val.i32(42));
            assertThat(lazy.compilerFallbacks()).isEqualTo(1); // the whole class was compiled: "escape" kept on the interpreter
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> i.func("escape").call()))
                    .isInstanceOf(dev.wasmj.WasmException.class);
        } finally {
            System.clearProperty(Compiler.INTERPRET_PROPERTY);
        }
    }

    @Test
    void floatsKeepTheirNaNPayloads() {
        Instance i = instantiate("""
                (module
                  (memory 1)
                  (global $g (mut f32) (f32.const 0))
                  (func (export "f") (param f32) (result f32)
                    (f32.store (i32.const 0) (f32.neg (local.get 0)))
                    (global.set $g (f32.load (i32.const 0)))
                    (f32.neg (global.get $g))))
                """);
        int signalling = 0x7FA0_0001;
        assertThat(i.func("f").call(Val.f32Bits(signalling))).containsExactly(new Val.F32(signalling));
    }
}
