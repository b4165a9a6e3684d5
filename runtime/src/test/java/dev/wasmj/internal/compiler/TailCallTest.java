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
import dev.wasmj.WasmException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tail calls on the compiler: they do not grow the Java stack, and behave as on the interpreter. */
class TailCallTest {
    private final Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));
    private final Store<Void> store = new Store<>(engine);

    private Instance instantiate(String wat, Extern... imports) {
        return Instance.of(store, Module.fromWat(engine, wat), imports);
    }

    /** Instantiates {@code wat} with the functions {@code names} kept on the interpreter. */
    private Instance instantiateKeeping(String names, String wat, Extern... imports) {
        System.setProperty(Compiler.INTERPRET_PROPERTY, names);
        try {
            return instantiate(wat, imports);
        } finally {
            System.clearProperty(Compiler.INTERPRET_PROPERTY);
        }
    }

    private static Instance onInterpreter(String wat, Extern... imports) {
        Engine interpreter = new Engine(new Config().strategy(Strategy.INTERPRETER));
        return Instance.of(new Store<>(interpreter), Module.fromWat(interpreter, wat), imports);
    }

    /** Even and odd as a million mutual tail calls: direct, through call_indirect's table and through call_ref. */
    private static final String EVEN_ODD = """
            (module
              (type $t (func (param i64) (result i32)))
              (table $tab 4 funcref)
              (elem (table $tab) (i32.const 0) func $even $odd $even_ind $odd_ind)
              (elem declare func $odd_ref $even_ref)
              (func $even (export "even") (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 44))
                  (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
              (func $odd (export "odd") (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
                  (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
              (func $even_ind (export "even_indirect") (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 44))
                  (else (return_call_indirect $tab (type $t) (i64.sub (local.get 0) (i64.const 1)) (i32.const 3)))))
              (func $odd_ind (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
                  (else (return_call_indirect $tab (type $t) (i64.sub (local.get 0) (i64.const 1)) (i32.const 2)))))
              (func $even_ref (export "even_ref") (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 44))
                  (else (return_call_ref $t (i64.sub (local.get 0) (i64.const 1)) (ref.func $odd_ref)))))
              (func $odd_ref (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
                  (else (return_call_ref $t (i64.sub (local.get 0) (i64.const 1)) (ref.func $even_ref)))))
              ;; callers of tail-calling functions: a direct call, and call_indirect
              (func (export "call_even") (param i64) (result i32) (i32.add (i32.const 1) (call $even (local.get 0))))
              (func (export "indirect_even") (param i64) (result i32)
                (i32.add (i32.const 1) (call_indirect $tab (type $t) (local.get 0) (i32.const 0)))))
            """;

    @Test
    void tailCallsWithV128ParametersAndResults() {
        String wat = """
                (module
                  (type $t (func (param v128 i32) (result v128)))
                  (table $tab 2 funcref)
                  (elem (table $tab) (i32.const 0) func $down $pair_down)
                  (func $down (export "down") (param v128 i32) (result v128)
                    (if (result v128) (i32.eqz (local.get 1)) (then (local.get 0))
                      (else (return_call_indirect $tab (type $t)
                        (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4)) (i32.sub (local.get 1) (i32.const 1))
                        (i32.const 1)))))
                  (func $pair_down (param v128 i32) (result v128)
                    (return_call $down (local.get 0) (local.get 1)))
                  (func $pair (export "pair") (param i32) (result v128 i64)
                    (return_call $two (local.get 0)))
                  (func $two (param i32) (result v128 i64)
                    (i32x4.splat (local.get 0)) (i64.extend_i32_u (local.get 0)))
                  (func (export "lanes") (param i32) (result i32)
                    (local v128)
                    (local.set 1 (call $down (v128.const i32x4 0 0 0 0) (local.get 0)))
                    (i32.add (i32x4.extract_lane 0 (local.get 1)) (i32x4.extract_lane 3 (local.get 1))))
                  (func (export "pair_sum") (param i32) (result i64)
                    (local i64 v128)
                    (call $pair (local.get 0))
                    (local.set 1)
                    (local.set 2)
                    (i64.add (local.get 1) (i64.extend_i32_u (i32x4.extract_lane 2 (local.get 2))))))
                """;
        Instance i = instantiate(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        Instance reference = onInterpreter(wat);
        for (String f : new String[] {"lanes", "pair_sum"}) {
            for (int n : new int[] {0, 1, 7, 100_000}) {
                assertThat(i.func(f).call(Val.i32(n))).as(f + " " + n).isEqualTo(reference.func(f).call(Val.i32(n)));
            }
        }
        assertThat(i.func("lanes").call(Val.i32(100_000))).containsExactly(Val.i32(500_000));
        assertThat(i.func("pair_sum").call(Val.i32(21))).containsExactly(Val.i64(42));
        assertThat(i.func("down").call(Val.v128(0, 0), Val.i32(2)))
                .isEqualTo(reference.func("down").call(Val.v128(0, 0), Val.i32(2)));
    }

    @Test
    void tailCallsWithSeveralResultsIncludingAReference() {
        String wat = """
                (module
                  (func $count (export "count") (param i32 externref) (result i32 externref i64)
                    (if (result i32 externref i64) (i32.eqz (local.get 0))
                      (then (i32.const -7) (local.get 1) (i64.const 5))
                      (else (return_call $down (local.get 0) (local.get 1)))))
                  (func $down (param i32 externref) (result i32 externref i64)
                    (return_call $count (i32.sub (local.get 0) (i32.const 1)) (local.get 1)))
                  (func (export "first") (param i32 externref) (result i32)
                    (call $count (local.get 0) (local.get 1))
                    (drop)
                    (drop)))
                """;
        Instance i = instantiate(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        Object host = "host object";
        assertThat(i.func("count").call(Val.i32(1_000_000), Val.externref(host)))
                .containsExactly(Val.i32(-7), Val.externref(host), Val.i64(5));
        assertThat(i.func("first").call(Val.i32(100_000), Val.externref(host))).containsExactly(Val.i32(-7));
    }

    @Test
    void aMillionMutualTailCallsBetweenCompiledFunctions() {
        Instance i = instantiate(EVEN_ODD);
        assertThat(engine.compilerFallbacks()).isZero();
        for (String f : new String[] {"even", "even_indirect", "even_ref"}) {
            assertThat(i.func(f).call(Val.i64(1_000_000))).as(f).containsExactly(Val.i32(44));
            assertThat(i.func(f).call(Val.i64(1_000_001))).as(f).containsExactly(Val.i32(99));
        }
        assertThat(i.func("odd").call(Val.i64(999_999))).containsExactly(Val.i32(44));
        assertThat(i.func("call_even").call(Val.i64(1_000_000))).containsExactly(Val.i32(45));
        assertThat(i.func("indirect_even").call(Val.i64(1_000_001))).containsExactly(Val.i32(100));
    }

    @Test
    void aMillionTailCallsAlternatingBetweenCompiledAndInterpretedFunctions() {
        Instance i = instantiateKeeping("odd", """
                (module
                  (func $even (export "even") (param i64) (result i32)
                    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 44))
                      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
                  ;; kept on the interpreter
                  (func $odd (export "odd") (param i64) (result i32) (local v128)
                    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
                      (else (return_call $even (i64.sub (local.get 0) (i64.const 1)))))))
                """);
        assertThat(engine.compilerFallbacks()).isEqualTo(1);
        assertThat(i.func("even").call(Val.i64(1_000_000))).containsExactly(Val.i32(44));
        assertThat(i.func("odd").call(Val.i64(1_000_000))).containsExactly(Val.i32(99));
        assertThat(i.func("even").call(Val.i64(1_000_001))).containsExactly(Val.i32(99));
    }

    @Test
    void tailCallsOfHostFunctionsOtherInstancesAndInterpretedFunctions() {
        List<Integer> seen = new ArrayList<>();
        Func host = Func.of(store, FuncType.of(List.of(ValType.I32, ValType.F32), List.of(ValType.I64)),
                (caller, args) -> {
                    seen.add(args[0].i32());
                    return new Val[] {Val.i64(args[0].i32() + (long) args[1].f32())};
                });
        Instance other = instantiate("""
                (module
                  (func $back (import "m" "back") (param i64) (result i64))
                  (func (export "dec") (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 7))
                      (else (return_call $back (i64.sub (local.get 0) (i64.const 1)))))))
                """, Func.of(store, FuncType.of(List.of(ValType.I64), List.of(ValType.I64)),
                (caller, args) -> new Val[] {Val.i64(-1)}));
        Instance i = instantiateKeeping("lanes", """
                (module
                  (import "h" "host" (func $host (param i32 f32) (result i64)))
                  (import "o" "dec" (func $dec (param i64) (result i64)))
                  (func (export "to_host") (param i32) (result i64)
                    (return_call $host (i32.add (local.get 0) (i32.const 1)) (f32.const 2.5)))
                  (func (export "to_other") (param i64) (result i64) (return_call $dec (local.get 0)))
                  ;; kept on the interpreter
                  (func $lanes (param i64) (result i64) (local v128)
                    (i64x2.extract_lane 0 (i64x2.splat (i64.mul (local.get 0) (i64.const 3)))))
                  (func (export "to_interpreted") (param i64) (result i64) (return_call $lanes (local.get 0)))
                  (func (export "several") (param i32) (result i32 i64)
                    (return_call $pair (local.get 0)))
                  (func $pair (param i32) (result i32 i64)
                    (local.get 0) (i64.extend_i32_s (local.get 0))))
                """, host, other.func("dec"));
        assertThat(engine.compilerFallbacks()).isEqualTo(1);
        assertThat(i.func("to_host").call(Val.i32(4))).containsExactly(Val.i64(7));
        assertThat(seen).containsExactly(5);
        assertThat(i.func("to_other").call(Val.i64(0))).containsExactly(Val.i64(7));
        assertThat(i.func("to_other").call(Val.i64(3))).containsExactly(Val.i64(-1));
        assertThat(i.func("to_interpreted").call(Val.i64(5))).containsExactly(Val.i64(15));
        assertThat(i.func("several").call(Val.i32(-2))).containsExactly(Val.i32(-2), Val.i64(-2));
    }

    @Test
    void trapsHaveTheInterpretersBacktracesWithoutTheFramesThatTailCalled() {
        String wat = """
                (module $m
                  (type $t (func (param i32) (result i32)))
                  (table $tab 2 funcref)
                  (elem (i32.const 0) $load)
                  (memory 1)
                  (func $load (param i32) (result i32) (i32.load (local.get 0)))
                  (func $via (export "via") (param i32) (result i32) (return_call $load (local.get 0)))
                  (func $via_table (param i32) (result i32)
                    (return_call_indirect $tab (type $t) (local.get 0) (local.get 0)))
                  (func $via_null (param i32) (result i32)
                    (return_call_ref $t (local.get 0) (ref.null $t)))
                  (func (export "load") (param i32) (result i32)
                    (i32.add (i32.const 1) (call $via (local.get 0))))
                  (func (export "table") (param i32) (result i32)
                    (i32.add (i32.const 1) (call $via_table (local.get 0))))
                  (func (export "null") (param i32) (result i32)
                    (i32.add (i32.const 1) (call $via_null (local.get 0)))))
                """;
        Instance compiled = instantiate(wat);
        Instance interpreted = onInterpreter(wat);
        assertThat(engine.compilerFallbacks()).isZero();
        // index 0: $load traps out of bounds; 1: a null element; 5: outside the table
        for (String[] call : new String[][] {{"load", "65536"}, {"via", "65536"}, {"table", "1"},
                {"table", "5"}, {"null", "0"}}) {
            Val arg = Val.i32(Integer.parseInt(call[1]));
            Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func(call[0]).call(arg));
            Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func(call[0]).call(arg));
            String what = call[0] + " " + call[1];
            assertThat(actual).as(what).isNotNull();
            assertThat(actual.code()).as(what).isEqualTo(expected.code());
            assertThat(actual.getMessage()).as(what).isEqualTo(expected.getMessage());
            assertThat(actual.backtrace()).as(what).isEqualTo(expected.backtrace());
        }
        Trap load = catchThrowableOfType(Trap.class, () -> compiled.func("load").call(Val.i32(65536)));
        assertThat(load.backtrace()).extracting(Trap.Frame::funcName).containsExactly("load", null);
        Trap via = catchThrowableOfType(Trap.class, () -> compiled.func("via").call(Val.i32(65536)));
        assertThat(via.backtrace()).extracting(Trap.Frame::funcName).containsExactly("load");
        Trap table = catchThrowableOfType(Trap.class, () -> compiled.func("table").call(Val.i32(1)));
        assertThat(table.code()).isEqualTo(TrapCode.INDIRECT_CALL_TO_NULL);
        assertThat(table.backtrace()).extracting(Trap.Frame::funcName).containsExactly("via_table", null);
        assertThat(compiled.func("table").call(Val.i32(0))).containsExactly(Val.i32(1));
    }

    @Test
    void aWasmExceptionFromATailCalledFunctionReachesTheCallersHandler() {
        Instance i = instantiate("""
                (module
                  (tag $e (param i32))
                  (func $throw (param i32) (result i32) (throw $e (local.get 0)))
                  (func $tail (export "tail") (param i32) (result i32) (return_call $throw (local.get 0)))
                  (func (export "run") (param i32) (result i32)
                    (block $h (result i32)
                      (try_table (catch $e $h) (return (call $tail (local.get 0))))
                      (unreachable))
                    (i32.const 100)
                    (i32.add)))
                """);
        assertThat(i.func("run").call(Val.i32(5))).containsExactly(Val.i32(105));
        WasmException e = catchThrowableOfType(WasmException.class, () -> i.func("tail").call(Val.i32(5)));
        assertThat(e).isNotNull();
    }

    @Test
    void deepRecursionThroughTailCallingFunctionsTrapsAndTheStoreStaysUsable() {
        Instance i = instantiate("""
                (module
                  (func $down (export "down") (param i64) (result i64)
                    (i64.add (i64.const 1) (call $hop (local.get 0))))
                  (func $hop (param i64) (result i64) (return_call $down (local.get 0)))
                  (func $even (export "even") (param i64) (result i32)
                    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 44))
                      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
                  (func $odd (param i64) (result i32)
                    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 99))
                      (else (return_call $even (i64.sub (local.get 0) (i64.const 1)))))))
                """);
        assertThat(engine.compilerFallbacks()).isZero();
        for (int k = 0; k < 2; k++) {
            Trap trap = catchThrowableOfType(Trap.class, () -> i.func("down").call(Val.i64(0)));
            assertThat(trap.code()).isEqualTo(TrapCode.STACK_OVERFLOW);
            assertThat(trap.getMessage()).isEqualTo("call stack exhausted");
            assertThat(i.func("even").call(Val.i64(10))).containsExactly(Val.i32(44));
            assertThat(i.func("even").call(Val.i64(0))).containsExactly(Val.i32(44));
        }
    }
}
