package dev.wasmj.format.fuzz;

import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.NameSection;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.WasmWriter;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-made hostile binary modules: deep nesting, huge declared counts in tiny inputs, many local
 * groups, long subtype chains, big recursion groups, bad UTF-8. Each runs on the fuzz harness's
 * worker (1 MB stack, allocation bounded by the input's size, time limit) and must give a module
 * or the expected {@link WasmFormatException}.
 */
class AdversarialBinaryTest {
    /** The rejection of the last input run, or null when it was valid. */
    private static final AtomicReference<WasmFormatException> REJECTION = new AtomicReference<>();
    private static final FuzzHarness<byte[]> HARNESS = new FuzzHarness<>("wasm", b -> {
        REJECTION.set(null);
        try {
            Validator.validate(BinaryDecoder.decode(b, Features.ALL), Features.ALL, new TypeRegistry());
        } catch (WasmFormatException e) {
            REJECTION.set(e);
            throw e;
        }
    }, b -> b, BinaryFuzzTest::offsetCheck, Duration.ofSeconds(20));

    @AfterAll
    static void close() {
        HARNESS.close();
    }

    static final int U32_MAX = -1;
    static final int I32 = 0x7F;

    /** Runs {@code bytes} on the harness; returns the rejection, or null when the module is valid. */
    static WasmFormatException outcome(byte[] bytes) {
        HARNESS.run(bytes, "adversarial input");
        return REJECTION.get();
    }

    // ---- module building ----

    static byte[] module(byte[]... sections) {
        WasmWriter w = new WasmWriter().u8(0).u8('a').u8('s').u8('m').i32le(1);
        for (byte[] s : sections) {
            w.bytes(s);
        }
        return w.toByteArray();
    }

    static byte[] section(int id, WasmWriter content) {
        return new WasmWriter().u8(id).u32(content.size()).append(content).toByteArray();
    }

    /** Type section: one function type [] -> [] (or the given results). */
    static byte[] typeSection(int... results) {
        WasmWriter w = new WasmWriter().u32(1).u8(0x60).u32(0).u32(results.length);
        for (int r : results) {
            w.u8(r);
        }
        return section(1, w);
    }

    static byte[] oneFunction() {
        return section(3, new WasmWriter().u32(1).u32(0));
    }

    /** Code section with one body: the given locals declarations and instructions (final end included). */
    static byte[] code(WasmWriter localsAndCode) {
        return section(10, new WasmWriter().u32(1).u32(localsAndCode.size()).append(localsAndCode));
    }

    static byte[] function(WasmWriter localsAndCode) {
        return module(typeSection(), oneFunction(), code(localsAndCode));
    }

    // ---- deep nesting ----

    static WasmWriter nested(int depth, int opcode, byte[] inner) {
        WasmWriter w = new WasmWriter(3 * depth + 16).u32(0);
        for (int i = 0; i < depth; i++) {
            w.u8(opcode).u8(0x40);
        }
        w.bytes(inner);
        for (int i = 0; i < depth; i++) {
            w.u8(0x0B);
        }
        return w.u8(0x0B);
    }

    @Test
    void hundredThousandNestedBlocksValidate() {
        assertThat(outcome(function(nested(100_000, 0x02, new byte[0])))).isNull();
        assertThat(outcome(function(nested(100_000, 0x03, new byte[] {0x0C, 0x00})))).isNull(); // loops, br 0
    }

    @Test
    void hundredThousandNestedIfsAndTryTablesValidate() {
        WasmWriter ifs = new WasmWriter().u32(0);
        for (int i = 0; i < 100_000; i++) {
            ifs.u8(0x41).u8(0).u8(0x04).u8(0x40); // i32.const 0 if
        }
        for (int i = 0; i < 100_000; i++) {
            ifs.u8(0x05).u8(0x0B); // else end
        }
        assertThat(outcome(function(ifs.u8(0x0B)))).isNull();
        WasmWriter tries = new WasmWriter().u32(0);
        for (int i = 0; i < 100_000; i++) {
            tries.u8(0x1F).u8(0x40).u8(0); // try_table (no catches)
        }
        for (int i = 0; i < 100_000; i++) {
            tries.u8(0x0B);
        }
        assertThat(outcome(function(tries.u8(0x0B)))).isNull();
    }

    @Test
    void hundredThousandNestedBlocksFailCleanly() {
        // a missing end, a branch out of range at the bottom, a type mismatch at the bottom
        byte[] open = function(nested(100_000, 0x02, new byte[0]));
        assertThat(outcome(java.util.Arrays.copyOf(open, open.length - 1))).isInstanceOf(MalformedException.class);
        assertThat(outcome(function(nested(100_000, 0x02, new byte[] {0x0C, (byte) 0xA1, (byte) 0x8D, 0x06}))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("unknown label");
        assertThat(outcome(function(nested(100_000, 0x02, new byte[] {0x41, 0x00}))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("type mismatch");
    }

    // ---- huge declared counts ----

    static WasmWriter w() {
        return new WasmWriter();
    }

    static Stream<Arguments> hugeCounts() {
        return Stream.of(
                Arguments.of("types", module(section(1, w().u32(U32_MAX).u8(0x60).u32(0).u32(0)))),
                Arguments.of("params", module(section(1, w().u32(1).u8(0x60).u32(U32_MAX).u8(I32)))),
                Arguments.of("rec group", module(section(1, w().u32(1).u8(0x4E).u32(U32_MAX).u8(0x60)))),
                Arguments.of("supertypes", module(section(1, w().u32(1).u8(0x50).u32(U32_MAX).u32(0)))),
                Arguments.of("struct fields", module(section(1, w().u32(1).u8(0x5F).u32(U32_MAX).u8(I32).u8(0)))),
                Arguments.of("imports", module(section(2, w().u32(U32_MAX).u32(0)))),
                Arguments.of("functions", module(typeSection(), section(3, w().u32(U32_MAX).u32(0)))),
                Arguments.of("tables", module(section(4, w().u32(U32_MAX).u8(0x70).u8(0).u8(0)))),
                Arguments.of("memories", module(section(5, w().u32(U32_MAX).u8(0).u8(0)))),
                Arguments.of("globals", module(section(6, w().u32(U32_MAX).u8(I32).u8(0).u8(0x41).u8(0).u8(0x0B)))),
                Arguments.of("exports", module(section(7, w().u32(U32_MAX).u32(0)))),
                Arguments.of("elements", module(section(9, w().u32(U32_MAX).u8(1).u8(0)))),
                Arguments.of("element functions", module(section(9, w().u32(1).u8(1).u8(0).u32(U32_MAX).u8(0)))),
                Arguments.of("element exprs", module(section(9, w().u32(1).u8(5).u8(0x70).u32(U32_MAX).u8(0x0B)))),
                Arguments.of("bodies", module(typeSection(), oneFunction(), section(10, w().u32(U32_MAX).u32(0)))),
                Arguments.of("body size", module(typeSection(), oneFunction(), section(10, w().u32(1).u32(U32_MAX).u8(0)))),
                Arguments.of("local groups", function(w().u32(U32_MAX).u32(1).u8(I32).u8(0x0B))),
                Arguments.of("locals in two groups", function(w().u32(2).u32(U32_MAX).u8(I32).u32(U32_MAX).u8(I32).u8(0x0B))),
                Arguments.of("br_table targets", function(w().u32(0).u8(0x41).u8(0).u8(0x0E).u32(U32_MAX).u8(0).u8(0x0B))),
                Arguments.of("select types", function(w().u32(0).u8(0x1C).u32(U32_MAX).u8(I32).u8(0x0B))),
                Arguments.of("try_table catches", function(w().u32(0).u8(0x1F).u8(0x40).u32(U32_MAX).u8(2).u8(0).u8(0x0B))),
                Arguments.of("data segments", module(section(11, w().u32(U32_MAX).u8(1).u8(0)))),
                Arguments.of("data length", module(section(11, w().u32(1).u8(1).u32(U32_MAX).u8(0)))),
                Arguments.of("data count", module(section(12, w().u32(U32_MAX)))),
                Arguments.of("name length", module(section(0, w().u32(U32_MAX).u8('n')))),
                Arguments.of("import name length", module(section(2, w().u32(1).u32(U32_MAX).u8('m')))),
                Arguments.of("section size", module(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeCounts")
    void hugeDeclaredCountsInTinyInputsAreMalformed(String what, byte[] bytes) {
        assertThat(outcome(bytes)).as(what).isInstanceOf(MalformedException.class);
        // nothing sized by the declared count: decoding and validating a tiny module takes a few kilobytes
        assertThat(HARNESS.lastAllocated).as(what + ": bytes allocated").isLessThan(64 * 1024);
    }

    @Test
    void hugeLocalCountInOneGroupIsRejectedWithoutAllocating() {
        // 2^32-1 locals of one group is well formed (the total fits a u32) but beyond any implementation's limit
        assertThat(outcome(function(w().u32(1).u32(U32_MAX).u8(I32).u8(0x0B))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("too many locals");
        assertThat(HARNESS.lastAllocated).isLessThan(64 * 1024);
        // 2^20 locals are allowed, and cost no more than the body's few bytes call for
        assertThat(outcome(function(w().u32(2).u32(1 << 19).u8(I32).u32(1 << 19).u8(0x7E).u8(0x0B)))).isNull();
        assertThat(HARNESS.lastAllocated).isLessThan(64 * 1024);
    }

    @Test
    void hugeMemoryAndTableLimitsAreJustNumbers() {
        byte[] memory = module(section(5, w().u32(1).u8(0x05).u64(-1L).u64(-1L)));
        assertThat(outcome(memory)).isInstanceOf(InvalidException.class);
        byte[] table32 = module(section(4, w().u32(1).u8(0x70).u8(0x01).u64(-1L).u64(-1L)));
        assertThat(outcome(table32)).isInstanceOf(WasmFormatException.class);
        byte[] table64 = module(section(4, w().u32(1).u8(0x70).u8(0x05).u64(-1L).u64(-1L)));
        assertThat(outcome(table64)).as("a 64-bit table may have 2^64-1 elements").isNull();
    }

    @Test
    void manyFunctionsWithAMillionLocalsEach() {
        // 10,000 bodies of 7 bytes, each declaring 1,000,000 locals: took 40 s while every local was expanded
        int n = 10_000;
        WasmWriter functions = w().u32(n);
        WasmWriter bodies = w().u32(n);
        for (int i = 0; i < n; i++) {
            functions.u32(0);
            WasmWriter body = w().u32(1).u32(1_000_000).u8(i % 2 == 0 ? I32 : 0x7E).u8(0x20).u32(999_999).u8(0x1A).u8(0x0B);
            bodies.u32(body.size()).append(body);
        }
        assertThat(outcome(module(typeSection(), section(3, functions), section(10, bodies)))).isNull();
    }

    @Test
    void nonDefaultableLocalsBeyondTheExpandedOnes() {
        // 100,000 locals of type (ref func) after 100,000 i64s: initialization is tracked per local
        byte[] types = section(1, w().u32(1).u8(0x60).u32(0).u32(0));
        WasmWriter refFunc = w().u8(0x64).u8(0x70);
        byte[] elem = section(9, w().u32(1).u8(3).u8(0).u32(1).u32(0)); // declare func 0 for ref.func
        WasmWriter setThenGet = w().u32(2).u32(100_000).u8(0x7E).u32(100_000).append(refFunc)
                .u8(0xD2).u8(0).u8(0x21).u32(150_000)           // ref.func 0, local.set 150000
                .u8(0x20).u32(150_000).u8(0x1A)                 // local.get 150000, drop
                .u8(0x20).u32(99_999).u8(0x1A).u8(0x0B);        // an i64 local: defaultable
        assertThat(outcome(module(types, oneFunction(), elem, code(setThenGet)))).isNull();
        WasmWriter getFirst = w().u32(2).u32(100_000).u8(0x7E).u32(100_000).append(refFunc)
                .u8(0x20).u32(150_000).u8(0x1A).u8(0x0B);
        assertThat(outcome(module(types, oneFunction(), elem, code(getFirst))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("uninitialized local");
        WasmWriter setInBlock = w().u32(2).u32(100_000).u8(0x7E).u32(100_000).append(refFunc)
                .u8(0x02).u8(0x40).u8(0xD2).u8(0).u8(0x21).u32(150_000).u8(0x0B) // block: set
                .u8(0x20).u32(150_000).u8(0x1A).u8(0x0B);                        // after it: unset again
        assertThat(outcome(module(types, oneFunction(), elem, code(setInBlock))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("uninitialized local");
        WasmWriter wrongType = w().u32(2).u32(100_000).u8(0x7E).u32(100_000).append(refFunc)
                .u8(0x42).u8(0).u8(0x21).u32(150_000).u8(0x0B);                  // i64.const into a ref local
        assertThat(outcome(module(types, oneFunction(), elem, code(wrongType))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("type mismatch");
        WasmWriter outOfRange = w().u32(2).u32(100_000).u8(0x7E).u32(100_000).append(refFunc)
                .u8(0x20).u32(200_000).u8(0x1A).u8(0x0B);
        assertThat(outcome(module(types, oneFunction(), elem, code(outOfRange))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("unknown local");
    }

    // ---- many locals, long type chains, big groups ----

    @Test
    void fiftyThousandLocalsDeclaredAsManyGroups() {
        WasmWriter body = w().u32(50_000);
        for (int i = 0; i < 50_000; i++) {
            body.u32(1).u8(i % 2 == 0 ? I32 : 0x7E);
        }
        body.u8(0x20).u32(49_999).u8(0x1A); // local.get 49999 drop
        assertThat(outcome(function(body.u8(0x0B)))).isNull();
        WasmWriter tooMany = w().u32(50_000);
        for (int i = 0; i < 50_000; i++) {
            tooMany.u32(1000).u8(I32); // 50 million locals
        }
        assertThat(outcome(function(tooMany.u8(0x0B)))).isInstanceOf(InvalidException.class)
                .hasMessageContaining("too many locals");
    }

    @Test
    void bigRecGroups() {
        // one recursion group of 20,000 structs, each with a field referring to the next (a cycle)
        int n = 20_000;
        WasmWriter group = w().u32(1).u8(0x4E).u32(n);
        for (int i = 0; i < n; i++) {
            group.u8(0x5F).u32(1).u8(0x63).s32((i + 1) % n).u8(1);
        }
        assertThat(outcome(module(section(1, group)))).isNull();
        // a subtype chain of 20,000 inside one group, each type referring to itself
        WasmWriter nestedSubs = w().u32(1).u8(0x4E).u32(n);
        for (int i = 0; i < n; i++) {
            nestedSubs.u8(0x50).u32(i == 0 ? 0 : 1);
            if (i > 0) {
                nestedSubs.u32(i - 1);
            }
            nestedSubs.u8(0x5F).u32(1).u8(0x63).s32(i).u8(0); // immutable: covariant
        }
        assertThat(outcome(module(section(1, nestedSubs)))).isInstanceOf(InvalidException.class)
                .hasMessageContaining("sub type hierarchy too deep");
    }

    // ---- inputs whose validation cost grows with the square of their size, without limits ----

    /** A rec group of {@code n} structs, each a declared subtype of the one before. */
    static WasmWriter subtypeChain(int n, WasmWriter types) {
        for (int i = 0; i < n; i++) {
            types.u8(0x50);
            if (i == 0) {
                types.u32(0);
            } else {
                types.u32(1).u32(i - 1);
            }
            types.u8(0x5F).u32(0);
        }
        return types;
    }

    @Test
    void subtypingDepthIsLimited() {
        // 64 levels of supertypes are the limit; each subtype check then walks at most 63 steps
        assertThat(outcome(module(section(1, subtypeChain(64, w().u32(64)))))).isNull();
        assertThat(outcome(module(section(1, subtypeChain(65, w().u32(65))))))
                .isInstanceOf(InvalidException.class).hasMessageContaining("sub type hierarchy too deep");
        // 10,000 levels and 100,000 calls passing the deepest type where the shallowest is expected
        int depth = 10_000;
        WasmWriter types = subtypeChain(depth, w().u32(1).u8(0x4E).u32(depth + 2));
        types.u8(0x60).u32(1).u8(0x64).s32(depth - 1).u32(0);  // func [(ref t_deepest)] -> []
        types.u8(0x60).u32(1).u8(0x63).s32(0).u32(0);          // func [(ref null t_0)] -> []
        WasmWriter body = w().u32(0);
        for (int i = 0; i < 100_000; i++) {
            body.u8(0x20).u8(0).u8(0x10).u8(1);                  // local.get 0, call 1
        }
        WasmWriter code = w().u32(2).u32(body.size() + 1).append(body).u8(0x0B).u32(2).u32(0).u8(0x0B);
        byte[] b = module(section(1, types), section(3, w().u32(2).u32(depth).u32(depth + 1)), section(10, code));
        assertThat(outcome(b)).isInstanceOf(InvalidException.class).hasMessageContaining("sub type hierarchy too deep");
    }

    @Test
    void functionTypeArityIsLimited() {
        // 30,000 results and 30,000 br_ifs to a block of that type: 900 million checks without the limit
        int arity = 30_000;
        WasmWriter types = w().u32(2).u8(0x60).u32(0).u32(arity);
        for (int i = 0; i < arity; i++) {
            types.u8(I32);
        }
        types.u8(0x60).u32(0).u32(0);
        WasmWriter body = w().u32(0).u8(0x02).u8(0);             // block (type 0)
        for (int i = 0; i < arity; i++) {
            body.u8(0x41).u8(0);                                 // i32.const 0
        }
        for (int i = 0; i < 30_000; i++) {
            body.u8(0x41).u8(0).u8(0x0D).u8(0);                  // i32.const 0, br_if 0
        }
        body.u8(0x0B);
        for (int i = 0; i < arity; i++) {
            body.u8(0x1A);                                       // drop
        }
        byte[] b = module(section(1, types), section(3, w().u32(1).u32(1)), code(body.u8(0x0B)));
        assertThat(outcome(b)).isInstanceOf(InvalidException.class).hasMessageContaining("too many results");
        WasmWriter params = w().u32(1).u8(0x60).u32(1001);
        for (int i = 0; i < 1001; i++) {
            params.u8(I32);
        }
        assertThat(outcome(module(section(1, params.u32(0))))).isInstanceOf(InvalidException.class).hasMessageContaining("too many parameters");
    }

    @Test
    void recursionGroupsWithCollidingHashes() {
        // 1,000 distinct struct types, then 2^14 structs whose canonical keys all hash alike: two
        // fields (ref a) (ref b) hash as (ref a+1) (ref b-961). Took 40 s while hash bins were lists.
        int base = 1000;
        int k = 14;
        WasmWriter types = w().u32(base + (1 << k)).u8(0x5F).u32(0);
        for (int i = 1; i < base; i++) {
            types.u8(0x5F).u32(1).u8(0x63).s32(i - 1).u8(0);
        }
        for (int g = 0; g < 1 << k; g++) {
            types.u8(0x5F).u32(2 * k);
            for (int b = 0; b < k; b++) {
                boolean alt = (g >> b & 1) != 0;
                types.u8(0x63).s32(alt ? 11 : 10).u8(0).u8(0x63).s32(alt ? 9 : 970).u8(0);
            }
        }
        assertThat(outcome(module(section(1, types)))).isNull();
    }

    // ---- UTF-8 ----

    static Stream<Arguments> badUtf8() {
        return Stream.of(
                Arguments.of("overlong", new byte[] {(byte) 0xC0, (byte) 0x80}),
                Arguments.of("surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("truncated", new byte[] {(byte) 0xE2, (byte) 0x82}),
                Arguments.of("continuation alone", new byte[] {(byte) 0x80}),
                Arguments.of("beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("0xFF", new byte[] {(byte) 0xFF}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUtf8")
    void invalidUtf8InNamesIsMalformed(String what, byte[] name) {
        byte[] custom = module(section(0, w().u32(name.length).bytes(name)));
        byte[] imported = module(typeSection(), section(2, w().u32(1).u32(name.length).bytes(name).u32(1).u8('f').u8(0).u32(0)));
        byte[] exported = module(typeSection(), oneFunction(),
                section(7, w().u32(1).u32(name.length).bytes(name).u8(0).u32(0)), code(w().u32(0).u8(0x0B)));
        for (byte[] b : new byte[][] {custom, imported, exported}) {
            assertThat(outcome(b)).as(what).isInstanceOf(MalformedException.class)
                    .hasMessageContaining("malformed UTF-8 encoding");
        }
    }

    @Test
    void invalidUtf8InTheNameSectionIsIgnored() {
        // custom sections are not validated: a bad function name leaves the module valid
        WasmWriter names = w().name("name").u8(1);
        WasmWriter map = w().u32(1).u32(0).u32(2).u8(0xC0).u8(0x80);
        names.u32(map.size()).append(map);
        byte[] b = module(typeSection(), oneFunction(), code(w().u32(0).u8(0x0B)), section(0, names));
        assertThat(outcome(b)).isNull();
        WasmModule m = BinaryDecoder.decode(b, Features.ALL);
        assertThat(m.names()).isEqualTo(NameSection.EMPTY);
    }

    @Test
    void harnessFlagsEscapes() {
        // the harness itself: anything but a WasmFormatException is a finding
        FuzzHarness<byte[]> h = new FuzzHarness<>("selftest", b -> { throw new IndexOutOfBoundsException(); },
                b -> b, BinaryFuzzTest::offsetCheck, Duration.ofSeconds(5));
        assertThatThrownBy(() -> h.run(new byte[0], "test")).isInstanceOf(FuzzHarness.Finding.class)
                .hasMessageContaining("IndexOutOfBounds");
        FuzzHarness<byte[]> big = new FuzzHarness<>("selftest", b -> { long[] x = new long[20_000_000]; x[1] = 1; },
                b -> b, BinaryFuzzTest::offsetCheck, Duration.ofSeconds(5));
        assertThatThrownBy(() -> big.run(new byte[10], "test")).isInstanceOf(FuzzHarness.Finding.class)
                .hasMessageContaining("allocated");
        h.close();
        big.close();
    }
}
