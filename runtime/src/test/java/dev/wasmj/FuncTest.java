package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToLongFunction;
import java.util.function.IntBinaryOperator;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class FuncTest {
    private final Engine engine = new Engine();
    private final Store<List<String>> store = new Store<>(engine, new ArrayList<>());

    private Instance instantiate(String wat, Extern... imports) {
        return Instance.of(store, Module.fromWat(engine, wat), imports);
    }

    @Test
    void callsWithValsAndTypedViews() {
        Instance i = instantiate("""
                (module
                  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
                  (func (export "inc") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
                  (func (export "mul") (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
                  (func (export "two") (result i32 i64) (i32.const 2) (i64.const 3))
                  (func (export "seven") (result i32) (i32.const 7)))
                """);
        assertThat(i.func("add").call(Val.i32(2), Val.i32(3))).containsExactly(Val.i32(5));
        assertThat(i.func("two").call()).containsExactly(Val.i32(2), Val.i64(3));
        assertThat(i.typedFunc("add", IntBinaryOperator.class).applyAsInt(40, 2)).isEqualTo(42);
        assertThat(i.typedFunc("inc", LongUnaryOperator.class).applyAsLong(41)).isEqualTo(42);
        assertThat(i.typedFunc("mul", DoubleBinaryOperator.class).applyAsDouble(1.5, 4)).isEqualTo(6.0);
        assertThat(i.typedFunc("seven", IntSupplier.class).getAsInt()).isEqualTo(7);
        assertThatThrownBy(() -> i.typedFunc("add", LongUnaryOperator.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be viewed as LongUnaryOperator");
    }

    @Test
    void wrongArgumentsAreRejectedBeforeAnythingRuns() {
        Instance i = instantiate("""
                (module (func (export "f") (param i32 funcref) (result i32) (local.get 0)))
                """);
        Func f = i.func("f");
        assertThatThrownBy(() -> f.call(Val.i32(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected 2 arguments, got 1");
        assertThatThrownBy(() -> f.call(Val.i64(1), Val.funcref(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 0 has the wrong type: expected i32");
        assertThatThrownBy(() -> f.call(Val.i32(1), Val.externref("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 1 has the wrong type: expected funcref");
        assertThat(f.call(Val.i32(9), Val.funcref(f))).containsExactly(Val.i32(9));
    }

    @Test
    void nonNullableParametersRefuseNull() {
        Instance i = instantiate("""
                (module (type $t (func)) (func (export "f") (param (ref $t))) (func (export "g") (type $t)))
                """);
        assertThatThrownBy(() -> i.func("f").call(Val.funcref(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected (ref (func))");
        i.func("f").call(Val.funcref(i.func("g")));
        Func other = Func.of(store, FuncType.of(List.of(ValType.I32), List.of()), (c, a) -> Val.NONE);
        assertThatThrownBy(() -> i.func("f").call(Val.funcref(other)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostFunctionsReadTheCallersMemoryAndTheStoreData() {
        Func log = Func.of(store, FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, args) -> {
            byte[] bytes = caller.memory("memory").read(args[0].i32(), args[1].i32());
            caller.data().add(new String(bytes, StandardCharsets.UTF_8));
            return Val.NONE;
        });
        Instance i = instantiate("""
                (module
                  (import "env" "log" (func $log (param i32 i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 8) "hello, host")
                  (func (export "run") (call $log (i32.const 8) (i32.const 11))))
                """, log);
        i.func("run").call();
        assertThat(store.data()).containsExactly("hello, host");
    }

    @Test
    void aHostFunctionCallsBackIntoItsCaller() {
        Func back = Func.of(store, FuncType.of(List.of(ValType.I32), List.of(ValType.I32)), (caller, args) -> {
            Func twice = (Func) caller.export("twice").orElseThrow();
            return twice.call(args[0]); // re-enters the store on the same thread
        });
        Instance i = instantiate("""
                (module
                  (import "env" "back" (func $back (param i32) (result i32)))
                  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
                  (func (export "run") (param i32) (result i32) (i32.add (call $back (local.get 0)) (i32.const 1))))
                """, back);
        assertThat(i.func("run").call(Val.i32(20))).containsExactly(Val.i32(41));
    }

    @Test
    void wrappedHostFunctionsTakeAndReturnPrimitives() {
        Func add = Func.wrap(store, IntBinaryOperator.class, (a, b) -> a + b);
        assertThat(add.type()).isEqualTo(FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)));
        Linker<List<String>> linker = new Linker<List<String>>(engine)
                .define("env", "add", add)
                .funcWrap("env", "half", DoubleUnaryOperator.class, x -> x / 2)
                .funcWrap("env", "wide", IntToLongFunction.class, x -> (long) x << 32);
        Instance i = linker.instantiate(store, Module.fromWat(engine, """
                (module
                  (import "env" "add" (func $add (param i32 i32) (result i32)))
                  (import "env" "half" (func $half (param f64) (result f64)))
                  (import "env" "wide" (func $wide (param i32) (result i64)))
                  (func (export "run") (result i32 f64 i64)
                    (call $add (i32.const -2) (i32.const 5)) (call $half (f64.const 3)) (call $wide (i32.const 1))))
                """));
        assertThat(i.func("run").call()).containsExactly(Val.i32(3), Val.f64(1.5), Val.i64(1L << 32));
        assertThat(add.call(Val.i32(1), Val.i32(2))).containsExactly(Val.i32(3));
        assertThatThrownBy(() -> Func.wrap(store, java.util.function.Function.class, x -> x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no typed function");
    }

    @Test
    void aHostFunctionCalledFromTheHostHasNoCallingInstance() {
        Func f = Func.of(store, FuncType.of(List.of(), List.of(ValType.I32)),
                (caller, args) -> new Val[] {Val.i32(caller.instance().isPresent() ? 1 : 0)});
        assertThat(f.call()).containsExactly(Val.i32(0));
        assertThatThrownBy(() -> Func.of(store, FuncType.of(List.of(), List.of(ValType.I32)), (c, a) -> Val.NONE).call())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected 1 results, got 0");
    }

    @Test
    void aTrapHasABacktraceWithNamesAndLeavesTheStoreUsable() {
        Instance i = instantiate("""
                (module $m
                  (memory 1)
                  (func $inner (param i32) (result i32) (i32.load (local.get 0)))
                  (func $outer (export "load") (param i32) (result i32) (call $inner (local.get 0))))
                """);
        Func load = i.func("load");
        Trap trap = (Trap) org.assertj.core.api.Assertions.catchThrowable(() -> load.call(Val.i32(65536)));
        assertThat(trap.code()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS);
        assertThat(trap.getMessage()).startsWith("out of bounds memory access");
        assertThat(trap.backtrace()).extracting(Trap.Frame::funcName).startsWith("inner", "outer");
        assertThat(trap.backtrace().getFirst().moduleName()).isEqualTo("m");
        assertThat(trap.backtrace().getFirst().funcIndex()).isZero();
        assertThat(trap.backtrace().getFirst().moduleOffset()).isPositive();
        assertThat(load.call(Val.i32(0))).containsExactly(Val.i32(0));
    }

    @Test
    void aHostTrapTrapsTheCaller() {
        Func fail = Func.of(store, FuncType.of(List.of(), List.of()), (caller, args) -> {
            throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "host says no");
        });
        Instance i = instantiate("""
                (module (import "env" "fail" (func $fail)) (func (export "run") (call $fail)))
                """, fail);
        assertThatThrownBy(() -> i.func("run").call()).isInstanceOf(Trap.class).hasMessage("host says no");
    }

    @Test
    void deepRecursionIsAStackOverflowTrap() {
        Instance i = instantiate("""
                (module (func $f (export "f") (call $f)) (func (export "ok") (result i32) (i32.const 1)))
                """);
        assertThatThrownBy(() -> i.func("f").call()).isInstanceOfSatisfying(Trap.class,
                t -> assertThat(t.code()).isEqualTo(TrapCode.STACK_OVERFLOW));
        assertThat(i.func("ok").call()).containsExactly(Val.i32(1));
    }

    @Test
    void floatsKeepTheirNanPayloads() {
        Instance i = instantiate("""
                (module (func (export "id") (param f32) (result f32) (local.get 0)))
                """);
        assertThat(i.func("id").call(Val.f32Bits(0x7FA0_0001))).containsExactly(Val.f32Bits(0x7FA0_0001));
    }

    @Test
    void funcrefsAndExternrefsRoundTrip() {
        Instance i = instantiate("""
                (module
                  (func (export "ext") (param externref) (result externref) (local.get 0))
                  (func (export "fn") (param funcref) (result funcref) (local.get 0)))
                """);
        Object host = new Object();
        assertThat(i.func("ext").call(Val.externref(host))).containsExactly(Val.externref(host));
        assertThat(i.func("ext").call(Val.externref(null))).containsExactly(Val.externref(null));
        Func fn = i.func("fn");
        assertThat(fn.call(Val.funcref(fn))).containsExactly(Val.funcref(fn));
        assertThat(fn.type().toString()).isEqualTo("(func (param funcref) (result funcref))");
    }
}
