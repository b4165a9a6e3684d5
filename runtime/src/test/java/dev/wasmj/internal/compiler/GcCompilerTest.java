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
import dev.wasmj.TrapCode;
import dev.wasmj.Val;
import org.junit.jupiter.api.Test;

/**
 * GC and custom-descriptor instructions on the compiler: the functions compile (no fallback) and give
 * the interpreter's results, and its trap codes, messages and backtraces.
 */
class GcCompilerTest {
    private static final String GC = """
            (module $gc
              (type $pt (struct (field $x (mut i32)) (field $y (mut i64)) (field $b (mut i8))
                                (field $h (mut i16)) (field $f (mut f32)) (field $r (mut anyref))))
              (type $bytes (array (mut i8)))
              (type $longs (array (mut i64)))
              (type $refs (array (mut anyref)))
              (data $d "\\01\\02\\ff\\80")
              (elem $e i31ref (item (ref.i31 (i32.const 7))) (item (ref.i31 (i32.const -1))))

              (func $mk (param i32) (result (ref $pt))
                (struct.new $pt (local.get 0) (i64.extend_i32_s (local.get 0)) (local.get 0) (local.get 0)
                  (f32.const -2.5) (ref.i31 (local.get 0))))

              ;; struct.new/get/get_s/get_u/set, packed fields, i31 inside a struct
              (func (export "fields") (param i32) (result i64) (local $p (ref null $pt))
                (local.set $p (call $mk (local.get 0)))
                (struct.set $pt $b (local.get $p) (i32.add (struct.get_u $pt $b (local.get $p)) (i32.const 1)))
                (struct.set $pt $x (local.get $p) (i32.mul (struct.get $pt $x (local.get $p)) (i32.const 3)))
                (i64.add
                  (i64.add (i64.extend_i32_s (struct.get_s $pt $b (local.get $p)))
                           (i64.mul (i64.const 1000) (i64.extend_i32_u (struct.get_u $pt $h (local.get $p)))))
                  (i64.add
                    (i64.add (struct.get $pt $y (local.get $p)) (i64.extend_i32_s (struct.get $pt $x (local.get $p))))
                    (i64.add (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (struct.get $pt $r (local.get $p)))))
                             (i64.trunc_f32_s (struct.get $pt $f (local.get $p)))))))

              (func (export "defaults") (result i32)
                (i32.add (struct.get $pt $x (struct.new_default $pt))
                  (ref.is_null (struct.get $pt $r (struct.new_default $pt)))))

              ;; array.new_data, array.fill, array.get_s/get_u (traps: out of bounds, memory out of bounds)
              (func (export "bytes") (param i32 i32) (result i32) (local $a (ref null $bytes))
                (local.set $a (array.new_data $bytes $d (i32.const 0) (i32.const 4)))
                (array.fill $bytes (local.get $a) (i32.const 0) (local.get 1) (i32.const 1))
                (i32.add (array.get_s $bytes (local.get $a) (local.get 0))
                  (i32.mul (i32.const 1000) (array.get_u $bytes (local.get $a) (local.get 0)))))
              (func (export "dataTooShort") (result i32)
                (array.len (array.new_data $bytes $d (i32.const 2) (i32.const 3))))

              ;; array.new, array.set, array.copy (overlapping), array.len, array.new_fixed
              (func (export "longs") (param i32) (result i64) (local $a (ref null $longs)) (local $i i32) (local $s i64)
                (local.set $a (array.new $longs (i64.const 5) (local.get 0)))
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
                    (array.set $longs (local.get $a) (local.get $i) (i64.extend_i32_u (local.get $i)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $l)))
                (array.copy $longs $longs (local.get $a) (i32.const 1) (local.get $a) (i32.const 0) (i32.const 3))
                (local.set $i (i32.const 0))
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
                    (local.set $s (i64.add (i64.mul (local.get $s) (i64.const 31))
                      (array.get $longs (local.get $a) (local.get $i))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $l)))
                (i64.add (local.get $s)
                  (array.get $longs (array.new_fixed $longs 3 (i64.const 10) (i64.const 20) (i64.const 30))
                    (i32.const 2))))
              (func (export "tooLarge") (result i32)
                (array.len (array.new_default $longs (i32.const -1))))

              ;; array.new_elem, array.init_elem, array.init_data, references in arrays
              (func (export "elems") (param i32) (result i32) (local $a (ref null $refs)) (local $b (ref null $bytes))
                (local.set $a (array.new_elem $refs $e (i32.const 0) (i32.const 2)))
                (local.set $a (array.new $refs (array.get $refs (local.get $a) (i32.const 1)) (i32.const 4)))
                (array.init_elem $refs $e (local.get $a) (local.get 0) (i32.const 0) (i32.const 2))
                (local.set $b (array.new_default $bytes (i32.const 4)))
                (array.init_data $bytes $d (local.get $b) (i32.const 1) (i32.const 1) (i32.const 3))
                (i32.add (i31.get_s (ref.cast (ref i31) (array.get $refs (local.get $a) (i32.const 3))))
                  (i32.mul (i32.const 100) (array.get_s $bytes (local.get $b) (i32.const 2)))))

              (func $pick (param i32) (result anyref)
                (block $b3 (block $b2 (block $b1 (block $b0
                  (br_table $b0 $b1 $b2 $b3 (local.get 0)))
                  (return (ref.null any)))
                  (return (ref.i31 (i32.const -5))))
                  (return (call $mk (i32.const 9))))
                (array.new_fixed $refs 2 (ref.null any) (ref.i31 (i32.const 1))))

              ;; br_on_cast, br_on_cast_fail, ref.test, ref.cast, i31.get_u, extern/any conversions
              (func (export "kind") (param i32) (result i32)
                (block $other (result anyref)
                  (block $i31 (result (ref i31))
                    (block $struct (result (ref $pt))
                      (br_on_cast $i31 anyref (ref i31) (call $pick (local.get 0)))
                      (br_on_cast $struct anyref (ref $pt))
                      (br_on_cast_fail $other anyref (ref array))
                      array.len (i32.const 40) i32.add return)
                    struct.get $pt $x (i32.const 20) i32.add return)
                  i31.get_u return)
                ref.is_null (i32.const 30) i32.add)
              (func (export "tests") (param i32) (result i32) (local $r anyref)
                (local.set $r (any.convert_extern (extern.convert_any (call $pick (local.get 0)))))
                (i32.or (i32.or (ref.test (ref i31) (local.get $r)) (i32.shl (ref.test (ref null $pt) (local.get $r)) (i32.const 1)))
                  (i32.or (i32.shl (ref.test (ref eq) (local.get $r)) (i32.const 2))
                          (i32.shl (ref.test (ref null array) (local.get $r)) (i32.const 3)))))
              (func (export "castStruct") (param i32) (result i32)
                (struct.get $pt $x (ref.cast (ref $pt) (call $pick (local.get 0)))))
              (func (export "nullI31") (result i32) (i31.get_s (ref.null i31)))
              (func (export "nullArray") (result i32) (array.len (ref.null array)))
              (func (export "copyOut") (param i32) (result i32) (local $a (ref null $longs))
                (local.set $a (array.new_default $longs (i32.const 4)))
                (array.copy $longs $longs (local.get $a) (local.get 0) (local.get $a) (i32.const 0) (i32.const 2))
                (i32.const 1))
              (func (export "setNull") (struct.set $pt $x (ref.null $pt) (i32.const 1))))
            """;

