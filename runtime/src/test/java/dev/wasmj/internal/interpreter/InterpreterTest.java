package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.format.Opcode;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterpreterTest {
    @Test
    void opConstantsAreTheOpcodeOrdinals() throws Exception {
        for (Opcode op : Opcode.values()) {
            Field f = Op.class.getDeclaredField(op.name());
            assertThat(f.getInt(null)).as(op.name()).isEqualTo(op.ordinal());
        }
        assertThat(Op.INTERNAL).isEqualTo(Opcode.values().length);
    }

    @Test
    void recursiveFactorial() {
        Wasm w = new Wasm("""
                (module (func $fac (export "fac") (param i64) (result i64)
                  (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                    (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))""");
        assertThat(w.call("fac", 20)).isEqualTo(2432902008176640000L);
    }

    @Test
    void loopsAndBranchesKeepValues() {
        Wasm w = new Wasm("""
                (module (func (export "sum") (param i32) (result i32) (local i32)
                  (block $done
                    (loop $l
                      (br_if $done (i32.eqz (local.get 0)))
                      (local.set 1 (i32.add (local.get 1) (local.get 0)))
                      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                      (br $l)))
                  (local.get 1))
                  (func (export "pick") (param i32) (result i32)
                    (block $a (result i32) (block $b (result i32) (i32.const 1) (i32.const 2)
                      (local.get 0) (br_table $a $b $a) ) (drop) (i32.const 9))))""");
        assertThat(w.call("sum", 100)).isEqualTo(5050);
        assertThat(w.call("pick", 0)).isEqualTo(2);
        assertThat(w.call("pick", 1)).isEqualTo(9);
        assertThat(w.call("pick", 5)).isEqualTo(2);
    }

    @Test
    void dropOfAV128DropsBothItsSlots() {
        Wasm w = new Wasm("""
                (module (func (export "f") (param i32) (result i32)
                  (local.get 0)
                  (drop (v128.const i64x2 1 2))
                  (i32.const 1)
                  (i32.add)))""");
        assertThat(w.call("f", 41)).isEqualTo(42);
    }

    @Test
    void comparisonsFuseWithConditionalJumpsButNotAcrossLabels() {
        Wasm w = new Wasm("""
                (module (func (export "f") (param i32 i32) (result i32)
                  (block $done
                    (block $a (result i32)
                      (br_if $a (i32.const 1) (local.get 1))
                      (drop)
                      (i32.lt_s (local.get 0) (i32.const 5)))
                    (br_if $done)
                    (return (i32.const 10)))
                  (i32.const 20))
                  (func (export "g") (param i32) (result i32)
                    (if (result i32) (i32.ge_u (local.get 0) (i32.const 3)) (then (i32.const 1)) (else (i32.const 2)))))""");
        assertThat(w.call("f", 0, 1)).isEqualTo(20);
        assertThat(w.call("f", 9, 0)).isEqualTo(10);
        assertThat(w.call("f", 0, 0)).isEqualTo(20);
        assertThat(w.call("g", 3)).isEqualTo(1);
        assertThat(w.call("g", -1)).isEqualTo(1);
        assertThat(w.call("g", 2)).isEqualTo(2);
    }

    @Test
    void memoryLoadsStoresAndTraps() {
        Wasm w = new Wasm("""
                (module (memory 1) (data (i32.const 8) "\\01\\02\\03\\04")
                  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
                  (func (export "store") (param i32 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (export "size") (result i32) (memory.size)))""");
        assertThat(w.call("load", 8)).isEqualTo(0x04030201);
        w.call("store", 100, -5);
        assertThat(w.call("load", 104)).isEqualTo(-5);
        assertThatThrownBy(() -> w.call("load", 65534)).isInstanceOf(Trap.class)
                .hasMessage("out of bounds memory access")
                .satisfies(t -> assertThat(((Trap) t).code()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS));
        assertThat(w.call("grow", 2)).isEqualTo(1);
        assertThat(w.call("size")).isEqualTo(3);
        assertThat(w.call("load", 65534)).isEqualTo(0);
        assertThat((int) w.call("grow", 70000)).isEqualTo(-1);
    }

    @Test
    void divisionTrapsHaveABacktrace() {
        Wasm w = new Wasm("""
                (module (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                  (func (export "f") (param i32 i32) (result i32) (call $div (local.get 0) (local.get 1))))""");
        assertThat(w.call("f", 7, 2)).isEqualTo(3);
        assertThatThrownBy(() -> w.call("f", 1, 0)).isInstanceOf(Trap.class).hasMessage("integer divide by zero")
                .satisfies(t -> {
                    Trap trap = (Trap) t;
                    assertThat(trap.backtrace()).hasSize(2);
                    assertThat(trap.backtrace().get(0).funcName()).isEqualTo("div");
                    assertThat(trap.backtrace().get(1).funcIndex()).isEqualTo(1);
                });
        assertThatThrownBy(() -> w.call("f", Integer.MIN_VALUE, -1)).hasMessage("integer overflow");
        assertThat(w.call("f", 9, 3)).isEqualTo(3);
    }

    @Test
    void deepRecursionIsStackExhaustionAndTheHostContinues() {
        Wasm w = new Wasm("""
                (module (func $r (export "r") (param i32) (result i32) (i32.add (i32.const 1) (call $r (local.get 0)))))""");
        assertThatThrownBy(() -> w.call("r", 1)).isInstanceOf(Trap.class).hasMessage("call stack exhausted");
        assertThatThrownBy(() -> w.call("r", 1)).isInstanceOf(Trap.class).hasMessage("call stack exhausted");
    }

    @Test
    void tailCallsDoNotGrowTheStack() {
        Wasm w = new Wasm("""
                (module (func $count (export "count") (param i64 i64) (result i64)
                  (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
                    (else (return_call $count (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2)))))))""");
        assertThat(w.call("count", 1_000_000, 0)).isEqualTo(2_000_000);
    }

    @Test
    void indirectCalls() {
        Wasm w = new Wasm("""
                (module (type $t (func (result i32))) (table 3 funcref) (elem (i32.const 0) $a $b)
                  (func $a (result i32) (i32.const 10)) (func $b (result i32) (i32.const 20))
                  (func $c (param i32) (result i32) (local.get 0))
                  (func (export "ci") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))""");
        assertThat(w.call("ci", 1)).isEqualTo(20);
        assertThatThrownBy(() -> w.call("ci", 2)).hasMessageStartingWith("uninitialized element");
        assertThatThrownBy(() -> w.call("ci", 3)).hasMessage("undefined element");
    }

    @Test
    void floats() {
        Wasm w = new Wasm("""
                (module (func (export "f") (param f64 f64) (result f64) (f64.add (local.get 0) (f64.sqrt (local.get 1))))
                  (func (export "t") (param f32) (result i32) (i32.trunc_f32_s (local.get 0))))""");
        assertThat(Double.longBitsToDouble(w.call("f", Double.doubleToLongBits(1.5), Double.doubleToLongBits(16))))
                .isEqualTo(5.5);
        assertThat(w.call("t", Float.floatToIntBits(-3.7f))).isEqualTo(-3);
        assertThatThrownBy(() -> w.call("t", Float.floatToIntBits(Float.NaN))).hasMessage("invalid conversion to integer");
        assertThatThrownBy(() -> w.call("t", Float.floatToIntBits(3e9f))).hasMessage("integer overflow");
    }

    @Test
    void v128LoadsAndStoresOnMemoryZeroKeepBothHalvesAndTrapWithoutPartialWrites() {
        Wasm w = new Wasm("""
                (module (memory 1)
                  (func (export "copy") (param i32 i32)
                    (v128.store offset=16 (local.get 1) (v128.load offset=16 (local.get 0))))
                  (func (export "put") (param i32 i64 i64)
                    (v128.store (local.get 0) (i64x2.replace_lane 1 (i64x2.splat (local.get 1)) (local.get 2))))
                  (func (export "lo") (param i32) (result i64) (i64x2.extract_lane 0 (v128.load (local.get 0))))
                  (func (export "hi") (param i32) (result i64) (i64x2.extract_lane 1 (v128.load (local.get 0))))
                  (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0))))""");
        w.call("put", 3, 0x0807060504030201L, 0x100F0E0D0C0B0A09L);
        assertThat(w.call("lo", 3)).isEqualTo(0x0807060504030201L);
        assertThat(w.call("hi", 3)).isEqualTo(0x100F0E0D0C0B0A09L);
        assertThat(w.call("lo", 4)).isEqualTo(0x0908070605040302L); // unaligned, across the halves
        w.call("put", 19, 5, 6);
        w.call("copy", 3, 200); // the offsets are added to the addresses: 19 to 216
        assertThat(w.call("lo", 216)).isEqualTo(5);
        assertThat(w.call("hi", 216)).isEqualTo(6);
        w.call("copy", 65536 - 32, 65536 - 32); // the last 16 bytes onto themselves: in bounds
        w.call("put", 65536 - 16, 1, 2);
        assertThat(w.call("hi", 65536 - 16)).isEqualTo(2);
        assertThatThrownBy(() -> w.call("lo", 65536 - 15)).isInstanceOf(Trap.class)
                .hasMessage("out of bounds memory access");
        assertThatThrownBy(() -> w.call("put", 65536 - 8, -1, -1)).isInstanceOf(Trap.class)
                .hasMessage("out of bounds memory access");
        assertThat(w.call("byte", 65536 - 8)).isEqualTo(2); // a store out of bounds writes nothing
        assertThat(w.call("lo", 65536 - 16)).isEqualTo(1);
        assertThatThrownBy(() -> w.call("copy", -1, 0)).isInstanceOf(Trap.class);
    }
}
