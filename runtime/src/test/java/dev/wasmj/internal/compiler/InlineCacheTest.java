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
import org.junit.jupiter.api.Test;

/**
 * call_indirect and call_ref sites of compiled code behind their inline caches ({@link InlineCache}):
 * monomorphic, then polymorphic past the cache's size, then trapping; results and traps (code, message,
 * backtrace) as on the interpreter.
 */
class InlineCacheTest {
    private static final String WAT = """
            (module
              (type $t (func (param i32) (result i32)))
              (type $u (func (param i64) (result i64)))
              (table $tab 10 funcref)
              (elem (i32.const 0) $a $b $c $d $e $div $tailer $other)
              (func $a (type $t) (i32.add (local.get 0) (i32.const 1)))
              (func $b (type $t) (i32.mul (local.get 0) (i32.const 3)))
              (func $c (type $t) (i32.sub (i32.const 0) (local.get 0)))
              (func $d (type $t) (i32.xor (local.get 0) (i32.const 0x55)))
              (func $e (type $t) (i32.shl (local.get 0) (i32.const 2)))
              (func $div (type $t) (i32.div_s (i32.const 1000) (local.get 0)))
              (func $tailer (type $t) (return_call $b (i32.add (local.get 0) (i32.const 7))))
              (func $other (type $u) (i64.add (local.get 0) (i64.const 1)))
              (func $dispatch (export "dispatch") (param $i i32) (param $x i32) (result i32)
                (call_indirect $tab (type $t) (local.get $x) (local.get $i)))
              (func $byRef (export "byRef") (param $i i32) (param $x i32) (result i32)
                (call_ref $t (local.get $x) (ref.cast (ref null $t) (table.get $tab (local.get $i)))))
              (func (export "sum") (param $n i32) (param $k i32) (param $ref i32) (result i32)
                (local $i i32) (local $s i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s)
                    (if (result i32) (local.get $ref)
                      (then (call $byRef (i32.rem_u (local.get $i) (local.get $k)) (i32.add (local.get $i) (i32.const 1))))
                      (else (call $dispatch (i32.rem_u (local.get $i) (local.get $k)) (i32.add (local.get $i) (i32.const 1)))))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $s)))
            """;

    @Test
    void sitesGoMonomorphicThenPolymorphicThenTrapLikeTheInterpreter() {
        Engine compiler = new Engine(new Config().strategy(Strategy.COMPILER));
        Instance compiled = Instance.of(new Store<>(compiler), Module.fromWat(compiler, WAT));
        Instance interpreted = CompiledModules.interpreted(WAT);
        assertThat(compiler.compilerFallbacks()).isZero();
        // k callees in turn: 1 (monomorphic), 2 and 4 (cached), then 7 (more than the cache holds: generic)
        for (int ref = 0; ref <= 1; ref++) {
            for (int k : new int[] {1, 2, 4, 7, 1}) {
                Val[] args = {Val.i32(20_000), Val.i32(k), Val.i32(ref)};
                assertThat(compiled.func("sum").call(args)).as("k %d ref %d", k, ref)
                        .isEqualTo(interpreted.func("sum").call(args));
            }
        }
        // 5: the callee traps (division by zero); 7: a type mismatch; 8: a null element; 10, -1: outside the table
        for (String f : new String[] {"dispatch", "byRef"}) {
            for (int index : new int[] {5, 7, 8, 10, -1}) {
                Val[] args = {Val.i32(index), Val.i32(0)};
                Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func(f).call(args));
                Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func(f).call(args));
                String what = f + " " + index;
                assertThat(expected).as(what).isNotNull();
                assertThat(actual).as(what).isNotNull();
                assertThat(actual.code()).as(what).isEqualTo(expected.code());
                assertThat(actual.getMessage()).as(what).isEqualTo(expected.getMessage());
                assertThat(actual.backtrace()).as(what).isEqualTo(expected.backtrace());
            }
            // the sites still call correctly after the traps
            for (int index = 0; index < 7; index++) {
                Val[] args = {Val.i32(index), Val.i32(41)};
                assertThat(compiled.func(f).call(args)).as(f + " " + index).isEqualTo(interpreted.func(f).call(args));
            }
        }
        assertThat(compiler.compilerFallbacks()).isZero();
    }
}
