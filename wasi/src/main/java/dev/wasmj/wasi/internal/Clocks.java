package dev.wasmj.wasi.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;

/**
 * WASI's four clocks ({@code $clockid}): REALTIME ({@link Instant#now()}), MONOTONIC
 * ({@link System#nanoTime()} from an origin fixed when this class loads, so it starts near 0 and
 * never goes back), PROCESS_CPUTIME_ID (the JVM process's CPU time) and THREAD_CPUTIME_ID (the
 * calling thread's CPU time, which is the guest's). Times are unsigned nanoseconds.
 */
public final class Clocks {
    public static final int REALTIME = 0;
    public static final int MONOTONIC = 1;
    public static final int PROCESS_CPUTIME_ID = 2;
    public static final int THREAD_CPUTIME_ID = 3;

    private static final long MONOTONIC_ORIGIN = System.nanoTime();

    private Clocks() {}

    /** {@code clock_res_get}: EINVAL for an unknown clock. */
    public static long resolution(int id) throws ErrnoException {
        return switch (id) {
            case REALTIME -> 1_000;
            case MONOTONIC -> 1;
            case PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID -> {
                now(id); // ENOTSUP where the JVM cannot measure it
                yield 1_000;
            }
            default -> throw new ErrnoException(Errno.INVAL, "unknown clock " + Integer.toUnsignedString(id));
        };
    }

    /** {@code clock_time_get}: EINVAL for an unknown clock, ENOTSUP where the JVM cannot read it. */
    public static long now(int id) throws ErrnoException {
        return switch (id) {
            case REALTIME -> realtime();
            case MONOTONIC -> monotonic();
            case PROCESS_CPUTIME_ID -> ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos)
                    .orElseThrow(() -> new ErrnoException(Errno.NOTSUP, "process CPU time is not available"));
            case THREAD_CPUTIME_ID -> {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long t = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
                if (t < 0) {
                    throw new ErrnoException(Errno.NOTSUP, "thread CPU time is not available");
                }
                yield t;
            }
            default -> throw new ErrnoException(Errno.INVAL, "unknown clock " + Integer.toUnsignedString(id));
        };
    }

    /** Nanoseconds since the Unix epoch. */
    public static long realtime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The monotonic clock's nanoseconds. */
    public static long monotonic() {
        return System.nanoTime() - MONOTONIC_ORIGIN;
    }
}
