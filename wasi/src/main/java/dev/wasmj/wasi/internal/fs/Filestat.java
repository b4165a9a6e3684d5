package dev.wasmj.wasi.internal.fs;

/** WASI's {@code $filestat}; times are nanoseconds since the Unix epoch. */
public record Filestat(long dev, long ino, FileType type, long nlink, long size, long atim, long mtim, long ctim) {}
