package dev.wasmj.format;

/** How an element or data segment is used. */
public enum SegmentMode {
    /** Copied into a table or memory at instantiation. */
    ACTIVE,
    /** Kept for {@code table.init} / {@code memory.init} and friends. */
    PASSIVE,
    /** Only declares functions referable by {@code ref.func} (element segments only). */
    DECLARATIVE
}