    private static final String DESCRIPTORS = """
            (module $desc
              (rec
                (type $a (descriptor $b) (struct (field i32)))
                (type $b (describes $a) (struct (field i32))))
              (global $b1 (ref (exact $b)) (struct.new $b (i32.const 1)))
              (global $b2 (ref (exact $b)) (struct.new $b (i32.const 2)))
              (func $desc (param i32) (result (ref null (exact $b)))
                (if (result (ref null (exact $b))) (i32.eqz (local.get 0))
                  (then (ref.null (exact $b)))
                  (else (if (result (ref (exact $b))) (i32.eq (local.get 0) (i32.const 1))
                    (then (global.get $b1)) (else (global.get $b2))))))
              ;; struct.new_desc, ref.get_desc, ref.cast_desc_eq, br_on_cast_desc_eq(_fail)
              (func (export "getDesc") (param i32 i32) (result i32)
                (struct.get $b 0 (ref.get_desc $a
                  (struct.new_desc $a (local.get 1) (call $desc (local.get 0))))))
              (func (export "castDesc") (param i32 i32) (result i32)
                (struct.get $a 0 (ref.cast_desc_eq (ref $a)
                  (struct.new_default_desc $a (call $desc (local.get 0))) (call $desc (local.get 1)))))
              (func (export "brDesc") (param i32 i32) (result i32)
                (drop (block $hit (result (ref null $a))
                  (drop (block $miss (result anyref)
                    (br_on_cast_desc_eq_fail $miss anyref (ref $a)
                      (br_on_cast_desc_eq $hit anyref (ref null $a)
                        (struct.new_desc $a (i32.const 5) (call $desc (local.get 0))) (call $desc (local.get 1)))
                      (call $desc (local.get 1)))
                    (drop)
                    (return (i32.const -1))))
                  (return (i32.const 0))))
                (i32.const 1)))
            """;

