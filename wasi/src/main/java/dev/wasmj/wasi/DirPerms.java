package dev.wasmj.wasi;

/**
 * What a guest may do with a preopened directory and the directories under it (Wasmtime's
 * {@code DirPerms}): list and look up entries ({@link #READ}), create, rename and remove entries
 * ({@link #MUTATE}).
 */
public enum DirPerms {
    /** Read entries, look up paths, stat. */
    READ,
    /** Create, rename, link and remove entries; set times. */
    MUTATE
}
