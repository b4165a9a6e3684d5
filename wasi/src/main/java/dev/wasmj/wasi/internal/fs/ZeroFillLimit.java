package dev.wasmj.wasi.internal.fs;

import java.nio.file.FileSystems;
import java.nio.file.Files;

/**
 * How many bytes of zeros one call may add to a file (growing it with {@code fd_filestat_set_size},
 * {@code fd_allocate}, or a write past the end). The host's own file system makes such gaps
 * sparse and enforces its own limits, so there is none. Other providers store the zeros: Jimfs
 * in the Java heap (a single {@code fd_allocate} of a few gigabytes would exhaust it), zip in a
 * temporary copy that it compresses on close. There a gap may not exceed the store's usable
 * space nor a quarter of the heap; beyond, the call fails with {@code ENOSPC}.
 */
final class ZeroFillLimit {
    private ZeroFillLimit() {}

    static long of(DirHandle dir) {
        if (dir.fileSystem() == FileSystems.getDefault()) {
            return Long.MAX_VALUE;
        }
        long limit = Runtime.getRuntime().maxMemory() / 4;
        try {
            limit = Math.min(limit, Files.getFileStore(dir.hostPath()).getUsableSpace());
        } catch (Exception unknown) {
            // no store to ask: the heap bound alone
        }
        return limit;
    }
}
