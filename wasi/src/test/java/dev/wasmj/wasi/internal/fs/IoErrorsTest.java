package dev.wasmj.wasi.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The mapping of host exceptions to errnos. */
class IoErrorsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new NoSuchFileException("f"), Errno.NOENT),
                Arguments.of(new FileAlreadyExistsException("f"), Errno.EXIST),
                Arguments.of(new DirectoryNotEmptyException("d"), Errno.NOTEMPTY),
                Arguments.of(new NotDirectoryException("f"), Errno.NOTDIR),
                Arguments.of(new NotLinkException("f"), Errno.INVAL),
                Arguments.of(new AccessDeniedException("f"), Errno.ACCES),
                Arguments.of(new AccessDeniedException("f", null, "Read-only file system"), Errno.ROFS),
                Arguments.of(new FileSystemLoopException("f"), Errno.LOOP),
                Arguments.of(new AtomicMoveNotSupportedException("a", "b", "Invalid cross-device link"), Errno.XDEV),
                Arguments.of(new EscapeException("f"), Errno.NOTCAPABLE),
                // Linux's strerror texts in plain FileSystemExceptions
                Arguments.of(new FileSystemException("d", null, "Is a directory"), Errno.ISDIR),
                Arguments.of(new FileSystemException("f", null, "Not a directory"), Errno.NOTDIR),
                Arguments.of(new FileSystemException("d", null, "Directory not empty"), Errno.NOTEMPTY),
                Arguments.of(new FileSystemException("l", null,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link"), Errno.LOOP),
                Arguments.of(new FileSystemException("a", "b", "Invalid cross-device link"), Errno.XDEV),
                Arguments.of(new FileSystemException("f", null, "No space left on device"), Errno.NOSPC),
                Arguments.of(new FileSystemException("f", null, "File name too long"), Errno.NAMETOOLONG),
                Arguments.of(new FileSystemException("f", null, "Operation not permitted"), Errno.PERM),
                Arguments.of(new FileSystemException("f", null, "something else"), Errno.IO),
                Arguments.of(new FileSystemException("f"), Errno.IO),
                // Jimfs's plain IOExceptions
                Arguments.of(new IOException("invalid argument: can't move directory into itself"), Errno.INVAL),
                Arguments.of(new IOException("disk on fire"), Errno.IO),
                Arguments.of(new IOException(), Errno.IO),
                Arguments.of(new ClosedChannelException(), Errno.BADF),
                Arguments.of(new UncheckedIOException(new NoSuchFileException("f")), Errno.NOENT),
                // unchecked exceptions providers throw
                Arguments.of(new NonWritableChannelException(), Errno.BADF),
                Arguments.of(new ReadOnlyFileSystemException(), Errno.ROFS),
                Arguments.of(new ProviderMismatchException(), Errno.XDEV),
                Arguments.of(new UnsupportedOperationException(), Errno.NOTSUP),
                Arguments.of(new SecurityException(), Errno.ACCES),
                Arguments.of(new InvalidPathException("a\u0000", "nul"), Errno.ILSEQ),
                Arguments.of(new IllegalArgumentException(), Errno.INVAL),
                Arguments.of(new IllegalStateException(), Errno.IO),
                Arguments.of(new ErrnoException(Errno.MLINK), Errno.MLINK));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void mapsFailuresToErrnos(Throwable failure, Errno expected) {
        assertThat(IoErrors.errnoOf(failure)).isEqualTo(expected);
        assertThat(IoErrors.translate(failure).errno()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void callTurnsAnyFailureIntoAnErrnoException(Throwable failure, Errno expected) {
        try {
            IoErrors.call(() -> {
                if (failure instanceof Exception e) {
                    throw e;
                }
                throw (Error) failure;
            });
        } catch (ErrnoException e) {
            assertThat(e.errno()).isEqualTo(expected);
            return;
        }
        throw new AssertionError("no ErrnoException");
    }
}