    /** v128 fields and elements: two entries of {@code nums} each, low half first, like the interpreter. */
    private static final String VECTORS = """
            (module $vectors
              (type $s (struct (field $a (mut i32)) (field $v (mut v128)) (field $r (mut anyref))
                               (field $w (mut v128)) (field $b (mut i8))))
              (type $vs (array (mut v128)))
              (data $d "\\00\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\\15\\16\\17")

              ;; struct.new/get/set/new_default with v128 fields among others
              (func (export "fields") (param v128 v128 i32) (result v128 v128 i32) (local $p (ref null $s))
                (local.set $p (struct.new $s (local.get 2) (local.get 0) (ref.i31 (local.get 2)) (local.get 1) (local.get 2)))
                (struct.set $s $v (local.get $p) (i64x2.add (struct.get $s $v (local.get $p)) (struct.get $s $w (local.get $p))))
                (struct.get $s $v (local.get $p))
                (struct.get $s $w (local.get $p))
                (i32.add (i31.get_s (ref.cast (ref i31) (struct.get $s $r (local.get $p))))
                  (i32.add (struct.get $s $a (local.get $p)) (struct.get_s $s $b (local.get $p)))))
              (func (export "defaults") (result v128 i32) (local $p (ref null $s))
                (local.set $p (struct.new_default $s))
                (struct.get $s $w (local.get $p))
                (ref.is_null (struct.get $s $r (local.get $p))))
              (func (export "nullGet") (result v128) (struct.get $s $v (ref.null $s)))
              (func (export "nullSet") (struct.set $s $w (ref.null $s) (v128.const i64x2 1 2)))

              ;; array.new/get/set/fill/len; traps: out of bounds, null
              (func (export "arrays") (param $n i32) (param $i i32) (param $v v128) (result v128 v128 i32)
                (local $a (ref null $vs))
                (local.set $a (array.new $vs (local.get $v) (local.get $n)))
                (array.set $vs (local.get $a) (local.get $i)
                  (i64x2.add (array.get $vs (local.get $a) (local.get $i)) (v128.const i64x2 1 -1)))
                (array.fill $vs (local.get $a) (i32.const 0) (v128.const i64x2 7 8) (local.get $i))
                (array.get $vs (local.get $a) (local.get $i))
                (array.get $vs (local.get $a) (i32.const 0))
                (array.len (local.get $a)))
              (func (export "fill") (param $d i32) (param $n i32) (result v128)
                (local $a (ref null $vs))
                (local.set $a (array.new_default $vs (i32.const 4)))
                (array.fill $vs (local.get $a) (local.get $d) (v128.const i64x2 -1 3) (local.get $n))
                (array.get $vs (local.get $a) (i32.const 3)))
              (func (export "nullArray") (param i32) (result v128)
                (if (i32.eqz (local.get 0))
                  (then (array.set $vs (ref.null $vs) (i32.const 0) (v128.const i64x2 1 2))))
                (if (i32.eq (local.get 0) (i32.const 1))
                  (then (array.fill $vs (ref.null $vs) (i32.const 0) (v128.const i64x2 1 2) (i32.const 0))))
                (array.get $vs (ref.null $vs) (i32.const 0)))
              (func (export "tooLarge") (result i32)
                (array.len (array.new $vs (v128.const i64x2 1 2) (i32.const -1))))

              ;; array.new_fixed, array.new_data, array.init_data, array.copy
              (func (export "fixed") (param i32) (result v128)
                (array.get $vs (array.new_fixed $vs 3 (v128.const i64x2 1 2) (v128.const i64x2 3 4)
                  (v128.const i64x2 5 6)) (local.get 0)))
              (func (export "data") (param $from i32) (param $i i32) (result v128 v128)
                (local $a (ref null $vs)) (local $b (ref null $vs))
                (local.set $a (array.new_data $vs $d (local.get $from) (i32.const 1)))
                (local.set $b (array.new_fixed $vs 3 (v128.const i64x2 1 2) (v128.const i64x2 3 4)
                  (v128.const i64x2 5 6)))
                (array.init_data $vs $d (local.get $b) (i32.const 2) (i32.const 8) (i32.const 1))
                (array.copy $vs $vs (local.get $b) (i32.const 0) (local.get $b) (i32.const 1) (i32.const 2))
                (array.get $vs (local.get $a) (i32.const 0))
                (array.get $vs (local.get $b) (local.get $i))))
            """;

