package dev.wasmj.wasi.internal.fs;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A directory held open as a {@link SecureDirectoryStream}: opening, stat, times, delete and
 * rename act relative to the open handle with {@link LinkOption#NOFOLLOW_LINKS}
 * ({@code openat}, {@code fstatat}, {@code unlinkat}, {@code renameat} on Linux), so a
 * component swapped for a symbolic link is never followed by the host.
 *
 * <p>The stream has no call for creating directories, symbolic links or hard links, nor for
 * reading a link: those use {@link #hostPath()} and check, before and after, that the path still
 * leads to this very directory (same {@code fileKey}); see {@code docs/wasi-sandbox.md} for the
 * window this leaves.
 */
final class SecureDirHandle implements DirHandle {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final SecureDirectoryStream<Path> stream;
    private final Path hostPath;
    private volatile boolean closed;

    SecureDirHandle(SecureDirectoryStream<Path> stream, Path hostPath) {
        this.stream = stream;
        this.hostPath = hostPath;
    }

    @Override
    public Path hostPath() {
        return hostPath;
    }

    @Override
    public FileSystem fileSystem() {
        return hostPath.getFileSystem();
    }

    private Path name(String name) {
        return hostPath.getFileSystem().getPath(name);
    }

    private Path hostPathOf(String name) {
        return name.equals(".") ? hostPath : hostPath.resolve(name);
    }

    @Override
    public DirHandle openDirectory(String name) throws IOException {
        SecureDirectoryStream<Path> child = stream.newDirectoryStream(name(name), NOFOLLOW);
        return new SecureDirHandle(child, hostPathOf(name));
    }

    @Override
    public SeekableByteChannel openFile(String name, Set<OpenOption> options) throws IOException {
        Set<OpenOption> all = new HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        return stream.newByteChannel(name(name), all);
    }

    @Override
    public BasicFileAttributes stat(String name) throws IOException {
        return view(name).readAttributes();
    }

    private BasicFileAttributeView view(String name) {
        BasicFileAttributeView view = name.equals(".")
                ? stream.getFileAttributeView(BasicFileAttributeView.class)
                : stream.getFileAttributeView(name(name), BasicFileAttributeView.class, NOFOLLOW);
        if (view == null) {
            throw new UnsupportedOperationException("no basic attribute view");
        }
        return view;
    }

    @Override
    public Map<String, Object> unixAttributes(String name, BasicFileAttributes expected) {
        return UnixAttributes.read(hostPathOf(name), expected);
    }

    @Override
    public void setTimes(String name, FileTime lastModified, FileTime lastAccess) throws IOException {
        view(name).setTimes(lastModified, lastAccess, null);
    }

    @Override
    public void deleteFile(String name) throws IOException {
        stream.deleteFile(name(name));
    }

    @Override
    public void deleteDirectory(String name) throws IOException {
        stream.deleteDirectory(name(name));
    }

    @Override
    public void move(String name, DirHandle target, String targetName) throws IOException {
        if (!(target instanceof SecureDirHandle secure)) {
            throw new java.nio.file.AtomicMoveNotSupportedException(hostPathOf(name).toString(),
                    target.hostPath().toString(), "different kinds of file system");
        }
        stream.move(name(name), secure.stream, name(targetName));
    }

    @Override
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> listing = stream.newDirectoryStream(name("."), NOFOLLOW)) {
            for (Path entry : listing) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void createDirectory(String name) throws IOException {
        verifyHostPath();
        Files.createDirectory(hostPath.resolve(name));
        verifyHostPath();
    }

    @Override
    public void createSymbolicLink(String name, String target) throws IOException {
        verifyHostPath();
        Files.createSymbolicLink(hostPath.resolve(name), name(target));
        verifyHostPath();
    }

    @Override
    public void createLink(String name, DirHandle sourceDir, String sourceName) throws IOException {
        if (!(sourceDir instanceof SecureDirHandle source)) {
            throw new java.nio.file.FileSystemException(sourceDir.hostPath().toString(), null,
                    "Invalid cross-device link");
        }
        BasicFileAttributes sourceAttributes = source.stat(sourceName);
        Object sourceKey = sourceAttributes.fileKey();
        if (sourceAttributes.isSymbolicLink() && fileSystem() != FileSystems.getDefault()) {
            // Linux's link() links a symbolic link itself; other providers (Jimfs) follow it,
            // which must not even briefly link whatever it points at
            throw new UnsupportedOperationException("hard links to symbolic links themselves");
        }
        verifyHostPath();
        source.verifyHostPath();
        Files.createLink(hostPath.resolve(name), source.hostPath.resolve(sourceName));
        // The link must be to the very file checked inside the sandbox: if a swapped path made
        // the host link something else (perhaps a file outside), undo it through the handle.
        Object linkedKey;
        try {
            linkedKey = stat(name).fileKey();
        } catch (NoSuchFileException madeElsewhere) {
            throw new EscapeException(hostPath.resolve(name).toString());
        }
        if (sourceKey == null || !sourceKey.equals(linkedKey)) {
            deleteFile(name);
            throw new EscapeException(hostPath.resolve(name).toString());
        }
    }

    @Override
    public String readSymbolicLink(String name) throws IOException {
        BasicFileAttributes link = stat(name);
        if (!link.isSymbolicLink()) {
            throw new NotLinkException(hostPathOf(name).toString());
        }
        Path path = hostPath.resolve(name);
        verifySame(path, link);
        String target = Files.readSymbolicLink(path).toString();
        verifySame(path, link);
        return target;
    }

    /** Checks that {@code path} (not following a final link) is the entry {@code expected} describes. */
    private static void verifySame(Path path, BasicFileAttributes expected) throws IOException {
        Object key = fileKeyOrNull(path, NOFOLLOW);
        if (expected.fileKey() == null || !expected.fileKey().equals(key)) {
            throw new EscapeException(path.toString());
        }
    }

    /** Checks that {@link #hostPath()} still leads to the directory this handle holds. */
    private void verifyHostPath() throws IOException {
        Object held = stat(".").fileKey();
        Object viaPath = fileKeyOrNull(hostPath);
        if (held == null || !Objects.equals(held, viaPath)) {
            throw new EscapeException(hostPath.toString());
        }
    }

    /** The file key of what {@code path} names now, or null if it names nothing. */
    private static Object fileKeyOrNull(Path path, LinkOption... options) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, options).fileKey();
        } catch (IOException e) {
            return switch (IoErrors.errnoOf(e)) {
                case NOENT, NOTDIR, LOOP -> null; // the path leads nowhere now
                default -> throw e;
            };
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing useful to do: the handle is gone either way
        }
    }
}
