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
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * v128 in compiled code ({@link SimdCompiler}): functions with v128 values everywhere compile (no
 * fallback) and give exactly the interpreter's results, memory contents and traps.
 */
class SimdCompilerTest {
    private static final String WAT = """
            (module
              (type $vv (func (param v128 v128) (result v128)))
              (import "host" "swap" (func $swap (param i32 v128) (result v128 i32)))
              (memory $m 1)
              (memory $m64 i64 1)
              (global $g (mut v128) (v128.const i32x4 1 2 3 4))
              (table 2 funcref)
              (elem (i32.const 0) $add $mix)

              (func $add (type $vv) (i32x4.add (local.get 0) (local.get 1)))

              ;; the stack form (floats, relaxed, shuffle, lanes) and the per-half operators together
              (func $mix (type $vv)
                (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
                  (f32x4.add (local.get 0) (f32x4.relaxed_madd (local.get 1) (local.get 0) (local.get 1)))
                  (i16x8.replace_lane 3
                    (i8x16.min_s (v128.xor (local.get 0) (local.get 1)) (i8x16.sub_sat_u (local.get 1) (local.get 0)))
                    (i32.add (i16x8.extract_lane_u 5 (local.get 1)) (i32x4.extract_lane 2 (local.get 0))))))

              (func (export "add") (param v128 v128) (result v128) (call $add (local.get 0) (local.get 1)))
              (func (export "mix") (param v128 v128) (result v128) (call $mix (local.get 0) (local.get 1)))
              (func (export "indirect") (param v128 v128 i32) (result v128)
                (call_indirect (type $vv) (local.get 0) (local.get 1) (local.get 2)))
              (func (export "ref") (param v128 v128) (result v128)
                (call_ref $vv (local.get 0) (local.get 1) (ref.func $mix)))
              (elem declare func $mix)
              ;; an import through the slots convention: the i32 around the v128 shifts its slots
              (func (export "host") (param v128 i32) (result v128 i32)
                (call $swap (local.get 1) (local.get 0)))

              ;; a v128 below the branch value, select, drop, a block with a v128 parameter, a global
              (func (export "control") (param v128 v128 i32) (result v128 i32) (local v128)
                (local.set 3 (global.get $g))
                (global.set $g (i64x2.add (local.get 0) (global.get $g)))
                (drop (local.tee 3 (select (local.get 0) (local.get 1) (local.get 2))))
                (local.get 0)
                (block $out (param v128) (result v128)
                  (local.get 1)
                  (br_if $out (local.get 3) (i32.eqz (local.get 2)))
                  (drop)
                  (i64x2.sub))
                (i32x4.all_true (local.get 3)))

              ;; every load and store form, on both memories, in a loop: b[i] = a[i] + c[i] ...
              (func (export "loop") (param $n i32) (result v128) (local $i i32) (local $acc v128)
                (loop $l
                  (v128.store offset=4096 (local.get $i)
                    (i32x4.add (v128.load (local.get $i)) (v128.load offset=2048 (local.get $i))))
                  (local.set $acc (i16x8.add (local.get $acc)
                    (v128.xor (v128.load8x8_s (local.get $i)) (v128.load16x4_u offset=3 (local.get $i)))))
                  (local.set $acc (v128.or (local.get $acc)
                    (v128.and (v128.load32x2_s offset=5 (local.get $i)) (v128.load8_splat offset=7 (local.get $i)))))
                  (local.set $acc (i32x4.sub (local.get $acc)
                    (v128.andnot (v128.load16_splat (local.get $i)) (v128.load32_zero offset=9 (local.get $i)))))
                  (local.set $acc (v128.load8_lane 13 (local.get $i) (local.get $acc)))
                  (local.set $acc (v128.load32_lane offset=1 2 (local.get $i) (local.get $acc)))
                  (local.set $acc (v128.load64_lane $m64 1 (i64.extend_i32_u (local.get $i)) (local.get $acc)))
                  (v128.store $m64 offset=100 (i64.extend_i32_u (local.get $i)) (v128.load64_splat (local.get $i)))
                  (v128.store16_lane offset=8192 5 (local.get $i) (local.get $acc))
                  (v128.store64_lane $m64 1 (i64.const 200) (v128.load64_zero offset=1 (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 16)))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (i64x2.add (local.get $acc) (v128.load $m64 (i64.const 100))))

              (func (export "store") (param i32 v128) (v128.store (local.get 0) (local.get 1)))
              (export "m" (memory $m))
              (export "m64" (memory $m64)))
            """;

    private final Engine compiler = new Engine(new Config().strategy(Strategy.COMPILER));
    private final Instance compiled = instantiate(compiler);
    private final Instance interpreted = instantiate(new Engine(new Config().strategy(Strategy.INTERPRETER)));

    private static Instance instantiate(Engine engine) {
        return instantiate(engine, WAT);
    }

