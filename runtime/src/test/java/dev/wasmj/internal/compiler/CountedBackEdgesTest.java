package dev.wasmj.internal.compiler;

import static dev.wasmj.internal.compiler.CompiledModules.same;
import static dev.wasmj.internal.compiler.CompiledModules.branches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Instance;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.Opcode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-edges that {@link CountedBackEdges} emits as signed branches: a counter run down (or up) to zero
 * ({@code br_if $loop (local.tee $n ...)}) and unsigned comparisons with a constant ({@code x >u K},
 * {@code >=u}, {@code <u}, {@code <=u}, i32 and i64), on values on both sides of 2^31 (2^63), give the
 * interpreter's results, also after the JIT compiled the loops for one kind of input; the class files
 * show the signed branches, and the plain ones where they are not used (a counter stepping by +1, a
 * loop that calls, an outer loop).
 */
class CountedBackEdgesTest {
    /**
     * Each function runs a do-while from {@code $x} by {@code $step} with one kind of back-edge and
     * returns the number of iterations times 2^32 plus a hash of the values seen.
     */
    private static final String WAT = """
            (module
              (func (export "tee") (param $x i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (block $b
                    (br_if $l (local.tee $x (i32.sub (local.get $x) (i32.const 1))))))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "down4") (param $x i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (local.set $x (i32.sub (local.get $x) (i32.const 4)))
                  (br_if $l (local.get $x)))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "gtu") (param $x i32) (param $step i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (br_if $l (i32.gt_u (local.tee $x (i32.add (local.get $x) (local.get $step))) (i32.const 15))))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "geu") (param $x i32) (param $step i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (br_if $l (i32.ge_u (local.tee $x (i32.add (local.get $x) (local.get $step))) (i32.const 16))))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "ltu") (param $x i32) (param $step i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (br_if $l (i32.lt_u (local.tee $x (i32.add (local.get $x) (local.get $step))) (i32.const 100))))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "leu0") (param $x i32) (param $step i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (br_if $l (i32.le_u (local.tee $x (i32.add (local.get $x) (local.get $step))) (i32.const 0))))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "gtu64") (param $x i64) (param $step i64) (result i64) (local $n i64) (local $h i64)
                (loop $l
                  (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (br_if $l (i64.gt_u (local.tee $x (i64.add (local.get $x) (local.get $step))) (i64.const 31))))
                (i64.add (i64.shl (local.get $n) (i64.const 32)) (local.get $h)))
              (func (export "leu64") (param $x i64) (param $step i64) (result i64) (local $n i64) (local $h i64)
                (loop $l
                  (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (br_if $l (i64.le_u (local.tee $x (i64.add (local.get $x) (local.get $step))) (i64.const 99))))
                (i64.add (i64.shl (local.get $n) (i64.const 32)) (local.get $h)))
              (func (export "param") (param $x i32) (result i32)
                (i32.const 7)
                (loop $l (param i32) (result i32)
                  (i32.add (i32.const 3))
                  (br_if $l (i32.gt_u (local.tee $x (i32.sub (local.get $x) (i32.const 8))) (i32.const 7)))))
              (func (export "up2") (param $x i32) (result i64) (local $n i64) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $x)))
                  (local.set $n (i64.add (local.get $n) (i64.const 1)))
                  (local.set $x (i32.add (local.get $x) (i32.const 2)))
                  (br_if $l (local.get $x)))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "up1") (param $x i32) (result i32)
                (loop $l
                  (br_if $l (local.tee $x (i32.add (local.get $x) (i32.const 1)))))
                (local.get $x))
              (func (export "withcall") (param $x i32) (result i32) (local $s i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s) (call $id (local.get $x))))
                  (br_if $l (i32.gt_u (local.tee $x (i32.sub (local.get $x) (i32.const 2))) (i32.const 1))))
                (local.get $s))
              (func $id (param i32) (result i32) (local.get 0))
              (func (export "nested") (param $x i32) (result i32) (local $s i32) (local $j i32)
                (loop $outer
                  (local.set $j (i32.const 3))
                  (loop $inner
                    (local.set $s (i32.add (local.get $s) (local.get $j)))
                    (br_if $inner (local.tee $j (i32.sub (local.get $j) (i32.const 1)))))
                  (br_if $outer (local.tee $x (i32.sub (local.get $x) (i32.const 1)))))
                (local.get $s)))
            """;

