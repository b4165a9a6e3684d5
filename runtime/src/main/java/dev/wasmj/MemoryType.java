package dev.wasmj;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A memory type: size limits in pages, index type, sharing and page size.
 *
 * @param minimum      the initial (and smallest) size in pages
 * @param maximum      the largest size in pages, if any (required for a shared memory)
 * @param is64         whether addresses are {@code i64} (memory64 proposal)
 * @param shared       whether the memory may be shared between threads (threads proposal)
 * @param pageSizeLog2 log2 of the page size in bytes: 16 (64 KiB) unless the custom-page-sizes
 *                     proposal sets it (0: one-byte pages)
 */
public record MemoryType(long minimum, OptionalLong maximum, boolean is64, boolean shared, int pageSizeLog2)
        implements ExternType {
    /** The page size of WebAssembly 1.0, 64 KiB, as a power of two. */
    public static final int DEFAULT_PAGE_SIZE_LOG2 = 16;

    public MemoryType {
        Objects.requireNonNull(maximum, "maximum");
        if (pageSizeLog2 != 0 && pageSizeLog2 != DEFAULT_PAGE_SIZE_LOG2) {
            throw new IllegalArgumentException("page size must be 1 or 65536 bytes, not 2^" + pageSizeLog2);
        }
        if (shared && maximum.isEmpty()) {
            throw new IllegalArgumentException("a shared memory must have a maximum size");
        }
    }

    /** A 32-bit unshared memory of {@code minimum} 64 KiB pages, without maximum. */
    public static MemoryType of(long minimum) {
        return new MemoryType(minimum, OptionalLong.empty(), false, false, DEFAULT_PAGE_SIZE_LOG2);
    }

    /** A 32-bit unshared memory of {@code minimum} 64 KiB pages, growable to {@code maximum}. */
    public static MemoryType of(long minimum, long maximum) {
        return new MemoryType(minimum, OptionalLong.of(maximum), false, false, DEFAULT_PAGE_SIZE_LOG2);
    }

    /** A 32-bit shared memory of 64 KiB pages (threads proposal). */
    public static MemoryType shared(long minimum, long maximum) {
        return new MemoryType(minimum, OptionalLong.of(maximum), false, true, DEFAULT_PAGE_SIZE_LOG2);
    }

    static MemoryType of(dev.wasmj.format.MemoryType t) {
        return new MemoryType(t.limits().min(), Types.max(t.limits()), t.is64(), t.shared(), t.pageSizeLog2());
    }

    dev.wasmj.format.MemoryType toFormat() {
        return new dev.wasmj.format.MemoryType(Types.limits(minimum, maximum), is64, shared, pageSizeLog2);
    }

    /** The page size in bytes. */
    public long pageSize() {
        return 1L << pageSizeLog2;
    }

    @Override
    public String toString() {
        return "(memory " + (is64 ? "i64 " : "") + minimum + (maximum.isPresent() ? " " + maximum.getAsLong() : "")
                + (shared ? " shared" : "") + (pageSizeLog2 != DEFAULT_PAGE_SIZE_LOG2 ? " (pagesize 1)" : "") + ")";
    }
}