    private final Engine engine = new Engine(new Config().strategy(Strategy.COMPILER).wasmCustomDescriptors(true));
    private final Engine interpreter = new Engine(new Config().strategy(Strategy.INTERPRETER).wasmCustomDescriptors(true));

    private record Pair(Instance compiled, Instance interpreted) {
        /** Calls {@code name} on both; returns the results after checking they are the same, or null after the same trap. */
        Val[] same(String name, Val... args) {
            Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func(name).call(args));
            Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func(name).call(args));
            if (expected == null) {
                assertThat(actual).as(name).isNull();
                Val[] result = compiled.func(name).call(args);
                assertThat(result).as(name).containsExactly(interpreted.func(name).call(args));
                return result;
            }
            assertThat(actual).as(name).isNotNull();
            assertThat(actual.code()).as(name).isEqualTo(expected.code());
            assertThat(actual.getMessage()).as(name).isEqualTo(expected.getMessage());
            assertThat(actual.backtrace()).as(name).isEqualTo(expected.backtrace());
            return null;
        }

        TrapCode trap(String name, Val... args) {
            assertThat(same(name, args)).as(name + " traps").isNull();
            return catchThrowableOfType(Trap.class, () -> compiled.func(name).call(args)).code();
        }
    }

    private Pair instantiate(String wat) {
        Instance compiled = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
        assertThat(engine.compilerFallbacks()).as("fallbacks").isZero();
        return new Pair(compiled, Instance.of(new Store<>(interpreter), Module.fromWat(interpreter, wat)));
    }

    @Test
    void structsArraysAndI31CompileWithTheInterpretersResults() {
        Pair p = instantiate(GC);
        // x=3*n, y=n, b=(n&0xFF)+1 read signed, h=n&0xFFFF, r=i31(n), f=-2.5
        assertThat(p.same("fields", Val.i32(0x1_237F))).containsExactly(Val.i64(
                (byte) 0x80 + 1000L * 0x237F + 0x1_237F + 3L * 0x1_237F + 0x1_237F - 2));
        p.same("fields", Val.i32(-1));
        assertThat(p.same("defaults")).containsExactly(Val.i32(1));
        assertThat(p.same("bytes", Val.i32(0), Val.i32(0x1FF))).containsExactly(Val.i32(-1 + 1000 * 255));
        assertThat(p.same("bytes", Val.i32(3), Val.i32(0))).containsExactly(Val.i32(-128 + 1000 * 128));
        p.same("bytes", Val.i32(2), Val.i32(7));
        assertThat(p.trap("bytes", Val.i32(4), Val.i32(0))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        assertThat(p.trap("bytes", Val.i32(-1), Val.i32(0))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        assertThat(p.trap("dataTooShort")).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS);
        // a[i] = i, then a[1..4) = a[0..3), then the hash of a, plus 30 from array.new_fixed
        assertThat(p.same("longs", Val.i32(4))).containsExactly(Val.i64(((0 * 31 + 0) * 31 + 1) * 31 + 2 + 30));
        p.same("longs", Val.i32(10));
        assertThat(p.trap("longs", Val.i32(3))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        assertThat(p.trap("tooLarge")).isEqualTo(TrapCode.ALLOCATION_TOO_LARGE);
        assertThat(p.same("elems", Val.i32(0))).containsExactly(Val.i32(-1 + 100 * -1));
        assertThat(p.same("elems", Val.i32(2))).containsExactly(Val.i32(-1 + 100 * -1));
        assertThat(p.trap("elems", Val.i32(3))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        assertThat(p.trap("nullI31")).isEqualTo(TrapCode.NULL_REFERENCE);
        assertThat(p.trap("nullArray")).isEqualTo(TrapCode.NULL_REFERENCE);
        assertThat(p.trap("setNull")).isEqualTo(TrapCode.NULL_REFERENCE);
        p.same("copyOut", Val.i32(2));
        assertThat(p.trap("copyOut", Val.i32(3))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
    }

    @Test
    void v128FieldsAndElementsCompileWithTheInterpretersResults() {
        Pair p = instantiate(VECTORS);
        Val v = Val.v128(0x0102_0304_0506_0708L, -5);
        Val w = Val.v128(Long.MAX_VALUE, 9);
        // v = v + w (per i64 lane), w, then i31(n) + n + (byte) n
        assertThat(p.same("fields", v, w, Val.i32(0x1FF))).containsExactly(
                Val.v128(0x0102_0304_0506_0708L + Long.MAX_VALUE, 4), w, Val.i32(0x1FF + 0x1FF - 1));
        assertThat(p.same("defaults")).containsExactly(Val.v128(0, 0), Val.i32(1));
        assertThat(p.trap("nullGet")).isEqualTo(TrapCode.NULL_REFERENCE);
        assertThat(p.trap("nullSet")).isEqualTo(TrapCode.NULL_REFERENCE);
        // a = [v; n], a[i] += (1, -1), a[0..i) = (7, 8): a[i], a[0], n
        assertThat(p.same("arrays", Val.i32(4), Val.i32(2), v)).containsExactly(
                Val.v128(0x0102_0304_0506_0709L, -6), Val.v128(7, 8), Val.i32(4));
        assertThat(p.same("arrays", Val.i32(1), Val.i32(0), v)).containsExactly(
                Val.v128(0x0102_0304_0506_0709L, -6), Val.v128(0x0102_0304_0506_0709L, -6), Val.i32(1));
        assertThat(p.trap("arrays", Val.i32(2), Val.i32(2), v)).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        assertThat(p.trap("arrays", Val.i32(2), Val.i32(-1), v)).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        assertThat(p.same("fill", Val.i32(1), Val.i32(3))).containsExactly(Val.v128(-1, 3));
        assertThat(p.same("fill", Val.i32(0), Val.i32(3))).containsExactly(Val.v128(0, 0));
        assertThat(p.trap("fill", Val.i32(2), Val.i32(3))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        for (int i = 0; i < 3; i++) {
            assertThat(p.trap("nullArray", Val.i32(i))).as("nullArray %d", i).isEqualTo(TrapCode.NULL_REFERENCE);
        }
        assertThat(p.trap("tooLarge")).isEqualTo(TrapCode.ALLOCATION_TOO_LARGE);
        assertThat(p.same("fixed", Val.i32(2))).containsExactly(Val.v128(5, 6));
        assertThat(p.same("fixed", Val.i32(0))).containsExactly(Val.v128(1, 2));
        assertThat(p.trap("fixed", Val.i32(3))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
        // a = bytes from..from+16 as one v128; b = [(1,2), (3,4), bytes 8..24] then b[0..2) = b[1..3)
        assertThat(p.same("data", Val.i32(0), Val.i32(1))).containsExactly(
                Val.v128(0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L),
                Val.v128(0x0F0E_0D0C_0B0A_0908L, 0x1716_1514_1312_1110L));
        assertThat(p.same("data", Val.i32(8), Val.i32(0))).containsExactly(
                Val.v128(0x0F0E_0D0C_0B0A_0908L, 0x1716_1514_1312_1110L), Val.v128(3, 4));
        assertThat(p.trap("data", Val.i32(9), Val.i32(0))).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS);
        assertThat(p.trap("data", Val.i32(0), Val.i32(3))).isEqualTo(TrapCode.ARRAY_OUT_OF_BOUNDS);
    }

    @Test
    void testsCastsAndBranchesOnCastsCompileWithTheInterpretersResults() {
        Pair p = instantiate(GC);
        int[] kinds = {30 + 1, 0x7FFF_FFFB, 20 + 9, 40 + 2}; // null, i31 -5, a struct with x = 9, an array of 2
        int[] tests = {2 | 8, 1 | 4, 2 | 4, 4 | 8};
        for (int i = 0; i < 4; i++) {
            assertThat(p.same("kind", Val.i32(i))).as("kind %d", i).containsExactly(Val.i32(kinds[i]));
            assertThat(p.same("tests", Val.i32(i))).as("tests %d", i).containsExactly(Val.i32(tests[i]));
        }
        assertThat(p.same("castStruct", Val.i32(2))).containsExactly(Val.i32(9));
        for (int i : new int[] {0, 1, 3}) {
            assertThat(p.trap("castStruct", Val.i32(i))).isEqualTo(TrapCode.CAST_FAILURE);
        }
    }

    @Test
    void customDescriptorsCompileWithTheInterpretersResults() {
        Pair p = instantiate(DESCRIPTORS);
        assertThat(p.same("getDesc", Val.i32(1), Val.i32(9))).containsExactly(Val.i32(1));
        assertThat(p.same("getDesc", Val.i32(2), Val.i32(9))).containsExactly(Val.i32(2));
        assertThat(p.trap("getDesc", Val.i32(0), Val.i32(9))).isEqualTo(TrapCode.NULL_REFERENCE);
        assertThat(p.same("castDesc", Val.i32(1), Val.i32(1))).containsExactly(Val.i32(0));
        assertThat(p.trap("castDesc", Val.i32(1), Val.i32(2))).isEqualTo(TrapCode.CAST_FAILURE);
        assertThat(p.trap("castDesc", Val.i32(1), Val.i32(0))).isEqualTo(TrapCode.NULL_REFERENCE);
        assertThat(p.same("brDesc", Val.i32(1), Val.i32(1))).containsExactly(Val.i32(1));
        assertThat(p.same("brDesc", Val.i32(2), Val.i32(1))).containsExactly(Val.i32(0));
        assertThat(p.trap("brDesc", Val.i32(1), Val.i32(0))).isEqualTo(TrapCode.NULL_REFERENCE);
    }
}
