package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** poll_oneoff with clock and fd subscriptions, several at once. */
class PollOneoffTest {
    static final int IN = 4096;   // subscriptions, 48 bytes each
    static final int OUT = 8192;  // events, 32 bytes each
    static final int NEVENTS = 8;

    record Event(long userdata, int error, int type, long nbytes, int flags) {}

    static void clock(WasiGuest g, int index, long userdata, int id, long timeout, int flags) {
        int p = IN + 48 * index;
        g.write(p, new byte[48]);
        g.putI64(p, userdata);
        g.putU8(p + 8, 0);
        g.putI32(p + 16, id);
        g.putI64(p + 24, timeout);
        g.putU16(p + 40, flags);
    }

    static void fd(WasiGuest g, int index, long userdata, int type, int fd) {
        int p = IN + 48 * index;
        g.write(p, new byte[48]);
        g.putI64(p, userdata);
        g.putU8(p + 8, type);
        g.putI32(p + 16, fd);
    }

    /** Polls {@code n} subscriptions; returns the events by userdata. */
    static Map<Long, Event> poll(WasiGuest g, int n) {
        assertThat(g.call("poll_oneoff", IN, OUT, n, NEVENTS)).isEqualTo(SUCCESS);
        Map<Long, Event> events = new HashMap<>();
        for (int i = 0; i < g.i32(NEVENTS); i++) {
            int p = OUT + 32 * i;
            events.put(g.i64(p), new Event(g.i64(p), g.u16(p + 8), g.u8(p + 10), g.i64(p + 16), g.u16(p + 24)));
        }
        return events;
    }

    @Test
    void aRelativeClockWaitsItsTimeout() {
        try (WasiGuest g = new WasiGuest(new WasiConfig())) {
            clock(g, 0, 77, 1, 30_000_000L, 0);
            long start = System.nanoTime();
            Map<Long, Event> events = poll(g, 1);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(30_000_000L);
            assertThat(events).containsOnlyKeys(77L);
            assertThat(events.get(77L)).isEqualTo(new Event(77, 0, 0, 0, 0));
        }
    }

    @Test
    void theEarliestOfSeveralClocksFires() {
        try (WasiGuest g = new WasiGuest(new WasiConfig())) {
            clock(g, 0, 1, 1, 10_000_000_000L, 0);
            clock(g, 1, 2, 0, 20_000_000L, 0);
            clock(g, 2, 3, 1, 5_000_000_000L, 0);
            long start = System.nanoTime();
            assertThat(poll(g, 3)).containsOnlyKeys(2L);
            assertThat(System.nanoTime() - start).as("not the 5 s clock").isBetween(20_000_000L, 4_500_000_000L);
        }
    }

    @Test
    void absoluteClocks() {
        try (WasiGuest g = new WasiGuest(new WasiConfig())) {
            assertThat(g.call("clock_time_get", 1, 0, 100)).isEqualTo(SUCCESS);
            long now = g.i64(100);
            clock(g, 0, 5, 1, now + 25_000_000L, 1);
            assertThat(poll(g, 1)).containsOnlyKeys(5L);
            assertThat(g.call("clock_time_get", 1, 0, 100)).isEqualTo(SUCCESS);
            assertThat(g.i64(100)).as("returned at the deadline, not before").isGreaterThanOrEqualTo(now + 25_000_000L);
            clock(g, 0, 6, 0, 1_000_000_000L, 1); // realtime, in 1970: at once
            assertThat(poll(g, 1)).containsOnlyKeys(6L);
        }
    }

