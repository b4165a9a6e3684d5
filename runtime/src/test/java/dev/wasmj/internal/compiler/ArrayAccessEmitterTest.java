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
import java.io.IOException;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads and stores that the compiler emits as bytecode of the function itself on a memory kept in an
 * array ({@link ArrayAccessEmitter}, in the loops of small functions with more than 90 accesses): every kind, at the edges of the memory, with offsets up to 2^32 - 1
 * and addresses of 2^31 and more, give the interpreter's results, memory contents and traps.
 */
class ArrayAccessEmitterTest {
    private static final String[][] LOADS = {
            {"i32.load", "i32"}, {"i64.load", "i64"}, {"f32.load", "f32"}, {"f64.load", "f64"},
            {"i32.load8_s", "i32"}, {"i32.load8_u", "i32"}, {"i32.load16_s", "i32"}, {"i32.load16_u", "i32"},
            {"i64.load8_s", "i64"}, {"i64.load8_u", "i64"}, {"i64.load16_s", "i64"}, {"i64.load16_u", "i64"},
            {"i64.load32_s", "i64"}, {"i64.load32_u", "i64"}};
    private static final String[][] STORES = {
            {"i32.store", "i32"}, {"i64.store", "i64"}, {"f32.store", "f32"}, {"f64.store", "f64"},
            {"i32.store8", "i32"}, {"i32.store16", "i32"}, {"i64.store8", "i64"}, {"i64.store16", "i64"},
            {"i64.store32", "i64"}};
    /** Static offsets: 0 (the index is the address), small, at the memory's end, around 2^31, 2^32 - 1. */
    private static final long[] OFFSETS = {0, 1, 7, 65_528, 65_535, 65_536, 0x7FFF_FFFFL, 0x8000_0000L,
            0xFFFF_FFF8L, 0xFFFF_FFFFL};
    /** Addresses (i32, so negative ones are 2^31 and more): both edges of a 1-page memory, 2^31, 2^32 - 1. */
    private static final int[] ADDRESSES = {0, 1, 3, 65_528, 65_529, 65_532, 65_534, 65_535, 65_536, 65_537,
            Integer.MAX_VALUE, Integer.MIN_VALUE, -65_536, -8, -7, -1};

    /**
     * Accesses that never run, so that a function has more than {@code FunctionCompiler.HELPER_ACCESSES}
     * (90) and emits those in its loops.
     */
    private static final String PADDING = "(if (i32.const 0) (then %s))".formatted(
            "(drop (i32.load (i32.const 0)))".repeat(91));

    /**
     * A module with one exported function per kind of access and offset, each with its access in a loop
     * that runs once.
     */
    private static String module() {
        StringBuilder w = new StringBuilder("(module (memory (export \"mem\") 1)\n");
        for (int k = 0; k < LOADS.length; k++) {
            for (int o = 0; o < OFFSETS.length; o++) {
                w.append("(func (export \"l%d_%d\") (param i32) (result %s) (loop (result %s) %s (%s offset=%d (local.get 0))))\n"
                        .formatted(k, o, LOADS[k][1], LOADS[k][1], PADDING, LOADS[k][0], OFFSETS[o]));
            }
        }
        for (int k = 0; k < STORES.length; k++) {
            for (int o = 0; o < OFFSETS.length; o++) {
                w.append("(func (export \"s%d_%d\") (param i32 %s) (loop %s (%s offset=%d (local.get 0) (local.get 1))))\n"
                        .formatted(k, o, STORES[k][1], PADDING, STORES[k][0], OFFSETS[o]));
            }
        }
        return w.append(")").toString();
    }

    private static Val value(String type, int seed) {
        return switch (type) {
            case "i32" -> Val.i32(0x8182_8384 + seed);
            case "i64" -> Val.i64(0x9192_9394_A5A6_A7A8L + seed);
            case "f32" -> Val.f32(Float.intBitsToFloat(0x7FA0_0001 + seed)); // a NaN with a payload
            default -> Val.f64(Double.longBitsToDouble(0xFFF4_0000_0000_0001L + seed));
        };
    }