    private static Instance instantiate(Engine engine, String wat) {
        Store<Void> store = new Store<>(engine);
        // (i32 n, v128 v) -> (v128 with its halves swapped and n added to the low half, n + 1)
        Func swap = Func.of(store, FuncType.of(List.of(ValType.I32, ValType.V128), List.of(ValType.V128, ValType.I32)),
                (caller, args) -> {
                    Val.V128 v = (Val.V128) args[1];
                    return new Val[] {Val.v128(v.high() + args[0].i32(), v.low()), Val.i32(args[0].i32() + 1)};
                });
        return Instance.of(store, Module.fromWat(engine, wat), swap);
    }

    @Test
    void compilesWithoutFallbacks() {
        assertThat(compiler.compilerFallbacks()).isZero();
    }

    @Test
    void callsPassBothHalves() {
        assertThat(compiled.func("add").call(Val.v128(0x0000_0002_FFFF_FFFFL, 5), Val.v128(0x0000_0001_0000_0001L, 7)))
                .containsExactly(Val.v128(0x0000_0003_0000_0000L, 12));
        assertThat(compiled.func("host").call(Val.v128(1, 2), Val.i32(5))).containsExactly(Val.v128(7, 1), Val.i32(6));
    }

    @Test
    void operatorsAndCallsGiveTheInterpretersResults() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 200; n++) {
            Val a = v128(random);
            Val b = v128(random);
            sameResults("add", a, b);
            sameResults("mix", a, b);
            sameResults("indirect", a, b, Val.i32(n & 1));
            sameResults("ref", a, b);
            sameResults("host", a, Val.i32(n));
            sameResults("control", a, b, Val.i32(n % 3 == 0 ? 0 : n));
        }
    }

    @Test
    void loadsAndStoresOfEveryFormGiveTheInterpretersResultsAndMemory() {
        byte[] data = new byte[8192];
        new SplittableRandom(7).nextBytes(data);
        for (Instance i : List.of(compiled, interpreted)) {
            i.memory("m").write(0, data);
            i.memory("m64").write(0, data);
        }
        sameResults("loop", Val.i32(1024));
        assertThat(compiled.memory("m").read(0, 65536)).isEqualTo(interpreted.memory("m").read(0, 65536));
        assertThat(compiled.memory("m64").read(0, 65536)).isEqualTo(interpreted.memory("m64").read(0, 65536));
    }

    @Test
    void aStorePartlyOutOfBoundsTrapsLikeTheInterpreterAndWritesNothing() {
        Val v = Val.v128(-1, -1);
        Trap c = catchThrowableOfType(Trap.class, () -> compiled.func("store").call(Val.i32(65536 - 12), v));
        Trap i = catchThrowableOfType(Trap.class, () -> interpreted.func("store").call(Val.i32(65536 - 12), v));
        assertThat(c.code()).isEqualTo(i.code());
        assertThat(c.getMessage()).isEqualTo(i.getMessage());
        assertThat(compiled.memory("m").read(65536 - 16, 16)).isEqualTo(new byte[16]);
    }

    @Test
    void loadsAndStoresOnSharedMemoriesGiveTheInterpretersResultsMemoryAndTraps() {
        String wat = WAT.replace("(memory $m 1)", "(memory $m 1 2 shared)")
                .replace("(memory $m64 i64 1)", "(memory $m64 i64 1 2 shared)");
        Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));
        Instance c = instantiate(engine, wat);
        Instance i = instantiate(new Engine(new Config().strategy(Strategy.INTERPRETER)), wat);
        assertThat(engine.compilerFallbacks()).isZero();
        byte[] data = new byte[8192];
        new SplittableRandom(11).nextBytes(data);
        for (Instance x : List.of(c, i)) {
            MemorySegment.copy(MemorySegment.ofArray(data), 0, x.sharedMemory("m").data(), 0, data.length);
            MemorySegment.copy(MemorySegment.ofArray(data), 0, x.sharedMemory("m64").data(), 0, data.length);
        }
        assertThat(c.func("loop").call(Val.i32(1024))).isEqualTo(i.func("loop").call(Val.i32(1024)));
        assertThat(bytes(c, "m")).isEqualTo(bytes(i, "m"));
        assertThat(bytes(c, "m64")).isEqualTo(bytes(i, "m64"));
        Val v = Val.v128(-1, -1);
        Trap tc = catchThrowableOfType(Trap.class, () -> c.func("store").call(Val.i32(65536 - 12), v));
        Trap ti = catchThrowableOfType(Trap.class, () -> i.func("store").call(Val.i32(65536 - 12), v));
        assertThat(tc.code()).isEqualTo(ti.code());
        assertThat(tc.getMessage()).isEqualTo(ti.getMessage());
        assertThat(java.util.Arrays.copyOfRange(bytes(c, "m"), 65536 - 16, 65536)).isEqualTo(new byte[16]);
    }

    private static byte[] bytes(Instance i, String memory) {
        return i.sharedMemory(memory).data().asSlice(0, 65536).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private void sameResults(String name, Val... args) {
        assertThat(compiled.func(name).call(args)).as(name).isEqualTo(interpreted.func(name).call(args));
    }

    private static Val v128(SplittableRandom random) {
        // some lanes NaN or infinite, so float lanes see their special cases
        long lo = random.nextInt(4) == 0 ? 0x7FC0_0001_FF80_0000L : random.nextLong();
        return Val.v128(lo, random.nextLong());
    }
}
