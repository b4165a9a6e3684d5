package dev.wasmj.format;

/**
 * A memory type.
 *
 * @param limits       sizes in pages
 * @param is64         whether addresses are i64 (memory64)
 * @param shared       whether the memory is shared between threads (threads)
 * @param pageSizeLog2 log2 of the page size: 16 (64 KiB) unless the custom-page-sizes proposal
 *                     sets it (0 for one-byte pages)
 */
public record MemoryType(Limits limits, boolean is64, boolean shared, int pageSizeLog2) implements ExternType {
    public static final int DEFAULT_PAGE_SIZE_LOG2 = 16;

    @Override
    public ExternKind kind() {
        return ExternKind.MEMORY;
    }

    public long pageSize() {
        return 1L << pageSizeLog2;
    }
}
