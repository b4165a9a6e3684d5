package dev.wasmj;

/**
 * Limits what a {@link Store} may allocate (Wasmtime's {@code ResourceLimiter}): asked before a
 * memory or table grows (and when one is created), and giving the most instances, tables and
 * memories the store may hold. Install one with {@link Store#limiter(ResourceLimiter)};
 * {@link StoreLimits} is the ready-made implementation.
 *
 * <p>A refused growth makes {@code memory.grow} / {@code table.grow} return -1, as the
 * specification says; a refused creation, or an instantiation past a count, fails the
 * instantiation with a {@link LinkException}.
 */
public interface ResourceLimiter {
    /** Wasmtime's default count limit of instances, tables and memories. */
    int DEFAULT_COUNT_LIMIT = 10_000;

    /**
     * Whether a memory may grow from {@code currentBytes} to {@code desiredBytes}.
     *
     * @param maximumBytes the memory type's maximum in bytes, or -1 when it has none
     */
    boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes);

    /**
     * Whether a table may grow from {@code current} to {@code desired} elements.
     *
     * @param maximum the table type's maximum, or -1 when it has none
     */
    boolean tableGrowing(long current, long desired, long maximum);

    /** The most instances the store may hold; {@value #DEFAULT_COUNT_LIMIT} by default. */
    default int instances() {
        return DEFAULT_COUNT_LIMIT;
    }

    /** The most tables the store may hold; {@value #DEFAULT_COUNT_LIMIT} by default. */
    default int tables() {
        return DEFAULT_COUNT_LIMIT;
    }

    /** The most memories the store may hold; {@value #DEFAULT_COUNT_LIMIT} by default. */
    default int memories() {
        return DEFAULT_COUNT_LIMIT;
    }
}
