package dev.wasmj.wasi.internal.fs;

/** One directory entry for {@code fd_readdir}: its name (UTF-8 bytes), inode and type. */
public record DirEntry(byte[] name, long ino, FileType type) {}
