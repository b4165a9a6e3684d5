package dev.wasmj.wasi;

/**
 * What a guest may do with the files under a preopened directory (Wasmtime's {@code FilePerms}):
 * read them ({@link #READ}), write, truncate and resize them ({@link #WRITE}).
 */
public enum FilePerms {
    /** Read file contents. */
    READ,
    /** Write, truncate, resize, allocate. */
    WRITE
}
