package dev.wasmj.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Strategy;
import dev.wasmj.format.Features;
import org.junit.jupiter.api.Test;

class ApiExecutorTest {
    private final WastRunner runner = new WastRunner(ApiExecutor.factory(Strategy.INTERPRETER));

    private WastReport run(String script) {
        return runner.run("t.wast", script, Features.DEFAULT);
    }

    private void assertAllPass(String script) {
        WastReport report = run(script);
        assertThat(report.failures()).isEmpty();
        assertThat(report.skipped()).isZero();
        assertThat(report.passed()).isPositive();
    }

    @Test
    void spectestProvidesPrintGlobalsTableAndMemories() {
        assertAllPass("""
                (module
                  (import "spectest" "print_i32" (func $p (param i32)))
                  (import "spectest" "print_f64_f64" (func (param f64 f64)))
                  (import "spectest" "global_i32" (global $g i32))
                  (import "spectest" "global_f64" (global $h f64))
                  (import "spectest" "table" (table 10 funcref))
                  (import "spectest" "memory" (memory 1 2))
                  (func (export "g") (result i32) (call $p (i32.const 1)) (global.get $g))
                  (func (export "h") (result f64) (global.get $h))
                  (func (export "size") (result i32) (memory.size)))
                (assert_return (invoke "g") (i32.const 666))
                (assert_return (invoke "h") (f64.const 666.6))
                (assert_return (invoke "size") (i32.const 1))
                (module (import "spectest" "shared_memory" (memory 1 2 shared)))
                (module (import "spectest" "table64" (table i64 10 funcref)))
                """);
    }

    @Test
    void registeredAndNamedInstancesAndDefinitions() {
        assertAllPass("""
                (module $a (global (export "g") (mut i32) (i32.const 5))
                  (func (export "set") (param i32) (global.set 0 (local.get 0))))
                (register "a" $a)
                (module $b (import "a" "g" (global (mut i32)))
                  (func (export "get") (result i32) (global.get 0)))
                (invoke $a "set" (i32.const 9))
                (assert_return (invoke $b "get") (i32.const 9))
                (assert_return (get $a "g") (i32.const 9))
                (module definition $d (func (export "one") (result i32) (i32.const 1)))
                (module instance $i $d)
                (assert_return (invoke $i "one") (i32.const 1))
                """);
    }

    @Test
    void nanAndLanePatterns() {
        assertAllPass("""
                (module
                  (func (export "nan32") (result f32) (f32.div (f32.const 0) (f32.const 0)))
                  (func (export "nan64") (param f64) (result f64) (f64.add (local.get 0) (f64.const 1)))
                  (func (export "v") (param v128) (result v128) (local.get 0)))
                (assert_return (invoke "nan32") (f32.const nan:canonical))
                (assert_return (invoke "nan32") (f32.const nan:arithmetic))
                (assert_return (invoke "nan64" (f64.const nan:0x4)) (f64.const nan:arithmetic))
                (assert_return (invoke "v" (v128.const f32x4 nan 1 -nan:0x600000 2))
                  (v128.const f32x4 nan:canonical 1 nan:arithmetic 2))
                (assert_return (invoke "v" (v128.const f32x4 nan 1 -nan:0x600000 2))
                  (v128.const i32x4 0x7fc00000 0x3f800000 0xffe00000 0x40000000))
                """);
        WastReport report = run("""
                (module (func (export "nan64") (param f64) (result f64) (local.get 0)))
                (assert_return (invoke "nan64" (f64.const nan:0x4)) (f64.const nan:arithmetic))
                (assert_return (invoke "nan64" (f64.const nan:0x8000000000000)) (f64.const nan:canonical))
                (assert_return (invoke "nan64" (f64.const -nan)) (f64.const nan:canonical))
                """);
        assertThat(report.failures()).singleElement().asString()
                .isEqualTo("t.wast:2: result 0: expected f64 nan:arithmetic, got (f64.const NaN 0x7ff0000000000004)");
    }

    @Test
    void referencePatterns() {
        assertAllPass("""
                (module
                  (func $f (export "f"))
                  (elem declare func $f)
                  (func (export "ext") (param externref) (result externref) (local.get 0))
                  (func (export "fn") (result funcref) (ref.func $f))
                  (func (export "null") (result funcref) (ref.null func)))
                (assert_return (invoke "ext" (ref.extern 1)) (ref.extern 1))
                (assert_return (invoke "ext" (ref.extern 1)) (ref.extern))
                (assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
                (assert_return (invoke "fn") (ref.func))
                (assert_return (invoke "null") (ref.null func))
                (assert_return (invoke "null") (either (ref.func) (ref.null func)))
                """);
        WastReport report = run("""
                (module (func (export "ext") (param externref) (result externref) (local.get 0)))
                (assert_return (invoke "ext" (ref.extern 1)) (ref.extern 2))
                """);
        assertThat(report.failures()).singleElement().asString()
                .isEqualTo("t.wast:2: result 0: expected (ref.extern 2), got (ref.extern 1)");
    }

    @Test
    void trapsExhaustionAndInstantiationFailures() {
        assertAllPass("""
                (module (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
                  (func $r (export "rec") (call $r)))
                (assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
                (assert_exhaustion (invoke "rec") "call stack exhausted")
                (assert_return (invoke "div" (i32.const 1)) (i32.const 1))
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_uninstantiable (module (memory 1) (data (i32.const 65536) "x")) "out of bounds memory access")
                (assert_unlinkable (module (import "spectest" "unknown" (func))) "unknown import")
                (assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
                """);
        WastReport report = run("""
                (module (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))
                (assert_trap (invoke "div" (i32.const 0)) "integer overflow")
                (assert_trap (invoke "div" (i32.const 1)) "integer overflow")
                """);
        assertThat(report.failures()).map(Object::toString).containsExactly(
                "t.wast:2: expected trap \"integer overflow\", got trap \"integer divide by zero\"",
                "t.wast:3: expected trap \"integer overflow\", got results [(i32.const 1)]");
    }
}