    /** Calls {@code name} on both instances: the same results or the same trap, with the same backtrace. */
    private static void same(Instance compiled, Instance interpreted, String name, Val... args) {
        Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func(name).call(args));
        Trap actual = catchThrowableOfType(Trap.class, () -> compiled.func(name).call(args));
        String what = name + " at " + Integer.toUnsignedString(args[0].i32());
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            assertThat(compiled.func(name).call(args)).as(what).containsExactly(interpreted.func(name).call(args));
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(actual.code()).as(what).isEqualTo(expected.code());
            assertThat(actual.getMessage()).as(what).isEqualTo(expected.getMessage());
            assertThat(actual.backtrace()).as(what).isEqualTo(expected.backtrace());
        }
    }

    @Test
    void everyAccessAtTheEdgesMatchesTheInterpreter(@TempDir Path dump) throws IOException {
        String wat = module();
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        assertThat(invoked(dump)).as("the accesses are the functions' own bytecode")
                .contains("outOfBounds").doesNotContain("checkIndex", "i32Load", "i64Load", "i32Store", "i64Store", "outOfLine");
        Instance interpreted = CompiledModules.interpreted(wat);

        int seed = 0;
        for (int k = 0; k < STORES.length; k++) {
            for (int o = 0; o < OFFSETS.length; o++) {
                for (int addr : ADDRESSES) {
                    same(compiled, interpreted, "s" + k + "_" + o, Val.i32(addr), value(STORES[k][1], seed++));
                }
            }
        }
        assertThat(compiled.memory("mem").read(0, 65_536)).isEqualTo(interpreted.memory("mem").read(0, 65_536));
        for (int k = 0; k < LOADS.length; k++) {
            for (int o = 0; o < OFFSETS.length; o++) {
                for (int addr : ADDRESSES) {
                    same(compiled, interpreted, "l" + k + "_" + o, Val.i32(addr));
                }
            }
        }
    }

    @Test
    void aMethodWithMoreAccessesInLoopsThanTheLimitCallsTheHelpersForTheRest(@TempDir Path dump) throws IOException {
        int accesses = FunctionCompiler.EMITTED_ACCESSES + 20;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < accesses; i++) {
            body.append("(local.set 1 (i64.add (local.get 1) (i64.load offset=%d (local.get 0))))\n".formatted(i * 8));
        }
        String wat = """
                (module (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09")
                  (func (export "sum") (param i32) (result i64) (local i64)
                    (loop
                      %s)
                    (local.get 1)))
                """.formatted(body);
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        List<String> calls = invoked(dump);
        assertThat(calls.stream().filter("outOfBounds"::equals)).hasSize(FunctionCompiler.EMITTED_ACCESSES);
        assertThat(calls.stream().filter("i64Load"::equals)).hasSize(20);
        Instance interpreted = CompiledModules.interpreted(wat);
        for (int base : new int[] {0, 1, 65_536 - accesses * 8, 65_536 - accesses * 8 + 1, -8}) {
            same(compiled, interpreted, "sum", Val.i32(base));
        }
    }

    /**
     * Emitted accesses have no check of their own: the array's or view handle's check throws, and the
     * handler after the access turns that into the trap. Still so once the JIT has compiled the loop
     * (the failing check an uncommon trap, then, failing often, a compiled exception path): the same
     * trap and backtrace as the interpreter's, every time.
     */
    @Test
    void emittedAccessesTrapLikeTheInterpreterOnceCompiled() {
        String wat = """
                (module (memory 1)
                  (func (export "walk") (param i32 i32) (result i32) (local i32)
                    (loop
                      %s
                      (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 0))))
                      (i64.store offset=3 (local.get 0) (i64.extend_i32_u (local.get 2)))
                      (local.set 2 (i32.add (local.get 2) (i32.load (local.get 0))))
                      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                      (br_if 0 (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
                    (local.get 2)))
                """.formatted(PADDING);
        Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));
        Instance compiled = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
        Instance interpreted = CompiledModules.interpreted(wat);
        Trap expected = catchThrowableOfType(Trap.class, () -> interpreted.func("walk").call(Val.i32(65_000), Val.i32(600)));
        assertThat(expected).isNotNull();
        for (int call = 0; call < 400; call++) {
            // most calls walk in bounds (the JIT compiles the loop), every fourth one off the end
            int start = call % 4 == 3 ? 65_000 : call % 1000;
            Trap trap = catchThrowableOfType(Trap.class, () -> compiled.func("walk").call(Val.i32(start), Val.i32(600)));
            if (start == 65_000) {
                assertThat(trap).as("call %d", call).isNotNull();
                assertThat(trap.code()).isEqualTo(expected.code());
                assertThat(trap.getMessage()).isEqualTo(expected.getMessage());
                assertThat(trap.backtrace()).isEqualTo(expected.backtrace());
            } else {
                assertThat(trap).as("call %d", call).isNull();
            }
        }
    }

    @Test
    void aFunctionWithV128ValuesCallsTheHelpers(@TempDir Path dump) throws IOException {
        // emitted accesses could make its method too large, and splitting does not handle v128 values
        String wat = """
                (module (memory 1)
                  (func (export "sum") (param i32) (result i64) (local i64) (local v128)
                    (loop
                      %s)
                    (i64.add (local.get 1) (i64x2.extract_lane 0 (local.get 2)))))
                """.formatted("(local.set 1 (i64.add (local.get 1) (i64.load (local.get 0))))\n".repeat(95));
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        assertThat(invoked(dump)).contains("i64Load").doesNotContain("outOfBounds", "checkIndex");
        Instance interpreted = CompiledModules.interpreted(wat);
        for (int base : new int[] {0, 65_528, 65_529, -1}) {
            same(compiled, interpreted, "sum", Val.i32(base));
        }
    }

    /** The names of the methods the generated functions {@code f<index>} call. */
    private static List<String> invoked(Path dir) throws IOException {
        return CompiledModules.code(dir, m -> m.methodName().stringValue().matches("f\\d+")).stream()
                .filter(e -> e instanceof InvokeInstruction)
                .map(e -> ((InvokeInstruction) e).name().stringValue())
                .toList();
    }
}
