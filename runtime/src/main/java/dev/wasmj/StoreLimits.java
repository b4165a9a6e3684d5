package dev.wasmj;

/**
 * A {@link ResourceLimiter} with fixed limits (Wasmtime's {@code StoreLimits}): the size of each
 * memory in bytes, the elements of each table, and the numbers of instances, tables and memories.
 * Wasmtime's defaults: memory size and table elements unlimited, 10,000 instances, tables and
 * memories.
 *
 * {@snippet :
 * StoreLimits limits = StoreLimits.builder().memorySize(1 << 20).instances(10).build();
 * store.limiter(limits);
 * }
 */
public final class StoreLimits implements ResourceLimiter {
    private final long memorySize;
    private final long tableElements;
    private final int instances;
    private final int tables;
    private final int memories;

    private StoreLimits(Builder b) {
        this.memorySize = b.memorySize;
        this.tableElements = b.tableElements;
        this.instances = b.instances;
        this.tables = b.tables;
        this.memories = b.memories;
    }

    /** The defaults: nothing limited but the counts, at 10,000 each. */
    public static StoreLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes) {
        return Long.compareUnsigned(desiredBytes, memorySize) <= 0;
    }

    @Override
    public boolean tableGrowing(long current, long desired, long maximum) {
        return Long.compareUnsigned(desired, tableElements) <= 0;
    }

    @Override
    public int instances() {
        return instances;
    }

    @Override
    public int tables() {
        return tables;
    }

    @Override
    public int memories() {
        return memories;
    }

    /** The largest size of a memory in bytes ({@code -1}, i.e. unsigned max, when unlimited). */
    public long memorySize() {
        return memorySize;
    }

    /** The most elements of a table ({@code -1}, i.e. unsigned max, when unlimited). */
    public long tableElements() {
        return tableElements;
    }

    @Override
    public String toString() {
        return "StoreLimits[memorySize=" + Long.toUnsignedString(memorySize) + ", tableElements="
                + Long.toUnsignedString(tableElements) + ", instances=" + instances + ", tables=" + tables
                + ", memories=" + memories + "]";
    }

    /** Builds {@link StoreLimits}; each setter returns the builder. */
    public static final class Builder {
        private long memorySize = -1;
        private long tableElements = -1;
        private int instances = DEFAULT_COUNT_LIMIT;
        private int tables = DEFAULT_COUNT_LIMIT;
        private int memories = DEFAULT_COUNT_LIMIT;

        private Builder() {}

        /** The largest size, in bytes, each memory may have. */
        public Builder memorySize(long bytes) {
            this.memorySize = nonNegative(bytes, "memorySize");
            return this;
        }

        /** The most elements each table may have. */
        public Builder tableElements(long elements) {
            this.tableElements = nonNegative(elements, "tableElements");
            return this;
        }

        /** The most instances the store may hold. */
        public Builder instances(int count) {
            this.instances = (int) nonNegative(count, "instances");
            return this;
        }

        /** The most tables the store may hold. */
        public Builder tables(int count) {
            this.tables = (int) nonNegative(count, "tables");
            return this;
        }

        /** The most memories the store may hold. */
        public Builder memories(int count) {
            this.memories = (int) nonNegative(count, "memories");
            return this;
        }

        public StoreLimits build() {
            return new StoreLimits(this);
        }

        private static long nonNegative(long value, String what) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must not be negative: " + value);
            }
            return value;
        }
    }
}
