package dev.wasmj.wasi.internal.fs;

/** WASI's {@code $filetype}: {@link #code()} is the number the guest sees. */
public enum FileType {
    UNKNOWN, BLOCK_DEVICE, CHARACTER_DEVICE, DIRECTORY, REGULAR_FILE, SOCKET_DGRAM, SOCKET_STREAM, SYMBOLIC_LINK;

    public int code() {
        return ordinal();
    }
}
