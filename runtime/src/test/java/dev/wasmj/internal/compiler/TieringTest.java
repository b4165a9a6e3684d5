package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.internal.runtime.WasmFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tiered compilation ({@link Strategy#AUTO} made tiered by its system property): functions start on
 * the interpreter and get compiled once hot, by calls or by loop iterations. Whether a function ran
 * compiled is seen from a host function it calls: the Java stack then has its generated method.
 */
class TieringTest {
    /** Per call of the probe: the Wasm functions whose generated methods are on the stack. */
    private final List<List<String>> probes = new ArrayList<>();

    /** An engine whose AUTO is tiered, with {@code properties} set while it is made. */
    private static Engine tiered(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("dev.wasmj.auto", "tiered");
        try {
            all.forEach(System::setProperty);
            return new Engine(new Config().strategy(Strategy.AUTO));
        } finally {
            all.keySet().forEach(System::clearProperty);
        }
    }

    private Instance instantiate(Engine engine, String wat) {
        Store<Void> store = new Store<>(engine);
        Func probe = Func.of(store, FuncType.of(List.of(), List.of()), (caller, args) -> {
            probes.add(StackWalker.getInstance().walk(frames -> frames
                    .filter(f -> f.getClassName().startsWith("wasmj.gen.") && f.getMethodName().startsWith("f"))
                    .map(StackWalker.StackFrame::getMethodName).toList()));
            return new Val[0];
        });
        return Instance.of(store, Module.fromWat(engine, wat), probe);
    }

    private static final String WAT = """
            (module
              (import "test" "probe" (func $probe))
              (func $leaf (param i32) (result i32) (call $probe) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "twice") (param i32) (result i32) (call $leaf (local.get 0)))
              (func (export "count") (param i32) (result i32) (local i32)
                (block $done
                  (loop $l
                    (br_if $done (i32.eqz (local.get 0)))
                    (local.set 1 (i32.add (local.get 1) (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $l)))
                (call $probe)
                (local.get 1)))
            """;

    @Test
    void aFunctionCalledOftenGetsCompiled() {
        // 5 calls' heat: the 6th call finds $leaf hot and compiles it (on its own thread here)
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(5 * WasmFunction.CALL_HEAT),
                Compiler.BACKGROUND_PROPERTY, "false"));
        Instance i = instantiate(engine, WAT);
        for (int n = 1; n <= 8; n++) {
            assertThat(i.func("twice").call(Val.i32(n))).containsExactly(Val.i32(2 * n));
        }
        // $leaf is function 1, "twice" function 2, both called as often: the first 6 calls ran on the
        // interpreter (the 6th found them hot and compiled them, but went on interpreted), the rest compiled
        assertThat(probes.subList(0, 6)).allSatisfy(frames -> assertThat(frames).isEmpty());
        assertThat(probes.subList(6, 8)).allSatisfy(frames -> assertThat(frames).containsExactly("f1", "f2"));
        assertThat(engine.compilerFallbacks()).isZero();
    }

    @Test
    void aLongLoopMakesItsFunctionHotForItsNextCall() {
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, "1000", Compiler.BACKGROUND_PROPERTY, "false"));
        Instance i = instantiate(engine, WAT);
        // one call, 5,000 iterations: hot during the call, which goes on on the interpreter (no
        // on-stack replacement); the next call runs compiled
        assertThat(i.func("count").call(Val.i32(5000))).containsExactly(Val.i32(12_502_500));
        assertThat(i.func("count").call(Val.i32(5000))).containsExactly(Val.i32(12_502_500));
        assertThat(probes.get(0)).isEmpty();
        assertThat(probes.get(1)).containsExactly("f3");
    }

    @Test
    void calleesThatWorkedInTheirLoopsGetCompiledWhenCompiledCodeCallsThem() {
        // $run is hot by its loop in its first call; $fill (called once per $run, 200 iterations: 216
        // of 6,400 units of heat per call) would take 30 calls of $run to get hot by itself, but once
        // compiled code calls it, having used 1/64 of the threshold is enough; $cold (16 units) is not
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, "6400", Compiler.BACKGROUND_PROPERTY, "false"));
        Instance i = instantiate(engine, """
                (module
                  (import "test" "probe" (func $probe))
                  (func $fill (param i32) (result i32) (local i32)
                    (loop $l
                      (local.set 1 (i32.add (local.get 1) (local.get 0)))
                      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                    (call $probe)
                    (local.get 1))
                  (func $cold (param i32) (result i32) (call $probe) (i32.add (local.get 0) (i32.const 1)))
                  (func (export "run") (param i32) (result i32) (local i32 i32)
                    (local.set 1 (local.get 0))
                    (loop $l
                      (local.set 2 (i32.add (local.get 2) (local.get 1)))
                      (br_if $l (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
                    (call $cold (i32.add (local.get 2) (call $fill (i32.const 200))))))
                """);
        // 10,000 * 10,001 / 2 + 200 * 201 / 2 + 1, modulo 2^32
        Val expected = Val.i32(50_005_000 + 20_100 + 1);
        for (int n = 0; n < 3; n++) {
            assertThat(i.func("run").call(Val.i32(10_000))).containsExactly(expected);
        }
        // per call of "run": the probe of $fill (function 1), then that of $cold (2); "run" is 3
        assertThat(probes.subList(0, 2)).allSatisfy(frames -> assertThat(frames).isEmpty());
        assertThat(probes.subList(2, 6)).containsExactly(List.of("f1", "f3"), List.of("f3"), List.of("f1", "f3"),
                List.of("f3"));
        assertThat(engine.compilerFallbacks()).isZero();
    }

    @Test
    void hotFunctionsGetCompiledInTheBackground() throws InterruptedException {
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(WasmFunction.CALL_HEAT)));
        Instance i = instantiate(engine, WAT);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (probes.isEmpty() || probes.getLast().isEmpty()) {
            assertThat(System.nanoTime()).as("compiled within 30 s").isLessThan(deadline);
            assertThat(i.func("twice").call(Val.i32(21))).containsExactly(Val.i32(42));
            Thread.sleep(1);
        }
        // "twice" runs compiled too, and calls $leaf through its call site
        while (probes.getLast().size() < 2) {
            assertThat(System.nanoTime()).as("both compiled within 30 s").isLessThan(deadline);
            assertThat(i.func("twice").call(Val.i32(21))).containsExactly(Val.i32(42));
            Thread.sleep(1);
        }
        assertThat(probes.getLast()).containsExactly("f1", "f2");
    }

    @Test
    void compiledCodeCallsFunctionsCompiledLaterThroughTheirCallSites() {
        // $outer gets hot and compiled first; $inner (called from it) only later: the call site
        // first reaches $inner on the interpreter, then its compiled method
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(3 * WasmFunction.CALL_HEAT),
                Compiler.BACKGROUND_PROPERTY, "false"));
        Instance i = instantiate(engine, """
                (module
                  (import "test" "probe" (func $probe))
                  (func $inner (param i64 f64 i32) (result f64)
                    (call $probe)
                    (f64.add (f64.convert_i64_s (local.get 0)) (f64.mul (local.get 1) (f64.convert_i32_s (local.get 2)))))
                  (func $outer (export "outer") (param i32) (result f64)
                    (if (result f64) (i32.eqz (local.get 0))
                      (then (f64.const 0))
                      (else (call $inner (i64.const 1) (f64.const 0.5) (local.get 0)))))
                  (func (export "inner") (result f64) (call $inner (i64.const 2) (f64.const 1.5) (i32.const 2))))
                """);
        for (int n = 0; n < 5; n++) {
            assertThat(i.func("outer").call(Val.i32(0))).containsExactly(Val.f64(0)); // $outer gets hot
        }
        assertThat(i.func("outer").call(Val.i32(4))).containsExactly(Val.f64(3));
        assertThat(probes.getLast()).containsExactly("f2"); // compiled $outer, interpreted $inner
        for (int n = 0; n < 5; n++) {
            assertThat(i.func("inner").call()).containsExactly(Val.f64(5)); // $inner gets hot
        }
        assertThat(i.func("outer").call(Val.i32(2))).containsExactly(Val.f64(2));
        assertThat(probes.getLast()).containsExactly("f1", "f2");
    }

    @Test
    void trapsInHotFunctionsKeepTheirBacktraces() {
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(2 * WasmFunction.CALL_HEAT),
                Compiler.BACKGROUND_PROPERTY, "false"));
        Instance i = instantiate(engine, """
                (module $m
                  (import "test" "probe" (func $probe))
                  (memory 1)
                  (func $inner (param i32) (result i32) (i32.load (local.get 0)))
                  (func $outer (export "load") (param i32) (result i32) (call $inner (local.get 0))))
                """);
        List<List<Trap.Frame>> backtraces = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            assertThat(i.func("load").call(Val.i32(0))).containsExactly(Val.i32(0));
            Trap t = catchThrowableOfType(Trap.class, () -> i.func("load").call(Val.i32(65536)));
            assertThat(t.getMessage()).isEqualTo("out of bounds memory access");
            backtraces.add(t.backtrace());
        }
        // interpreted at first, both compiled at the end: the same frames, offsets included
        assertThat(backtraces.getFirst()).extracting(Trap.Frame::funcName).containsExactly("inner", "outer");
        assertThat(backtraces).allSatisfy(b -> assertThat(b).isEqualTo(backtraces.getFirst()));
    }

    @Test
    void aTrapInCompiledCodeUnderInterpretedCallersHasAllTheirFrames() {
        String wat = """
                (module $m
                  (import "test" "probe" (func $probe))
                  (memory 1)
                  (func $inner (export "inner") (param i32) (result i32) (i32.load (local.get 0)))
                  (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
                  (func $outer (export "outer") (param i32) (result i32) (call $middle (local.get 0))))
                """;
        Engine interpreter = new Engine(new Config().strategy(Strategy.INTERPRETER));
        Trap expected = catchThrowableOfType(Trap.class, () -> instantiate(interpreter, wat).func("outer")
                .call(Val.i32(65536)));
        Engine engine = tiered(Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(3 * WasmFunction.CALL_HEAT),
                Compiler.BACKGROUND_PROPERTY, "false"));
        Instance i = instantiate(engine, wat);
        for (int n = 0; n < 6; n++) {
            assertThat(i.func("inner").call(Val.i32(0))).containsExactly(Val.i32(0)); // only $inner gets hot
        }
        Trap actual = catchThrowableOfType(Trap.class, () -> i.func("outer").call(Val.i32(65536)));
        assertThat(actual.backtrace()).extracting(Trap.Frame::funcName).containsExactly("inner", "middle", "outer");
        assertThat(actual.backtrace()).isEqualTo(expected.backtrace());
        assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
    }
}
