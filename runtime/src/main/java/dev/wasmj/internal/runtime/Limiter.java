package dev.wasmj.internal.runtime;

/**
 * The engine side of a store's resource limiter (Wasmtime's {@code ResourceLimiter} and
 * {@code StoreLimits}): asked before a memory or table grows, and giving the most instances,
 * tables and memories a store may hold.
 */
public interface Limiter {
    /** Wasmtime's defaults: growth unlimited, at most 10,000 instances, tables and memories. */
    Limiter DEFAULT = new Limiter() {
        @Override
        public boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes) {
            return true;
        }

        @Override
        public boolean tableGrowing(long current, long desired, long maximum) {
            return true;
        }
    };

    /**
     * Whether a memory may grow from {@code currentBytes} to {@code desiredBytes}; {@code maximumBytes}
     * is the memory type's maximum, or -1 when it has none. Also asked (with current 0) when a memory
     * is created. Answering false makes {@code memory.grow} return -1 (and creation fail).
     */
    boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes);

    /** Like {@link #memoryGrowing} for a table's element count. */
    boolean tableGrowing(long current, long desired, long maximum);

    /** The most instances a store may hold. */
    default int instances() {
        return 10_000;
    }

    /** The most tables a store may hold. */
    default int tables() {
        return 10_000;
    }

    /** The most memories a store may hold. */
    default int memories() {
        return 10_000;
    }
}
