package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.internal.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An open host directory and the operations on the entries directly in it, each named by one
 * path component (never containing a separator; {@code "."} names the directory itself where
 * noted). Nothing here follows a symbolic link in the final component: {@link PathResolver}
 * follows links itself. {@link SecureDirHandle} does the work relative to an open directory
 * handle ({@code openat} and friends); {@link PathDirHandle} with checked path operations on
 * providers without {@link java.nio.file.SecureDirectoryStream}.
 */
sealed interface DirHandle extends Closeable permits SecureDirHandle, PathDirHandle {

    /** The host path this directory had when it was reached: for diagnostics and path-based fallbacks. */
    Path hostPath();

    FileSystem fileSystem();

    /** Opens the sub-directory {@code name} ({@code "."}: a new handle to this directory); never follows a link. */
    DirHandle openDirectory(String name) throws IOException;

    /** Opens the file {@code name} with {@code options} (never following a link). */
    SeekableByteChannel openFile(String name, Set<OpenOption> options) throws IOException;

    /** The attributes of {@code name} ({@code "."} or {@code ".."}: this directory or its parent), not following a link. */
    BasicFileAttributes stat(String name) throws IOException;

    /** As {@link #stat}, but {@code null} when there is no entry {@code name}; another failure is its errno. */
    default BasicFileAttributes statOrNull(String name) throws ErrnoException {
        try {
            return stat(name);
        } catch (NoSuchFileException e) {
            return null;
        } catch (Exception e) {
            throw IoErrors.translate(e);
        }
    }

    /**
     * The provider's {@code unix} view of {@code name} (dev, ino, nlink, ctime, mode), or an empty
     * map when the provider has none or the entry is no longer the file {@code expected} describes.
     */
    Map<String, Object> unixAttributes(String name, BasicFileAttributes expected);

    /** Sets the times of {@code name} ({@code "."}: this directory); {@code null} leaves a time as it is. */
    void setTimes(String name, FileTime lastModified, FileTime lastAccess) throws IOException;

    void deleteFile(String name) throws IOException;

    void deleteDirectory(String name) throws IOException;

    /** Renames {@code name} to {@code targetName} in {@code target} (an open directory of the same kind). */
    void move(String name, DirHandle target, String targetName) throws IOException;

    /** The names in this directory, without {@code .} and {@code ..}. */
    List<String> list() throws IOException;

    void createDirectory(String name) throws IOException;

    void createSymbolicLink(String name, String target) throws IOException;

    /** Creates {@code name} as a hard link to {@code sourceName} in {@code sourceDir}. */
    void createLink(String name, DirHandle sourceDir, String sourceName) throws IOException;

    String readSymbolicLink(String name) throws IOException;

    /** Closes the handle; idempotent. */
    @Override
    void close();
}
