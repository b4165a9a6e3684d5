package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Engine;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** clock_res_get, clock_time_get, random_get, sched_yield, proc_exit, proc_raise. */
class ClockProcRandomTest {
    @Test
    void realtimeIsNanosecondsSinceTheEpoch() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            long before = Instant.now().toEpochMilli();
            assertThat(guest.call("clock_time_get", 0, 1, 100)).isEqualTo(SUCCESS);
            long after = Instant.now().toEpochMilli();
            assertThat(guest.i64(100) / 1_000_000).isBetween(before, after);
        }
    }

    @Test
    void monotonicNeverGoesBackAndMeasuresTime() throws Exception {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            assertThat(guest.call("clock_time_get", 1, 0, 100)).isEqualTo(SUCCESS);
            long first = guest.i64(100);
            Thread.sleep(20);
            assertThat(guest.call("clock_time_get", 1, 0, 100)).isEqualTo(SUCCESS);
            assertThat(guest.i64(100) - first).isGreaterThanOrEqualTo(20_000_000L);
            assertThat(first).isPositive();
        }
    }

    @Test
    void cpuClocksAdvanceWithWork() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            for (int clock : new int[] {2, 3}) {
                assertThat(guest.call("clock_time_get", clock, 0, 100)).isEqualTo(SUCCESS);
                long first = guest.i64(100);
                // work until this thread has used 50 ms of CPU (more than the process clock's tick)
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuGoal = threads.getCurrentThreadCpuTime() + 50_000_000L;
                long wallLimit = System.nanoTime() + 20_000_000_000L;
                long x = 0;
                while (threads.getCurrentThreadCpuTime() < cpuGoal && System.nanoTime() < wallLimit) {
                    x += Long.numberOfTrailingZeros(x + System.nanoTime());
                }
                assertThat(guest.call("clock_time_get", clock, 0, 100)).isEqualTo(SUCCESS);
                assertThat(guest.i64(100)).as("clock %d after %d", clock, x).isGreaterThan(first);
            }
        }
    }

    @Test
    void resolutionsAndUnknownClocks() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            for (int clock = 0; clock < 4; clock++) {
                assertThat(guest.call("clock_res_get", clock, 100)).isEqualTo(SUCCESS);
                assertThat(guest.i64(100)).isBetween(1L, 1_000_000L);
            }
            assertThat(guest.call("clock_res_get", 4, 100)).isEqualTo(INVAL);
            assertThat(guest.call("clock_time_get", 4, 0, 100)).isEqualTo(INVAL);
            assertThat(guest.call("clock_time_get", -1, 0, 100)).isEqualTo(INVAL);
        }
    }

    @Test
    void randomGetFillsLargeBuffers() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            int size = 100_000;
            assertThat(guest.call("random_get", 1000, size)).isEqualTo(SUCCESS);
            byte[] bytes = guest.read(1000, size);
            int[] counts = new int[256];
            for (byte b : bytes) {
                counts[b & 0xFF]++;
            }
            for (int count : counts) {
                assertThat(count).as("each byte value about 390 times").isBetween(200, 600);
            }
            assertThat(guest.u8(1000 + size)).as("nothing written after the buffer").isZero();
            assertThat(guest.call("random_get", 1000, 0)).isEqualTo(SUCCESS);
        }
    }

    @Test
    void schedYieldSucceeds() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            assertThat(guest.call("sched_yield")).isEqualTo(SUCCESS);
        }
    }

    @Test
    void procExitFlushesAndThrowsWasiExitWithTheStatus() {
        Engine engine = new Engine();
        Linker<WasiCtx> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        Module module = Module.fromWat(engine, """
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\\10\\00\\00\\00\\03\\00\\00\\00")
                  (data (i32.const 16) "bye")
                  (func (export "_start")
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                    (call $proc_exit (i32.const 42))
                    unreachable))
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Store<WasiCtx> store = new Store<>(engine, new WasiConfig().stdout(out).build())) {
            var start = linker.instantiate(store, module).func("_start");
            assertThatThrownBy(start::call).isInstanceOfSatisfying(WasiExit.class, e -> assertThat(e.status()).isEqualTo(42));
            assertThat(out.toString(StandardCharsets.UTF_8)).as("flushed before exiting").isEqualTo("bye");
        }
    }

    @Test
    void procRaise() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            assertThat(guest.call("proc_raise", 0)).isEqualTo(SUCCESS);
            assertThat(guest.call("proc_raise", 27)).as("SIGWINCH is ignored").isEqualTo(SUCCESS);
            assertThat(guest.call("proc_raise", 18)).as("SIGSTOP").isEqualTo(NOSYS);
            assertThat(guest.call("proc_raise", 31)).isEqualTo(INVAL);
            assertThat(guest.call("proc_raise", 256)).isEqualTo(INVAL);
            assertThatThrownBy(() -> guest.call("proc_raise", 15)).as("SIGTERM")
                    .isInstanceOfSatisfying(WasiExit.class, e -> assertThat(e.status()).isEqualTo(128 + 15));
        }
    }
}
