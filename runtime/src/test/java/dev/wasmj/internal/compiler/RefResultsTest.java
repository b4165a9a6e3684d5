package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Val;
import org.junit.jupiter.api.Test;

/** Functions with several results of which some are references, on the compiler ({@link RefResults}). */
class RefResultsTest {
    private final Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));

    @Test
    void severalResultsWithReferencesTravelThroughEveryKindOfCall() {
        // $big is over the compiler's body size limit today: it runs on the interpreter behind its stub
        String padding = "(nop)".repeat(17_000);
        String wat = """
                (module
                  (type $t (func (param externref i32) (result i32 externref i64 f32)))
                  (table 1 funcref)
                  (elem (i32.const 0) $mix)
                  (func $mix (type $t)
                    (block $b (result i32 externref i64 f32)
                      (i32.const -7) (local.get 0) (i64.const 0x123456789) (f32.const -0.5)
                      (br_if $b (local.get 1))
                      (drop) (drop) (drop) (drop)
                      (return (i32.const 3) (ref.null extern) (i64.const -1) (f32.const 2.25))))
                  (func $big (param externref i32) (result i32 externref i64 f32)
                    %s
                    (call $mix (local.get 0) (local.get 1)))
                  (func (export "direct") (param externref i32) (result i32 externref i64 f32)
                    (call $mix (local.get 0) (local.get 1)))
                  (func (export "stub") (param externref i32) (result i32 externref i64 f32)
                    (call $big (local.get 0) (local.get 1)))
                  (func (export "indirect") (param externref i32) (result i32 externref i64 f32)
                    (call_indirect (type $t) (local.get 0) (local.get 1) (i32.const 0)))
                  (func (export "ref") (param externref i32) (result i32 externref i64 f32)
                    (call_ref $t (local.get 0) (local.get 1) (ref.func $mix)))
                  (func (export "reorder") (param externref) (result externref i32 externref)
                    (local.get 0) (call $mix (local.get 0) (i32.const 1)) (drop) (drop)))
                """.formatted(padding);
        Instance i = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
        Object host = new Object();
        for (String f : new String[] {"direct", "stub", "indirect", "ref"}) {
            assertThat(i.func(f).call(Val.externref(host), Val.i32(1))).as(f)
                    .containsExactly(Val.i32(-7), Val.externref(host), Val.i64(0x123456789L), Val.f32(-0.5f));
            assertThat(i.func(f).call(Val.externref(host), Val.i32(0))).as(f)
                    .containsExactly(Val.i32(3), Val.externref(null), Val.i64(-1), Val.f32(2.25f));
        }
        assertThat(i.func("reorder").call(Val.externref(host)))
                .containsExactly(Val.externref(host), Val.i32(-7), Val.externref(host));
        // every function but $big (over the size limit) is compiled
        assertThat(engine.compilerFallbacks()).isLessThanOrEqualTo(1);
    }
}
