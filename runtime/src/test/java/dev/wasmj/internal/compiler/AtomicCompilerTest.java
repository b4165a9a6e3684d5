package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.MemoryType;
import dev.wasmj.Module;
import dev.wasmj.SharedMemory;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import dev.wasmj.format.Limits;
import dev.wasmj.format.Opcode;
import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.MemoryInstance;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The threads proposal on the compiler: atomics from several threads, wait/notify, and every atomic
 * instruction and every load and store on shared memories against the interpreter (results, traps,
 * memory contents), on 32- and 64-bit, shared and unshared memories.
 */
class AtomicCompilerTest {
    private final Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));

    private Instance instantiate(String wat, SharedMemory memory) {
        return Instance.of(new Store<>(engine), Module.fromWat(engine, wat), memory);
    }

    @Test
    void atomicReadModifyWritesFromTwoThreadsGiveExactTotals() throws Exception {
        SharedMemory memory = new SharedMemory(engine, MemoryType.shared(1, 1));
        String wat = """
                (module
                  (import "env" "mem" (memory 1 1 shared))
                  (func (export "count") (param $n i32) (local $old i32)
                    (loop $l
                      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
                      (drop (i64.atomic.rmw.add (i32.const 8) (i64.const 0x100000001)))
                      ;; two bytes of one word, each its own counter
                      (drop (i32.atomic.rmw8.add_u (i32.const 16) (i32.const 1)))
                      (drop (i64.atomic.rmw8.add_u (i32.const 17) (i64.const 3)))
                      (drop (i32.atomic.rmw16.sub_u (i32.const 18) (i32.const 1)))
                      ;; an increment by a compare-exchange loop
                      (loop $retry
                        (local.set $old (i32.atomic.load (i32.const 20)))
                        (br_if $retry (i32.ne (local.get $old)
                          (i32.atomic.rmw.cmpxchg (i32.const 20) (local.get $old)
                            (i32.add (local.get $old) (i32.const 2))))))
                      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
                """;
        int n = 200_000;
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(2);
        for (int t = 0; t < 2; t++) {
            Instance instance = instantiate(wat, memory); // a store per thread
            Thread thread = new Thread(() -> {
                try {
                    start.await(); // both count at the same time
                } catch (InterruptedException | BrokenBarrierException e) {
                    throw new IllegalStateException(e);
                }
                instance.func("count").call(Val.i32(n));
            });
            thread.setUncaughtExceptionHandler((th, e) -> failure.set(e));
            threads.add(thread);
        }
        assertThat(engine.compilerFallbacks()).isZero();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(60_000);
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(failure.get()).isNull();
        MemorySegment data = memory.data();
        ValueLayout.OfInt i32 = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.get(i32, 0)).isEqualTo(2 * n);
        assertThat(data.get(ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN), 8)).isEqualTo(0x100000001L * 2 * n);
        assertThat(data.get(ValueLayout.JAVA_BYTE, 16) & 0xFF).isEqualTo(2 * n & 0xFF);
        assertThat(data.get(ValueLayout.JAVA_BYTE, 17) & 0xFF).isEqualTo(3 * 2 * n & 0xFF);
        assertThat(data.get(ValueLayout.JAVA_SHORT.withOrder(ByteOrder.LITTLE_ENDIAN), 18) & 0xFFFF)
                .isEqualTo(-2 * n & 0xFFFF);
        assertThat(data.get(i32, 20)).isEqualTo(2 * 2 * n);
    }

    @Test
    void waitAndNotifyBetweenTwoThreads() throws Exception {
        SharedMemory memory = new SharedMemory(engine, MemoryType.shared(1, 1));
        String wat = """
                (module
                  (import "env" "mem" (memory 1 1 shared))
                  (func (export "wait32") (param i32 i64) (result i32)
                    (memory.atomic.wait32 (i32.const 0) (local.get 0) (local.get 1)))
                  (func (export "wait64") (param i64 i64) (result i32)
                    (memory.atomic.wait64 (i32.const 8) (local.get 0) (local.get 1)))
                  (func (export "notify") (param i32) (result i32)
                    (memory.atomic.notify (local.get 0) (i32.const 1))))
                """;
        Instance waiting = instantiate(wat, memory);
        Instance notifying = instantiate(wat, memory);
        assertThat(engine.compilerFallbacks()).isZero();
        // not the expected value: 1 at once; the expected value and a timeout: 2
        assertThat(waiting.func("wait32").call(Val.i32(7), Val.i64(-1))).containsExactly(Val.i32(1));
        assertThat(waiting.func("wait64").call(Val.i64(0), Val.i64(1_000_000))).containsExactly(Val.i32(2));
        for (String wait : new String[] {"wait32", "wait64"}) {
            int address = wait.equals("wait32") ? 0 : 8;
            AtomicReference<Val[]> result = new AtomicReference<>();
            Val expected = wait.equals("wait32") ? Val.i32(0) : Val.i64(0);
            Thread waiter = new Thread(() -> result.set(waiting.func(wait).call(expected, Val.i64(-1))));
            waiter.start();
            int woken = 0;
            for (int i = 0; i < 1000 && woken == 0; i++) {
                Thread.sleep(5);
                woken = ((Val.I32) notifying.func("notify").call(Val.i32(address))[0]).value();
            }
            waiter.join(10_000);
            assertThat(woken).as(wait).isEqualTo(1);
            assertThat(result.get()).as(wait).containsExactly(Val.i32(0));
        }
    }

    // ---- every atomic instruction and every load and store against the interpreter

    /** Memory 0: shared, 32-bit, 1 of 2 pages; memory 1: unshared; memory 2: shared, 64-bit, 1 of 2 pages. */
    private static final String[] MEMORIES = {"(memory (export \"m0\") 1 2 shared)", "(memory (export \"m1\") 1)",
            "(memory (export \"m2\") i64 1 2 shared)"};

    private static final long[] OFFSETS = {0, 65534};

    /**
     * A module with a function per (memory, instruction, static offset) taking the address and the
     * instruction's operands, named {@code memory:instruction:offset}, and {@code grow} (grows the two
     * shared memories by a page).
     */
    private static String everyAccess(List<String> names) {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String m : MEMORIES) {
            wat.append("  ").append(m).append('\n');
        }
        wat.append("""
                  (func (export "grow") (result i32 i64)
                    (memory.grow 0 (i32.const 1)) (memory.grow 2 (i64.const 1)))
                """);
        for (Opcode op : Opcode.values()) {
            boolean atomic = op.prefix() == Opcode.PREFIX_THREADS && op != Opcode.ATOMIC_FENCE;
            boolean plain = op.prefix() == 0 && op.imm() == Opcode.Imm.MEMARG;
            if (!atomic && !plain) {
                continue;
            }
            String sig = op.signature();
            int colon = sig.indexOf(':');
            for (int m = 0; m < MEMORIES.length; m++) {
                for (long offset : OFFSETS) {
                    String name = m + ":" + op.text() + ":" + offset;
                    names.add(name);
                    StringBuilder params = new StringBuilder(m == 2 ? " i64" : " i32");
                    StringBuilder args = new StringBuilder(" (local.get 0)");
                    for (int k = 0; k < colon; k++) {
                        params.append(' ').append(type(sig.charAt(k)));
                        args.append(" (local.get ").append(k + 1).append(')');
                    }
                    String result = colon == sig.length() - 1 ? "" : " (result " + type(sig.charAt(colon + 1)) + ")";
                    wat.append("  (func (export \"").append(name).append("\") (param").append(params).append(')')
                            .append(result).append(" (").append(op.text()).append(' ').append(m)
                            .append(" offset=").append(offset).append(args).append("))\n");
                }
            }
        }
        return wat.append(')').toString();
    }

    private static String type(char letter) {
        return switch (letter) {
            case 'i' -> "i32";
            case 'l' -> "i64";
            case 'f' -> "f32";
            default -> "f64";
        };
    }

    /** The arguments of a call of {@code name} with address {@code address} and operand set {@code set}. */
    private static Val[] arguments(String name, long address, int set) {
        String[] parts = name.split(":");
        Opcode op = Opcode.byText(parts[1]);
        String sig = op.signature();
        int colon = sig.indexOf(':');
        Val[] args = new Val[colon + 1];
        args[0] = parts[0].equals("2") ? Val.i64(address) : Val.i32((int) address);
        long[] operands = {set == 0 ? 0 : 0x8F3A_5C71_2B6D_E409L * set, 0xC0DE_FACE_1234_5678L ^ set};
        if (op.text().contains("wait")) {
            operands[1] = 0; // a timeout of 0: waits return at once
        }
        for (int k = 0; k < colon; k++) {
            args[k + 1] = switch (sig.charAt(k)) {
                case 'i' -> Val.i32((int) operands[k]);
                case 'l' -> Val.i64(operands[k]);
                case 'f' -> Val.f32(Float.intBitsToFloat((int) operands[k]));
                default -> Val.f64(Double.longBitsToDouble(operands[k]));
            };
        }
        return args;
    }

    /** A call's outcome: its results, or its trap's code and message. */
    private static String outcome(Instance instance, String name, Val[] args) {
        try {
            Val[] results = instance.func(name).call(args);
            StringBuilder sb = new StringBuilder();
            for (Val v : results) {
                sb.append(switch (v) {
                    case Val.F32 f -> "f32 " + Integer.toHexString(Float.floatToRawIntBits(f.value()));
                    case Val.F64 d -> "f64 " + Long.toHexString(Double.doubleToRawLongBits(d.value()));
                    default -> v.toString();
                }).append(' ');
            }
            return sb.toString();
        } catch (Trap t) {
            return "trap " + t.code() + ": " + t.getMessage();
        }
    }

    @Test
    void everyAtomicInstructionAndSharedAccessAgreesWithTheInterpreter() {
        List<String> names = new ArrayList<>();
        String wat = everyAccess(names);
        Instance compiled = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
        assertThat(engine.compilerFallbacks()).isZero();
        Engine reference = new Engine(new Config().strategy(Strategy.INTERPRETER));
        Instance interpreted = Instance.of(new Store<>(reference), Module.fromWat(reference, wat));
        long[] addresses = {0, 1, 2, 4, 65532, 65534, 65535, 65536, 131068, 0xFFFF_FFF8L, -4, -1};
        int traps = 0;
        int calls = 0;
        for (int round = 0; round < 2; round++) {
            for (String name : names) {
                for (long address : addresses) {
                    for (int set = 0; set < 2; set++) {
                        Val[] args = arguments(name, address, set);
                        String expected = outcome(interpreted, name, args);
                        assertThat(outcome(compiled, name, args)).as(name + " at " + address + " set " + set)
                                .isEqualTo(expected);
                        traps += expected.startsWith("trap") ? 1 : 0;
                        calls++;
                    }
                }
            }
            for (String m : new String[] {"m0", "m1", "m2"}) {
                assertThat(bytes(compiled, m)).as(m + " after round " + round).isEqualTo(bytes(interpreted, m));
            }
            // the second round: after the shared memories grew, the second page is in bounds
            assertThat(outcome(compiled, "grow", new Val[0])).isEqualTo(outcome(interpreted, "grow", new Val[0]));
        }
        // both successes and each kind of trap happened
        assertThat(traps).isBetween(calls / 10, calls - calls / 10);
        assertThat(outcome(compiled, "0:i32.atomic.load:0", new Val[] {Val.i32(2)}))
                .isEqualTo("trap HEAP_MISALIGNED: unaligned atomic");
        assertThat(outcome(compiled, "1:memory.atomic.wait32:0", new Val[] {Val.i32(0), Val.i32(0), Val.i64(0)}))
                .isEqualTo("trap ATOMIC_WAIT_NON_SHARED_MEMORY: expected shared memory");
        assertThat(outcome(compiled, "2:i64.atomic.load:65534", new Val[] {Val.i64(-65528)}))
                .isEqualTo("trap MEMORY_OUT_OF_BOUNDS: out of bounds memory access");
        assertThat(outcome(compiled, "0:i32.load:0", new Val[] {Val.i32(131070)}))
                .isEqualTo("trap MEMORY_OUT_OF_BOUNDS: out of bounds memory access");
    }

    private static byte[] bytes(Instance instance, String memory) {
        return instance.export(memory).map(e -> switch (e) {
            case SharedMemory s -> s.data().toArray(ValueLayout.JAVA_BYTE);
            case dev.wasmj.Memory m -> m.read(0, (int) m.dataSize());
            default -> throw new IllegalStateException(memory);
        }).orElseThrow();
    }

    @Test
    void loadsAndStoresSeeASharedMemoryGrowWithinACall() {
        // a function reads a shared memory's size at entry: what lies beyond must still be reachable
        // after the memory grows, by this call's memory.grow, a callee's or another thread's; $big is
        // not reserved at its maximum (512 MiB), so its segment is replaced when it grows
        Instance i = Instance.of(new Store<>(engine), Module.fromWat(engine, """
                (module
                  (memory $m 1 3 shared)
                  (memory $w i64 1 3 shared)
                  (memory $big 1 8192 shared)
                  (func $grow (memory.grow $m (i32.const 1)) (drop))
                  (func (export "store") (param i32 i32) (i32.store $m (local.get 0) (local.get 1)))
                  (func (export "growHere") (param i32) (result i32)
                    (drop (memory.grow $m (i32.const 1)))
                    (drop (memory.grow $w (i64.const 1)))
                    (i64.store $w (i64.extend_i32_u (local.get 0)) (i64.const 0x1122334455667788))
                    (i32.store $m (local.get 0) (i32.const 7))
                    (i32.add (i32.load $m (local.get 0)) (i32.wrap_i64 (i64.load $w (i64.extend_i32_u (local.get 0))))))
                  (func (export "growBig") (param i32) (result i32)
                    (i32.store $big (i32.const 8) (i32.const 42))
                    (drop (memory.grow $big (i32.const 2)))
                    (i32.store $big (local.get 0) (i32.load $big (i32.const 8)))
                    (i32.load $big (local.get 0)))
                  (func (export "growInCallee") (param i32) (result i32)
                    (call $grow)
                    (i32.store8 $m (local.get 0) (i32.const 0xFE))
                    (i32.load8_s $m (local.get 0))))
                """));
        assertThat(engine.compilerFallbacks()).isZero();
        assertThat(outcome(i, "store", new Val[] {Val.i32(65536), Val.i32(1)}))
                .isEqualTo("trap MEMORY_OUT_OF_BOUNDS: out of bounds memory access");
        assertThat(i.func("growHere").call(Val.i32(65536 + 8))).containsExactly(Val.i32(7 + 0x55667788));
        assertThat(outcome(i, "store", new Val[] {Val.i32(2 * 65536), Val.i32(1)}))
                .isEqualTo("trap MEMORY_OUT_OF_BOUNDS: out of bounds memory access");
        assertThat(i.func("growInCallee").call(Val.i32(2 * 65536 + 65535))).containsExactly(Val.i32(-2));
        assertThat(i.func("growBig").call(Val.i32(3 * 65536 - 4))).containsExactly(Val.i32(42));
    }

    @Test
    void onlySharedMemoriesReservedAtTheirMaximumHaveAFixedSegment() {
        assertThat(fixed(Limits.of(1, 3), false, true)).isTrue();
        assertThat(fixed(Limits.of(0, 0), false, true)).isTrue();
        assertThat(fixed(Limits.of(1, 3), true, true)).isTrue();
        assertThat(fixed(Limits.of(1, 8192), false, true)).isFalse(); // 512 MiB: not reserved
        assertThat(fixed(Limits.of(1, 1L << 40), true, true)).isFalse(); // max << 16 overflows
        assertThat(fixed(Limits.of(1, 3), false, false)).isFalse();
    }

    private static boolean fixed(Limits limits, boolean is64, boolean shared) {
        return AtomicCompiler.fixedSegment(new MemoryInstance(
                new dev.wasmj.format.MemoryType(limits, is64, shared, 16), Limiter.DEFAULT));
    }

    @Test
    void callIndirectThroughATableWith64BitIndices() {
        String wat = """
                (module
                  (type $t (func (result i32)))
                  (table $tab i64 3 funcref)
                  (elem (table $tab) (i64.const 0) func $a $b)
                  (func $a (result i32) (i32.const 11))
                  (func $b (param i32) (result i32) (local.get 0))
                  (func (export "call") (param i64) (result i32) (call_indirect $tab (type $t) (local.get 0))))
                """;
        Instance compiled = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
        assertThat(engine.compilerFallbacks()).isZero();
        Engine reference = new Engine(new Config().strategy(Strategy.INTERPRETER));
        Instance interpreted = Instance.of(new Store<>(reference), Module.fromWat(reference, wat));
        for (long index : new long[] {0, 1, 2, 3, 1L << 32, -1}) {
            Val[] args = {Val.i64(index)};
            assertThat(outcome(compiled, "call", args)).as("index " + index).isEqualTo(outcome(interpreted, "call", args));
        }
        assertThat(outcome(compiled, "call", new Val[] {Val.i64(0)})).isEqualTo(outcome(interpreted, "call",
                new Val[] {Val.i64(0)})).contains("11");
        assertThat(outcome(compiled, "call", new Val[] {Val.i64(-1)})).contains("undefined element");
    }
}