    @Test
    void readyDescriptorsAreReportedAtOnceAndTogether() throws Exception {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path root = Files.createDirectories(fs.getPath("/r"));
            Files.writeString(root.resolve("f"), "0123456789");
            try (WasiGuest g = new WasiGuest(new WasiConfig().preopenedDir(root, "/"))) {
                int file = g.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
                g.iovec(16, 1000, 3);
                assertThat(g.call("fd_read", file, 16, 1, 8)).isEqualTo(SUCCESS);
                clock(g, 0, 1, 1, 10_000_000_000L, 0);
                fd(g, 1, 2, 2, 1);      // stdout writable
                fd(g, 2, 3, 1, file);   // file readable, 7 bytes left
                fd(g, 3, 4, 1, 99);     // not open
                fd(g, 4, 5, 1, 1);      // reading stdout
                fd(g, 5, 6, 2, 2);      // stderr writable
                long start = System.nanoTime();
                Map<Long, Event> events = poll(g, 6);
                assertThat(System.nanoTime() - start).as("not the 10 s clock").isLessThan(5_000_000_000L);
                assertThat(events).containsOnlyKeys(2L, 3L, 4L, 5L, 6L);
                assertThat(events.get(2L)).isEqualTo(new Event(2, 0, 2, 0, 0));
                assertThat(events.get(3L)).isEqualTo(new Event(3, 0, 1, 7, 0));
                assertThat(events.get(4L).error()).isEqualTo(BADF);
                assertThat(events.get(5L).error()).isEqualTo(BADF);
                assertThat(events.get(6L).error()).isZero();
            }
        }
    }

    @Test
    void stdinBecomesReadyWhenBytesArrive() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed);
        try (WasiGuest g = new WasiGuest(new WasiConfig().stdin(in))) {
            fd(g, 0, 1, 1, 0);
            clock(g, 1, 2, 1, 30_000_000L, 0);
            assertThat(poll(g, 2)).as("nothing to read yet").containsOnlyKeys(2L);
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                    feed.write("ping".getBytes());
                    feed.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            clock(g, 1, 2, 1, 10_000_000_000L, 0);
            long start = System.nanoTime();
            Map<Long, Event> events = poll(g, 2);
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
            assertThat(events).containsOnlyKeys(1L);
            assertThat(events.get(1L).nbytes()).isPositive();
            writer.join();
            g.iovec(16, 1000, 10);
            assertThat(g.call("fd_read", 0, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(g.readString(1000, g.i32(8))).isEqualTo("ping");
            feed.close();
            fd(g, 0, 1, 1, 0);
            clock(g, 1, 2, 1, 10_000_000_000L, 0);
            events = poll(g, 2);
            assertThat(events).containsOnlyKeys(1L);
            assertThat(events.get(1L).flags()).as("hangup at the end").isEqualTo(1);
        }
    }

    @Test
    void stdinBytesAreReadyWithTheirCountThenHangUp() {
        try (WasiGuest g = new WasiGuest(new WasiConfig().stdin("abc".getBytes()))) {
            fd(g, 0, 1, 1, 0);
            Map<Long, Event> events = poll(g, 1);
            assertThat(events.get(1L)).isEqualTo(new Event(1, 0, 1, 3, 0));
            g.iovec(16, 1000, 10);
            assertThat(g.call("fd_read", 0, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(poll(g, 1).get(1L)).isEqualTo(new Event(1, 0, 1, 0, 1));
        }
    }

    @Test
    void anInterruptedWaitIsEintr() throws Exception {
        try (WasiGuest g = new WasiGuest(new WasiConfig())) {
            clock(g, 0, 1, 1, 60_000_000_000L, 0);
            Thread guestThread = Thread.currentThread();
            Thread interrupter = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                guestThread.interrupt();
            });
            int errno;
            boolean stillInterrupted;
            try {
                errno = g.call("poll_oneoff", IN, OUT, 1, NEVENTS);
            } finally {
                stillInterrupted = Thread.interrupted();
                interrupter.join();
            }
            assertThat(errno).isEqualTo(INTR);
            assertThat(stillInterrupted).as("the interrupt stays set for the host").isTrue();
        }
    }

    @Test
    void badSubscriptions() {
        try (WasiGuest g = new WasiGuest(new WasiConfig())) {
            assertThat(g.call("poll_oneoff", IN, OUT, 0, NEVENTS)).isEqualTo(INVAL);
            fd(g, 0, 1, 3, 0);
            assertThat(g.call("poll_oneoff", IN, OUT, 1, NEVENTS)).as("unknown type").isEqualTo(INVAL);
            clock(g, 0, 1, 9, 0, 0);
            Map<Long, Event> events = poll(g, 1);
            assertThat(events.get(1L).error()).as("unknown clock").isEqualTo(INVAL);
            clock(g, 0, 1, 1, 0, 2);
            assertThat(poll(g, 1).get(1L).error()).as("unknown clock flag").isEqualTo(INVAL);
        }
    }

    @Test
    void waitingFlushesStdout() {
        var out = new java.io.ByteArrayOutputStream();
        try (WasiGuest g = new WasiGuest(new WasiConfig().stdout(out))) {
            g.fdWrite(1, "before sleeping");
            clock(g, 0, 1, 1, 1_000_000L, 0);
            poll(g, 1);
            assertThat(out.toString()).isEqualTo("before sleeping");
        }
    }
}
