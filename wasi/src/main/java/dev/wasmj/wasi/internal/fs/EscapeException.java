package dev.wasmj.wasi.internal.fs;

import java.nio.file.FileSystemException;

/**
 * A path-based host operation found (before or after acting) that the path no longer leads to
 * the directory handle it was derived from: something was swapped in the meantime. Reported to
 * the guest as {@code ENOTCAPABLE}.
 */
final class EscapeException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    EscapeException(String path) {
        super(path, null, "no longer inside the sandbox directory it was resolved in");
    }
}
