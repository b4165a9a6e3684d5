package dev.wasmj.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Where a memory's bytes live: unshared 32-bit memories in a Java array, up to its limit. */
class MemoryInstanceTest {
    private static MemoryInstance memory(Limits limits, boolean is64, boolean shared) {
        return new MemoryInstance(new MemoryType(limits, is64, shared, MemoryType.DEFAULT_PAGE_SIZE_LOG2),
                Limiter.DEFAULT);
    }

    @Test
    void anUnsharedMemoryLivesInAnArrayThatItsSegmentWraps() {
        MemoryInstance m = memory(Limits.of(1), false, false);
        assertThat(m.array).hasSize(65536);
        m.segment.set(ValueLayout.JAVA_INT_UNALIGNED, 8, 0x01020304);
        assertThat(m.array[8]).isEqualTo((byte) 4);
        assertThat(m.grow(2)).isEqualTo(1);
        assertThat(m.array).hasSize(3 * 65536);
        assertThat(m.array[8]).isEqualTo((byte) 4);
        assertThat(m.segment.byteSize()).isEqualTo(3 * 65536);
        assertThat(m.segment.get(ValueLayout.JAVA_INT_UNALIGNED, 8)).isEqualTo(0x01020304);
    }

    @Test
    void aPinnedArrayMemoryDoesNotGrowPastTheArrayLimit() {
        // (an unpinned one moves off-heap: FullMemoryTest grows one to 4 GiB)
        MemoryInstance m = memory(Limits.of(1), false, false);
        assertThat(m.pinArray()).isTrue();
        long limitPages = MemoryInstance.ARRAY_LIMIT >>> 16;
        assertThat(m.grow(limitPages)).isEqualTo(-1); // one page over: fails without allocating
        assertThat(m.pages()).isEqualTo(1);
        assertThat(m.array).hasSize(65536);
        assertThat(memory(Limits.of(1), true, false).pinArray()).isFalse();
    }

    @Test
    void sharedAnd64BitMemoriesStayOffHeap() {
        assertThat(memory(Limits.of(1, 2), false, true).array).isNull();
        assertThat(memory(Limits.of(1), true, false).array).isNull();
        assertThat(memory(Limits.of(1), true, false).segment.isNative()).isTrue();
    }

    /** Atomic instructions on a memory in an array (whose segment has no aligned access) work in place. */
    @Test
    void atomicsWorkOnAnArrayMemory() {
        dev.wasmj.Engine engine = new dev.wasmj.Engine(new dev.wasmj.Config().strategy(dev.wasmj.Strategy.INTERPRETER));
        dev.wasmj.Instance i = dev.wasmj.Instance.of(new dev.wasmj.Store<>(engine), dev.wasmj.Module.fromWat(engine, """
                (module
                  (memory (export "mem") 1)
                  (func (export "run") (result i64)
                    (i32.store (i32.const 8) (i32.const 40))
                    (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 2)))
                    (drop (i32.atomic.rmw8.cmpxchg_u (i32.const 13) (i32.const 0) (i32.const 0x77)))
                    (i64.atomic.store16 (i32.const 14) (i64.const 0x1234))
                    (i64.add (i64.atomic.load (i32.const 8))
                             (i64.extend_i32_u (i32.atomic.load8_u (i32.const 13))))))
                """));
        assertThat(i.func("run").call()).containsExactly(dev.wasmj.Val.i64(0x1234_7700_0000_002AL + 0x77));
    }
}
