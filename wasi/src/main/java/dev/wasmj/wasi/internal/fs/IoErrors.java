package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where host failures become WASI error numbers: {@link IOException}s of every
 * provider (their specific subclasses, and on Linux the {@code strerror} text the JDK puts in a
 * plain {@link FileSystemException}'s reason) and the unchecked exceptions providers throw for
 * unsupported or invalid requests. Anything not recognised is {@code EIO}.
 */
final class IoErrors {
    private IoErrors() {}

    /** Linux's {@code strerror} texts, as the JDK reports errnos it has no exception class for. */
    private static final Map<String, Errno> REASONS = Map.ofEntries(
            Map.entry("not a directory", Errno.NOTDIR),
            Map.entry("is a directory", Errno.ISDIR),
            Map.entry("directory not empty", Errno.NOTEMPTY),
            Map.entry("too many levels of symbolic links", Errno.LOOP),
            Map.entry("invalid cross-device link", Errno.XDEV),
            Map.entry("read-only file system", Errno.ROFS),
            Map.entry("no space left on device", Errno.NOSPC),
            Map.entry("disk quota exceeded", Errno.DQUOT),
            Map.entry("file too large", Errno.FBIG),
            Map.entry("file name too long", Errno.NAMETOOLONG),
            Map.entry("invalid argument", Errno.INVAL),
            Map.entry("operation not permitted", Errno.PERM),
            Map.entry("permission denied", Errno.ACCES),
            Map.entry("too many links", Errno.MLINK),
            Map.entry("text file busy", Errno.TXTBSY),
            Map.entry("device or resource busy", Errno.BUSY),
            Map.entry("operation not supported", Errno.NOTSUP),
            Map.entry("function not implemented", Errno.NOSYS),
            Map.entry("too many open files", Errno.MFILE),
            Map.entry("too many open files in system", Errno.NFILE),
            Map.entry("bad file descriptor", Errno.BADF),
            Map.entry("no such file or directory", Errno.NOENT),
            Map.entry("file exists", Errno.EXIST),
            Map.entry("input/output error", Errno.IO),
            Map.entry("no such device or address", Errno.NXIO),
            Map.entry("no such device", Errno.NODEV),
            Map.entry("illegal seek", Errno.SPIPE),
            Map.entry("stale file handle", Errno.STALE),
            Map.entry("value too large for defined data type", Errno.OVERFLOW));

    /** The errno for a failure of a host file-system call. */
    static Errno errnoOf(Throwable failure) {
        return switch (failure) {
            case ErrnoException e -> e.errno();
            case UncheckedIOException e -> errnoOf(e.getCause());
            case NoSuchFileException e -> Errno.NOENT;
            case FileAlreadyExistsException e -> Errno.EXIST;
            case DirectoryNotEmptyException e -> Errno.NOTEMPTY;
            case NotDirectoryException e -> Errno.NOTDIR;
            case NotLinkException e -> Errno.INVAL;
            case AccessDeniedException e -> reasonOr(e, Errno.ACCES);
            case FileSystemLoopException e -> Errno.LOOP;
            case EscapeException e -> Errno.NOTCAPABLE;
            case AtomicMoveNotSupportedException e -> Errno.XDEV;
            case FileSystemException e -> reasonOr(e, Errno.IO);
            case ClosedChannelException e -> Errno.BADF;
            case IOException e -> reasonOr(e.getMessage(), Errno.IO);
            case NonReadableChannelException e -> Errno.BADF;
            case NonWritableChannelException e -> Errno.BADF;
            case ClosedDirectoryStreamException e -> Errno.BADF;
            case ClosedFileSystemException e -> Errno.BADF;
            case ReadOnlyFileSystemException e -> Errno.ROFS;
            case ProviderMismatchException e -> Errno.XDEV;
            case UnsupportedOperationException e -> Errno.NOTSUP;
            case SecurityException e -> Errno.ACCES;
            case InvalidPathException e -> Errno.ILSEQ;
            case IllegalArgumentException e -> Errno.INVAL;
            case OutOfMemoryError e -> Errno.NOMEM;
            default -> Errno.IO;
        };
    }

    /** A host file-system call that may fail with any exception. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws Exception;
    }

    /** A host file-system action without a result. */
    @FunctionalInterface
    interface IoAction {
        void run() throws Exception;
    }

    /** Runs {@code call}, turning any failure into an {@link ErrnoException}. */
    static <T> T call(IoCall<T> call) throws ErrnoException {
        try {
            return call.call();
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            throw translate(e);
        }
    }

    /** Runs {@code action}, turning any failure into an {@link ErrnoException}. */
    static void run(IoAction action) throws ErrnoException {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** {@code failure} as an {@link ErrnoException} (itself if it already is one). */
    static ErrnoException translate(Throwable failure) {
        if (failure instanceof ErrnoException e) {
            return e;
        }
        return new ErrnoException(errnoOf(failure), String.valueOf(failure.getMessage()));
    }

    private static Errno reasonOr(FileSystemException e, Errno fallback) {
        return reasonOr(e.getReason(), fallback);
    }

    /** The errno whose text {@code reason} is or starts with (Jimfs: "invalid argument: ..."), else {@code fallback}. */
    private static Errno reasonOr(String reason, Errno fallback) {
        if (reason == null) {
            return fallback;
        }
        String text = reason.toLowerCase(Locale.ROOT);
        Errno known = REASONS.get(text);
        if (known != null) {
            return known;
        }
        // The JDK appends to ELOOP's text: "... or unable to access attributes of symbolic link".
        for (Map.Entry<String, Errno> entry : REASONS.entrySet()) {
            if (text.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return fallback;
    }
}
