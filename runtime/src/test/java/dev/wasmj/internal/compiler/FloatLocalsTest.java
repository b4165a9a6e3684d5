package dev.wasmj.internal.compiler;

import static dev.wasmj.internal.compiler.CompiledModules.same;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.StoreInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * f32 and f64 locals kept in JVM float and double locals ({@link FloatLocals}): every bit of a value
 * (signalling and quiet NaNs with payloads, negative zero) survives local.set, local.tee, local.get
 * and parameters; declared locals start at +0.0, again after a self tail call; loops carrying floats
 * in locals give the interpreter's results; split functions keep their locals as bits.
 */
class FloatLocalsTest {
    private static final String WAT = """
            (module
              (memory 1)
              (func (export "keep64") (param $x f64) (result f64) (local $a f64) (local $b f64)
                (local.set $a (local.get $x))
                (local.set $b (local.tee $x (local.get $a)))
                (f64.store (i32.const 8) (local.get $b))
                (f64.load (i32.const 8)))
              (func (export "keep32") (param $x f32) (result f32) (local $a f32) (local $b f32)
                (local.set $a (local.get $x))
                (local.set $b (local.tee $x (local.get $a)))
                (f32.store (i32.const 4) (local.get $b))
                (f32.load (i32.const 4)))
              (func (export "bits64") (param $x i64) (result i64) (local $d f64)
                (local.set $d (f64.reinterpret_i64 (local.get $x)))
                (i64.reinterpret_f64 (local.get $d)))
              (func (export "bits32") (param $x i32) (result i32) (local $f f32)
                (local.set $f (f32.reinterpret_i32 (local.get $x)))
                (i32.reinterpret_f32 (local.get $f)))
              (func (export "neg64") (param $x f64) (result f64) (local $d f64)
                (local.set $d (f64.neg (local.get $x)))
                (local.get $d))
              (func (export "zeros") (result i64) (local $d f64) (local $f f32)
                (i64.or (i64.reinterpret_f64 (local.get $d))
                        (i64.extend_i32_u (i32.reinterpret_f32 (local.get $f)))))
              (func $count (export "count") (param $n i32) (param $acc f64) (param $s f32) (result f64)
                  (local $t f64) (local $u f32)
                ;; $t and $u are 0 at every entry, also after the self tail call
                (local.set $t (f64.add (local.get $t) (f64.const 1)))
                (local.set $u (f32.add (local.get $u) (f32.const 0.5)))
                (if (result f64) (i32.eqz (local.get $n))
                  (then (f64.add (local.get $acc) (f64.promote_f32 (local.get $s))))
                  (else (return_call $count (i32.sub (local.get $n) (i32.const 1))
                      (f64.add (local.get $acc) (local.get $t)) (f32.add (local.get $s) (local.get $u))))))
              (func (export "orbit") (param $n i32) (result f64) (local $x f64) (local $v f64) (local $e f32)
                (local.set $x (f64.const 1))
                (loop $l
                  (local.set $v (f64.sub (local.get $v) (f64.mul (local.get $x) (f64.const 0.01))))
                  (local.set $x (f64.add (local.get $x) (f64.mul (local.get $v) (f64.const 0.01))))
                  (local.set $e (f32.add (local.get $e) (f32.demote_f64 (f64.sqrt (f64.abs (local.get $x))))))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (f64.add (local.get $x) (f64.promote_f32 (local.get $e)))))
            """;

    private static final long[] BITS64 = {0x7FF0_0000_0000_0001L, 0xFFF0_0000_0000_0001L, 0x7FF4_0000_0000_0000L,
            0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0123L, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L, 0L,
            Double.doubleToRawLongBits(Math.PI), 0x7FF0_0000_0000_0000L, 1L};
    private static final int[] BITS32 = {0x7F80_0001, 0xFF80_0001, 0x7FA0_0000, 0x7FC0_0000, 0xFFC0_0123,
            0x7FFF_FFFF, 0x8000_0000, 0, Float.floatToRawIntBits(2.5f), 0x7F80_0000, 1};

    @Test
    void floatLocalsKeepEveryBitAndGiveTheInterpretersResults(@TempDir Path dump) throws IOException {
        Instance compiled = CompiledModules.compileDumped(dump, WAT);
        assertThat(stores(dump)).as("locals stored as doubles and floats").contains(TypeKind.DOUBLE, TypeKind.FLOAT);
        Instance interpreted = CompiledModules.interpreted(WAT);
        for (long b : BITS64) {
            assertThat(compiled.func("keep64").call(Val.f64Bits(b))).as("keep64 %x", b)
                    .containsExactly(Val.f64Bits(b));
            assertThat(compiled.func("bits64").call(Val.i64(b))).as("bits64 %x", b).containsExactly(Val.i64(b));
            assertThat(compiled.func("neg64").call(Val.f64Bits(b))).as("neg64 %x", b)
                    .containsExactly(Val.f64Bits(b ^ Long.MIN_VALUE));
        }
        for (int b : BITS32) {
            assertThat(compiled.func("keep32").call(Val.f32Bits(b))).as("keep32 %x", b)
                    .containsExactly(Val.f32Bits(b));
            assertThat(compiled.func("bits32").call(Val.i32(b))).as("bits32 %x", b).containsExactly(Val.i32(b));
        }
        assertThat(compiled.func("zeros").call()).containsExactly(Val.i64(0));
        for (int n : new int[] {0, 1, 2, 10, 1000}) {
            same(compiled, interpreted, "count", Val.i32(n), Val.f64(0.25), Val.f32(0.125f));
        }
        assertThat(compiled.func("count").call(Val.i32(10), Val.f64(0), Val.f32(0))[0].f64()).isEqualTo(10 + 5);
        // many iterations first, so that the JIT compiles the loop, then short runs
        for (int n : new int[] {200_000, 1, 2, 7, 1000}) {
            same(compiled, interpreted, "orbit", Val.i32(n));
        }
    }

    @Test
    void splitFunctionsKeepFloatLocalsAsBits(@TempDir Path dump) throws IOException {
        System.setProperty(FunctionSplitter.BUDGET_PROPERTY, "1");
        System.setProperty(ModuleCompiler.DUMP, dump.toString());
        Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));
        Instance split;
        try {
            split = Instance.of(new Store<>(engine), Module.fromWat(engine, WAT));
        } finally {
            System.clearProperty(ModuleCompiler.DUMP);
            System.clearProperty(FunctionSplitter.BUDGET_PROPERTY);
        }
        assertThat(engine.compilerFallbacks()).isZero();
        assertThat(stores(dump)).doesNotContain(TypeKind.DOUBLE, TypeKind.FLOAT);
        for (long b : BITS64) {
            assertThat(split.func("keep64").call(Val.f64Bits(b))).containsExactly(Val.f64Bits(b));
        }
        assertThat(split.func("count").call(Val.i32(10), Val.f64(0), Val.f32(0))[0].f64()).isEqualTo(10 + 5);
    }

    /** The kinds of the JVM local stores in the functions' methods (and their regions'). */
    private static List<TypeKind> stores(Path dir) throws IOException {
        List<TypeKind> ops = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                ClassFile.of().parse(Files.readAllBytes(file)).methods().stream()
                        .filter(m -> m.methodName().stringValue().matches("f\\d+.*"))
                        .forEach(m -> m.code().orElseThrow().forEach(e -> {
                            if (e instanceof StoreInstruction s) {
                                ops.add(s.typeKind());
                            }
                        }));
            }
        }
        return ops;
    }
}
