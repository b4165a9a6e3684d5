package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.ExnRef;
import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Tag;
import dev.wasmj.TagType;
import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.WasmException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exception handling and wide arithmetic in compiled code: the functions compile (no fallback) and
 * give the interpreter's results, traps and uncaught exceptions.
 */
class ExceptionCompilerTest {
    /** The same module on the compiler and on the interpreter, each with its own store and imports. */
    private static final class Pair {
        final Engine compilerEngine = new Engine(new Config().strategy(Strategy.COMPILER));
        final Instance compiled;
        final Instance interpreted;

        Pair(String wat) {
            compiled = instantiate(compilerEngine, wat);
            interpreted = instantiate(new Engine(new Config().strategy(Strategy.INTERPRETER)), wat);
        }

        /**
         * Imports {@code env.tag} (an i32 payload), {@code env.fail} (throws it with its argument if
         * that is not negative, else traps) and {@code env.grow} (grows the module's memory by a page,
         * then throws like fail).
         */
        private static Instance instantiate(Engine engine, String wat) {
            Store<Void> store = new Store<>(engine);
            Tag tag = Tag.of(store, TagType.of(List.of(ValType.I32)));
            FuncType takesI32 = FuncType.of(List.of(ValType.I32), List.of());
            Func fail = Func.of(store, takesI32, (caller, args) -> {
                if (args[0].i32() < 0) {
                    throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "host trap");
                }
                throw ExnRef.create(caller.store(), tag, args[0]).toException();
            });
            Func grow = Func.of(store, takesI32, (caller, args) -> {
                caller.memory("memory").grow(1);
                throw ExnRef.create(caller.store(), tag, args[0]).toException();
            });
            Module module = Module.fromWat(engine, wat);
            return Instance.of(store, module, tag, fail, grow);
        }

        /** Calls {@code name} on both and checks that the outcomes agree; returns the compiled one's. */
        Object call(String name, Val... args) {
            Object expected = outcome(interpreted, name, args);
            Object actual = outcome(compiled, name, args);
            assertThat(actual).as(name + List.of(args)).isEqualTo(expected);
            return actual;
        }

