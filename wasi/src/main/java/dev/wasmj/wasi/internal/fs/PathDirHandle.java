package dev.wasmj.wasi.internal.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directory on a provider without {@link java.nio.file.SecureDirectoryStream} (a zip file
 * system): the entries are reached by path, each operation checking the entry's type first and
 * never following a link in the final component. {@link PathResolver} has checked every earlier
 * component; such providers (zip) have no symbolic links, so nothing can be swapped in.
 */
final class PathDirHandle implements DirHandle {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path dir;

    PathDirHandle(Path dir) {
        this.dir = dir;
    }

    @Override
    public Path hostPath() {
        return dir;
    }

    @Override
    public FileSystem fileSystem() {
        return dir.getFileSystem();
    }

    private Path entry(String name) {
        return name.equals(".") ? dir : dir.resolve(name);
    }

    @Override
    public DirHandle openDirectory(String name) throws IOException {
        Path path = entry(name);
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        if (attributes.isSymbolicLink()) {
            throw new FileSystemException(path.toString(), null, "Too many levels of symbolic links");
        }
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(path.toString());
        }
        return new PathDirHandle(path);
    }

    @Override
    public SeekableByteChannel openFile(String name, Set<OpenOption> options) throws IOException {
        Path path = entry(name);
        Set<OpenOption> all = new HashSet<>(options);
        all.add(LinkOption.NOFOLLOW_LINKS);
        try {
            // zip's file channel works on a copy (seekable, truncatable, written back on close);
            // its plain byte channel for writing can only stream a whole new entry
            return FileChannel.open(path, all);
        } catch (UnsupportedOperationException | IllegalArgumentException noFollowRefused) {
            // a provider without links may refuse the option: nothing to follow there anyway
            if (Files.isSymbolicLink(path)) {
                throw new FileSystemException(path.toString(), null, "Too many levels of symbolic links");
            }
            try {
                return FileChannel.open(path, options);
            } catch (UnsupportedOperationException noFileChannel) {
                return Files.newByteChannel(path, options);
            }
        }
    }

    @Override
    public BasicFileAttributes stat(String name) throws IOException {
        return Files.readAttributes(entry(name), BasicFileAttributes.class, NOFOLLOW);
    }

    @Override
    public Map<String, Object> unixAttributes(String name, BasicFileAttributes expected) {
        return UnixAttributes.read(entry(name), expected);
    }

    @Override
    public void setTimes(String name, FileTime lastModified, FileTime lastAccess) throws IOException {
        BasicFileAttributeView view = Files.getFileAttributeView(entry(name), BasicFileAttributeView.class, NOFOLLOW);
        if (view == null) {
            throw new UnsupportedOperationException("no basic attribute view");
        }
        view.setTimes(lastModified, lastAccess, null);
    }

    @Override
    public void deleteFile(String name) throws IOException {
        Path path = entry(name);
        if (stat(name).isDirectory()) {
            throw new FileSystemException(path.toString(), null, "Is a directory");
        }
        Files.delete(path);
    }

    @Override
    public void deleteDirectory(String name) throws IOException {
        Path path = entry(name);
        if (!stat(name).isDirectory()) {
            throw new NotDirectoryException(path.toString());
        }
        Files.delete(path);
    }

    @Override
    public void move(String name, DirHandle target, String targetName) throws IOException {
        if (!(target instanceof PathDirHandle other)) {
            throw new AtomicMoveNotSupportedException(entry(name).toString(), target.hostPath().toString(),
                    "different kinds of file system");
        }
        Path from = entry(name);
        Path to = other.entry(targetName);
        if (stat(name).isDirectory()) {
            moveDirectory(from, to);
            return;
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | UnsupportedOperationException notAtomic) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Moves a directory with everything below it: zip's own move would take the directory's
     * entry alone. Not atomic. The target is absent or an empty directory (checked by the caller).
     */
    private static void moveDirectory(Path from, Path to) throws IOException {
        Path source = from.toAbsolutePath().normalize();
        Path target = to.toAbsolutePath().normalize();
        if (target.startsWith(source)) {
            if (target.equals(source)) {
                return;
            }
            throw new FileSystemException(from.toString(), to.toString(), "Invalid argument");
        }
        if (!Files.isDirectory(to, NOFOLLOW)) {
            Files.createDirectory(to);
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(from)) {
            listing.forEach(children::add);
        }
        for (Path child : children) {
            Path moved = to.resolve(child.getFileName().toString());
            if (Files.isDirectory(child, NOFOLLOW)) {
                moveDirectory(child, moved);
            } else {
                Files.move(child, moved, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from, NOFOLLOW));
        Files.delete(from);
    }

    @Override
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path entry : listing) {
                names.add(entry.getFileName().toString());
            }
        }
        return names;
    }

    @Override
    public void createDirectory(String name) throws IOException {
        Files.createDirectory(entry(name));
    }

    @Override
    public void createSymbolicLink(String name, String target) throws IOException {
        Files.createSymbolicLink(entry(name), dir.getFileSystem().getPath(target));
    }

    @Override
    public void createLink(String name, DirHandle sourceDir, String sourceName) throws IOException {
        if (!(sourceDir instanceof PathDirHandle source)) {
            throw new FileSystemException(sourceDir.hostPath().toString(), null, "Invalid cross-device link");
        }
        Files.createLink(entry(name), source.entry(sourceName));
    }

    @Override
    public String readSymbolicLink(String name) throws IOException {
        return Files.readSymbolicLink(entry(name)).toString();
    }

    @Override
    public void close() {
        // nothing is held open
    }
}