    @Test
    void signedBackEdgesGiveTheInterpretersResults(@TempDir Path dump) throws IOException {
        Instance compiled = CompiledModules.compileDumped(dump, WAT);
        assertThat(branches(dump, "f0")).as("n != 0 as n > 0, n < 0").containsExactly(Opcode.IFGT, Opcode.IFLT);
        assertThat(branches(dump, "f1")).containsExactly(Opcode.IFGT, Opcode.IFLT);
        assertThat(branches(dump, "f9")).containsExactly(Opcode.IFGT, Opcode.IFLT);
        assertThat(branches(dump, "f10")).as("a counter stepping by +1: left as it is (ControlCompiler.brIf)").containsExactly(Opcode.IFEQ);
        assertThat(branches(dump, "f11")).as("a loop that calls: left as it is").containsExactly(Opcode.IFEQ);
        assertThat(branches(dump, "f13")).as("the inner loop's back-edge, not the outer one's")
                .containsExactly(Opcode.IFGT, Opcode.IFLT, Opcode.IFEQ);
        assertThat(branches(dump, "f2")).as("x >u 15 as x > 15, x < 0").containsExactly(Opcode.IF_ICMPGT, Opcode.IFLT,
                Opcode.IFEQ);
        assertThat(branches(dump, "f3")).containsExactly(Opcode.IF_ICMPGE, Opcode.IFLT, Opcode.IFEQ);
        assertThat(branches(dump, "f4")).as("x <u 100 as x >= 0 && x < 100").containsExactly(Opcode.IFLT,
                Opcode.IF_ICMPLT, Opcode.IFEQ);
        assertThat(branches(dump, "f5")).containsExactly(Opcode.IFLT, Opcode.IFLE, Opcode.IFEQ);
        assertThat(branches(dump, "f6")).containsExactly(Opcode.IFGT, Opcode.IFLT, Opcode.IFEQ);
        assertThat(branches(dump, "f7")).containsExactly(Opcode.IFLT, Opcode.IFLE, Opcode.IFEQ);

        Instance interpreted = CompiledModules.interpreted(WAT);
        // first many calls of one direction (the JIT compiles the loops for it), then the others
        for (int i = 0; i < 3_000; i++) {
            same(compiled, interpreted, "tee", Val.i32(120));
            same(compiled, interpreted, "gtu", Val.i32(1000), Val.i32(-32));
            same(compiled, interpreted, "ltu", Val.i32(0), Val.i32(1));
            same(compiled, interpreted, "gtu64", Val.i64(1000), Val.i64(-32));
        }
        for (int x : new int[] {120, 1, 7}) {
            same(compiled, interpreted, "tee", Val.i32(x));
        }
        for (int x : new int[] {4, 64, 400}) {
            same(compiled, interpreted, "down4", Val.i32(x));
        }
        for (int x : new int[] {-8, -2, -400}) {
            same(compiled, interpreted, "up2", Val.i32(x));
        }
        assertThat(compiled.func("up2").call(Val.i32(-8))[0].i64() >>> 32).as("-8 up to 0 by 2").isEqualTo(4L);
        same(compiled, interpreted, "up1", Val.i32(-100));
        same(compiled, interpreted, "withcall", Val.i32(101));
        same(compiled, interpreted, "nested", Val.i32(50));
        int[][] unsigned32 = {{1000, -32}, {0x9000_000F, -0x1000_0000}, {-48, 16}, {0, 1}, {-3, 1}, {0x7FFF_FFF0, 8},
                {15, 1}, {16, -1}, {99, 1}, {100, -1}, {0, 0x7FFF_FFFF}, {1, -1}, {-1, 1}, {0x8000_0000, 0x8000_0000}};
        for (int[] u : unsigned32) {
            for (String f : List.of("gtu", "geu", "ltu", "leu0")) {
                if (terminates(f, u[0], u[1])) {
                    same(compiled, interpreted, f, Val.i32(u[0]), Val.i32(u[1]));
                }
            }
        }
        // each ends within 100 iterations; {20, 2^63} passes 2^63 + 20 (negative as a long) first
        long[][] unsigned64 = {{1000, -32}, {20, Long.MIN_VALUE}, {-64, 32}, {0, 1}, {100, -1}};
        for (long[] u : unsigned64) {
            same(compiled, interpreted, "gtu64", Val.i64(u[0]), Val.i64(u[1]));
            same(compiled, interpreted, "leu64", Val.i64(u[0]), Val.i64(u[1]));
        }
        for (int x : new int[] {100, 8, 15, 16}) { // (from below 8 the loop passes through 2^32: 2^29 iterations)
            same(compiled, interpreted, "param", Val.i32(x));
        }
        long h = 20 * 31 + (Long.MIN_VALUE + 20); // the values seen: 20, then 2^63 + 20
        assertThat(compiled.func("gtu64").call(Val.i64(20), Val.i64(Long.MIN_VALUE)))
                .as("x >u 31 at 2^63 + 20, then not at 20: 2 iterations").containsExactly(Val.i64((2L << 32) + h));
        assertThat(compiled.func("gtu").call(Val.i32(0x9000_000F), Val.i32(-0x1000_0000))[0].i64() >>> 32)
                .as("x >u 15 from 0x8000000F (negative as an int) down to 15: 9 iterations").isEqualTo(9L);
        assertThat(compiled.func("ltu").call(Val.i32(0), Val.i32(1))[0].i64() >>> 32).isEqualTo(100L);
        assertThat(compiled.func("ltu").call(Val.i32(-3), Val.i32(1))[0].i64() >>> 32)
                .as("x <u 100 from -3: -2 is not below 100 unsigned").isEqualTo(1L);
    }

    /** Whether a loop of these tests runs a few thousand iterations at most from {@code x} by {@code step}. */
    private static boolean terminates(String f, int x, int step) {
        long n = 0;
        do {
            x += step;
            n++;
            boolean again = switch (f) {
                case "gtu" -> Integer.compareUnsigned(x, 15) > 0;
                case "geu" -> Integer.compareUnsigned(x, 16) >= 0;
                case "ltu" -> Integer.compareUnsigned(x, 100) < 0;
                default -> x == 0;
            };
            if (!again) {
                return true;
            }
        } while (n < 100_000);
        return false;
    }
}