        /** The results as a list, a trap as its code and message, an exception as its payload. */
        private static Object outcome(Instance instance, String name, Val... args) {
            try {
                return List.of(instance.func(name).call(args));
            } catch (Trap trap) {
                return trap.code() + " " + trap.getMessage();
            } catch (WasmException e) {
                return "exception " + List.of(ExnRef.of(instance.store(), e).payload());
            }
        }
    }

    private static final String IMPORTS = """
              (import "env" "tag" (tag $t (param i32)))
              (import "env" "fail" (func $fail (param i32)))
              (import "env" "grow" (func $grow (param i32)))
              (memory (export "memory") 1)
              (tag $own (param i64 f64))
              (func $throw (param i32) (throw $t (local.get 0)))
              (func $throw-own (param i64) (throw $own (local.get 0) (f64.const 0.5)))
            """;

    @Test
    void tryTableCatchesFromHostFunctionsAndCompiledCallees() {
        Pair p = new Pair("(module " + IMPORTS + """
                  ;; 1: from the host, 2: from a compiled callee, 3: the function's own tag, else none
                  (func (export "run") (param i32 i32) (result i64 i32) (local i32)
                    (i64.const 1000)
                    (block $own (result i64 f64)
                      (block $t (result i32)
                        (try_table (catch $t $t) (catch $own $own)
                          (if (i32.eq (local.get 0) (i32.const 1)) (then (call $fail (local.get 1))))
                          (if (i32.eq (local.get 0) (i32.const 2)) (then (call $throw (local.get 1))))
                          (if (i32.eq (local.get 0) (i32.const 3))
                            (then (call $throw-own (i64.extend_i32_s (local.get 1))))))
                        (return (i64.const -1) (i32.const -1)))
                      (local.set 2)
                      (return (i64.add (i64.const 1000) (i64.extend_i32_s (local.get 2))) (i32.const 7)))
                    (drop)
                    (i64.add)
                    (i32.const 8))
                  ;; catch_all_ref keeps the exception, throw_ref throws it on
                  (func (export "rethrown") (param i32) (result i32)
                    (block $t (result i32)
                      (try_table (catch $t $t)
                        (block $all (result exnref)
                          (try_table (catch_all_ref $all) (call $fail (local.get 0)))
                          (return (i32.const -1)))
                        (throw_ref))
                      (unreachable)))
                  ;; a catch_all passes traps and stack overflows (argument 0)
                  (func $deep (param i32) (result i32) (i32.add (call $deep (local.get 0)) (i32.const 1)))
                  (func (export "no-traps") (param i32) (result i32)
                    (block $all
                      (try_table (catch_all $all)
                        (if (i32.eqz (local.get 0)) (then (drop (call $deep (i32.const 0)))))
                        (call $fail (local.get 0))))
                    (i32.const -2))
                  ;; memory grown by the callee that threw is seen by the handler
                  (func (export "grown") (result i32)
                    (block $t (result i32) (try_table (catch $t $t) (call $grow (i32.const 5))) (i32.const 0))
                    (i32.store (i32.const 70000) (i32.const 9))
                    (i32.add (i32.load (i32.const 70000))))
                """ + ")");
        assertThat(p.compilerEngine.compilerFallbacks()).isZero();
        assertThat(p.call("run", Val.i32(1), Val.i32(5))).isEqualTo(List.of(Val.i64(1005), Val.i32(7)));
        assertThat(p.call("run", Val.i32(2), Val.i32(6))).isEqualTo(List.of(Val.i64(1006), Val.i32(7)));
        assertThat(p.call("run", Val.i32(3), Val.i32(-8))).isEqualTo(List.of(Val.i64(992), Val.i32(8)));
        assertThat(p.call("run", Val.i32(0), Val.i32(0))).isEqualTo(List.of(Val.i64(-1), Val.i32(-1)));
        assertThat(p.call("rethrown", Val.i32(12))).isEqualTo(List.of(Val.i32(12)));
        assertThat(p.call("no-traps", Val.i32(-1))).isEqualTo("UNREACHABLE_CODE_REACHED host trap");
        assertThat(p.call("no-traps", Val.i32(3))).isEqualTo(List.of(Val.i32(-2)));
        assertThat(p.call("no-traps", Val.i32(0))).isEqualTo("STACK_OVERFLOW call stack exhausted");
        assertThat(p.call("grown")).isEqualTo(List.of(Val.i32(14)));
    }

    @Test
    void legacyTryCatchRethrowAndDelegate() {
        Pair p = new Pair("(module " + IMPORTS + """
                  ;; rethrow from a nested catch_all of the exception of an outer catch
                  (func (export "rethrow") (param i32) (result i32)
                    (try (result i32)
                      (do
                        (try (result i32)
                          (do (call $fail (local.get 0)) (i32.const 0))
                          (catch $t
                            (drop)
                            (try (result i32)
                              (do (call $throw-own (i64.const 1)) (i32.const 1))
                              (catch_all (rethrow 1))))))
                      (catch $t (i32.add (i32.const 100)))))
                  ;; the first delegate skips the try around it (and the if), the second leaves the function
                  (func (export "delegate") (param i32) (result i32)
                    (try (result i32)
                      (do
                        (try (result i32)
                          (do
                            (if (i32.eqz (local.get 0))
                              (then (try (do (call $throw (i32.const 4))) (delegate 2))))
                            (try (do (call $throw (local.get 0))) (delegate 2))
                            (i32.const 0))
                          (catch_all (i32.const 1))))
                      (catch $t (i32.add (i32.const 10)))))
                  ;; a catch without a match throws on; a throw in a catch passes its own try
                  (func (export "nomatch") (param i32) (result i32)
                    (try (result i32)
                      (do
                        (try (result i32)
                          (do (call $throw (local.get 0)) (i32.const 0))
                          (catch $own (drop) (drop) (i32.const 1))
                          (catch $t (drop) (call $throw (i32.add (local.get 0) (i32.const 1))) (i32.const 2))))
                      (catch $t)))
                """ + ")");
        assertThat(p.compilerEngine.compilerFallbacks()).isZero();
        assertThat(p.call("rethrow", Val.i32(3))).isEqualTo(List.of(Val.i32(103)));
        assertThat(p.call("delegate", Val.i32(0))).isEqualTo(List.of(Val.i32(14)));
        assertThat(p.call("delegate", Val.i32(7))).isEqualTo("exception " + List.of(Val.i32(7)));
        assertThat(p.call("nomatch", Val.i32(20))).isEqualTo(List.of(Val.i32(21)));
    }

    @Test
    void delegateGoesToTheHandlersAtItsLabel() {
        Pair p = new Pair("(module " + IMPORTS + """
                  ;; to a try in its catch: that try's catches do not apply, the one around it does
                  (func (export "to-catch") (result i32)
                    (try (result i32)
                      (do
                        (try (result i32)
                          (do (call $throw-own (i64.const 0)) (i32.const 0))
                          (catch_all
                            (try (do (call $throw (i32.const 3))) (delegate 0))
                            (i32.const 1))))
                      (catch $t)))
                  ;; to a block inside a try
                  (func (export "to-block") (result i32)
                    (try (result i32)
                      (do (block (try (do (call $fail (i32.const 4))) (delegate 0))) (i32.const 0))
                      (catch $t)))
                  ;; a delegate to a delegate, past a try with a catch_all
                  (func (export "chain") (result i32)
                    (try (result i32)
                      (do
                        (try (result i32)
                          (do
                            (try (do (try (do (call $throw (i32.const 8))) (delegate 0))) (delegate 1))
                            (i32.const 0))
                          (catch_all (i32.const 1))))
                      (catch $t)))
                  ;; to a try without catches: on to the try around it
                  (func (export "to-plain") (result i32)
                    (try (result i32)
                      (do (try (do (try (do (call $fail (i32.const 12))) (delegate 0)))) (i32.const 0))
                      (catch $t)))
                """ + ")");
        assertThat(p.compilerEngine.compilerFallbacks()).isZero();
        assertThat(p.call("to-catch")).isEqualTo(List.of(Val.i32(3)));
        assertThat(p.call("to-block")).isEqualTo(List.of(Val.i32(4)));
        assertThat(p.call("chain")).isEqualTo(List.of(Val.i32(8)));
        assertThat(p.call("to-plain")).isEqualTo(List.of(Val.i32(12)));
    }

    /**
     * Handlers inside loops entered with values below them, an i32 and a v128 (the compiler keeps
     * such values in locals while the loop runs): the handlers must not put them back on the stack.
     */
    @Test
    void handlersInLoopsEnteredWithValuesBelowThem() {
        Pair p = new Pair("(module " + IMPORTS + """
                  (func $maybe (param i32) (if (i32.gt_u (local.get 0) (i32.const 5)) (then (call $fail (local.get 0)))))
                  (func (export "table") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                    (i32.const 7)
                    (v128.const i32x4 10 20 30 40)
                    (loop $l
                      (block $caught (result i32)
                        (try_table (catch $t $caught) (call $maybe (local.get $i)))
                        (i32.const 0))
                      (local.set $acc (i32.add (local.get $acc)))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (i32x4.extract_lane 2)
                    (i32.add)
                    (i32.add (local.get $acc)))
                  (func (export "legacy") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                    (i64.const 3)
                    (v128.const i32x4 1 2 3 4)
                    (loop $l
                      (try
                        (do (call $maybe (local.get $i)))
                        (catch $t (local.set $acc (i32.add (local.get $acc)))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (i32x4.extract_lane 3)
                    (local.set $i)
                    (i32.wrap_i64)
                    (i32.add (local.get $i))
                    (i32.add (local.get $acc)))
                """ + ")");
        assertThat(p.compilerEngine.compilerFallbacks()).isZero();
        assertThat(p.call("table", Val.i32(10))).isEqualTo(List.of(Val.i32(7 + 30 + 6 + 7 + 8 + 9)));
        assertThat(p.call("legacy", Val.i32(10))).isEqualTo(List.of(Val.i32(4 + 3 + 6 + 7 + 8 + 9)));
        p.call("table", Val.i32(3));
        p.call("legacy", Val.i32(0));
    }

    @Test
    void wideArithmeticHasTwoResults() {
        Pair p = new Pair("(module " + IMPORTS + """
                  (func (export "add") (param i64 i64 i64 i64) (result i64 i64)
                    (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
                  (func (export "sub") (param i64 i64 i64 i64) (result i64 i64)
                    (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
                  (func (export "mul") (param i64 i64) (result i64 i64 i64 i64)
                    (i64.mul_wide_s (local.get 0) (local.get 1))
                    (i64.mul_wide_u (local.get 0) (local.get 1)))
                """ + ")");
        assertThat(p.compilerEngine.compilerFallbacks()).isZero();
        assertThat(p.call("add", Val.i64(-1), Val.i64(0), Val.i64(1), Val.i64(0)))
                .isEqualTo(List.of(Val.i64(0), Val.i64(1)));
        assertThat(p.call("sub", Val.i64(0), Val.i64(0), Val.i64(1), Val.i64(0)))
                .isEqualTo(List.of(Val.i64(-1), Val.i64(-1)));
        assertThat(p.call("mul", Val.i64(-2), Val.i64(3)))
                .isEqualTo(List.of(Val.i64(-6), Val.i64(-1), Val.i64(-6), Val.i64(2)));
    }
}
