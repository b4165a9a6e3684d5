package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An open directory inside a preopen: the capability every {@code path_*} function works
 * relative to. Every path is resolved inside the preopen's root: {@code ..} above the root,
 * absolute paths and symbolic links that lead outside fail with {@code ENOTCAPABLE} (or
 * {@code EPERM}/{@code ENOENT}/{@code ELOOP} as WASI implementations do), and a symbolic link
 * swapped in between check and use cannot redirect an operation outside. Permissions
 * ({@link DirPerms}, {@link FilePerms}) are the preopen's and apply below it.
 *
 * <p>Guest paths are Java strings (the ABI layer decodes the guest's UTF-8 and rejects
 * malformed names with {@code EILSEQ}). Failures throw {@link ErrnoException} with the errno a
 * POSIX system would give (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EACCES/EPERM for missing
 * permissions, ...): never an unchecked exception. Times are nanoseconds since the epoch;
 * {@code fstflags} is WASI's {@code $fstflags} bit set (ATIM=1, ATIM_NOW=2, MTIM=4, MTIM_NOW=8).
 * {@code oflags} is WASI's {@code $oflags} (CREAT=1, DIRECTORY=2, EXCL=4, TRUNC=8),
 * {@code fdflags} WASI's {@code $fdflags} (APPEND=1, DSYNC=2, NONBLOCK=4, RSYNC=8, SYNC=16).
 *
 * <p>Precisely (see {@code docs/wasi-sandbox.md}): a path is resolved relative to this
 * directory and {@code ..} may not climb above it (Wasmtime's rule; for the preopen itself that
 * is the preopen's root). A missing permission is {@code EPERM}, as in Wasmtime.
 */
public final class SandboxDir implements Closeable {
    private final DirHandle handle;
    private final Set<DirPerms> dirPerms;
    private final Set<FilePerms> filePerms;
    private final PreopenRoot root;
    private volatile boolean closed;

    private SandboxDir(DirHandle handle, Set<DirPerms> dirPerms, Set<FilePerms> filePerms, PreopenRoot root) {
        this.handle = handle;
        this.dirPerms = dirPerms;
        this.filePerms = filePerms;
        this.root = root;
    }

    /**
     * Opens {@code root} as a preopen with the given permissions.
     *
     * @throws IOException if {@code root} is not an accessible directory
     */
    public static SandboxDir open(Path root, Set<DirPerms> dirPerms, Set<FilePerms> filePerms) throws IOException {
        root = root.toAbsolutePath(); // path-based fallbacks must not depend on a later working directory
        Set<DirPerms> dirs = dirPerms.isEmpty() ? EnumSet.noneOf(DirPerms.class) : EnumSet.copyOf(dirPerms);
        Set<FilePerms> files = filePerms.isEmpty() ? EnumSet.noneOf(FilePerms.class) : EnumSet.copyOf(filePerms);
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        DirHandle handle;
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(root);
            if (stream instanceof SecureDirectoryStream<Path> secure) {
                handle = new SecureDirHandle(secure, root);
            } else {
                stream.close();
                handle = new PathDirHandle(root);
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot open " + root + ": " + e, e);
        }
        PreopenRoot preopenRoot;
        try {
            preopenRoot = new PreopenRoot(handle.stat(".").fileKey(), root.normalize());
        } catch (IOException | RuntimeException e) {
            handle.close();
            throw e;
        }
        return new SandboxDir(handle, Set.copyOf(dirs), Set.copyOf(files), preopenRoot);
    }

    /** What the preopen allows on directories, the same for every directory below it. */
    public Set<DirPerms> dirPerms() {
        return dirPerms;
    }

    /** What the preopen allows on files below it. */
    public Set<FilePerms> filePerms() {
        return filePerms;
    }

    /**
     * {@code path_open}: opens {@code path} relative to this directory. Returns a
     * {@link SandboxDir} for a directory (always when {@code oflags} has DIRECTORY, which fails
     * with ENOTDIR on anything else) or a {@link SandboxFile}. {@code follow}: whether a final
     * symbolic link is followed (lookupflags SYMLINK_FOLLOW); if not, opening a symlink fails
     * with ELOOP. {@code read}/{@code write}: the access wanted (write needs
     * {@link FilePerms#WRITE}; CREAT/TRUNC need write access; EISDIR for writing a directory).
     */
    public Closeable open(String path, boolean follow, int oflags, int fdflags, boolean read, boolean write)
            throws ErrnoException {
        checkOpen();
        require(DirPerms.READ);
        boolean create = Flags.has(oflags, Flags.O_CREAT);
        boolean directory = Flags.has(oflags, Flags.O_DIRECTORY);
        boolean exclusive = Flags.has(oflags, Flags.O_EXCL);
        boolean truncate = Flags.has(oflags, Flags.O_TRUNC);
        if ((oflags & ~(Flags.O_CREAT | Flags.O_DIRECTORY | Flags.O_EXCL | Flags.O_TRUNC)) != 0
                || (fdflags & ~Flags.FD_ALL) != 0) {
            throw new ErrnoException(Errno.INVAL, "unknown oflags or fdflags");
        }
        if (directory && create) {
            throw new ErrnoException(Errno.INVAL, "CREAT with DIRECTORY");
        }
        if (create) {
            require(DirPerms.MUTATE);
        }
        // O_CREAT|O_EXCL never follows a final link, as in POSIX: a dangling link is EEXIST
        boolean followFinal = follow && !(create && exclusive);
        try (PathResolver.Resolved target = PathResolver.resolve(handle, path, followFinal)) {
            BasicFileAttributes attributes = statOrNull(target);
            if (attributes == null) {
                if (!create) {
                    throw new ErrnoException(Errno.NOENT, path);
                }
                if (target.mustBeDirectory()) {
                    throw new ErrnoException(Errno.ISDIR, "cannot create a directory with open: " + path);
                }
                require(FilePerms.WRITE);
                if (read) {
                    require(FilePerms.READ);
                }
                Set<OpenOption> options = fileOptions(read, true, false, fdflags);
                options.add(StandardOpenOption.CREATE_NEW);
                return openFile(target, options, read, write, fdflags);
            }
            if (create && exclusive) {
                throw new ErrnoException(Errno.EXIST, path);
            }
            if (attributes.isSymbolicLink()) {
                throw new ErrnoException(Errno.LOOP, "symbolic link opened without following: " + path);
            }
            if (attributes.isDirectory()) {
                if (write || truncate) {
                    throw new ErrnoException(Errno.ISDIR, path);
                }
                DirHandle opened = target.namesDirectoryItself()
                        ? target.takeDir()
                        : IoErrors.call(() -> target.dir().openDirectory(target.name()));
                return new SandboxDir(opened, dirPerms, filePerms, root);
            }
            if (directory || target.mustBeDirectory()) {
                throw new ErrnoException(Errno.NOTDIR, path);
            }
            if (read) {
                require(FilePerms.READ);
            }
            if (write || truncate) {
                require(FilePerms.WRITE);
            }
            return openFile(target, fileOptions(read, write || truncate, truncate, fdflags), read, write, fdflags);
        }
    }

    private static Set<OpenOption> fileOptions(boolean read, boolean write, boolean truncate, int fdflags) {
        Set<OpenOption> options = new HashSet<>();
        if (read || !write) {
            options.add(StandardOpenOption.READ);
        }
        if (write) {
            options.add(StandardOpenOption.WRITE);
            if (truncate) {
                options.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
            if (Flags.has(fdflags, Flags.FD_SYNC) || Flags.has(fdflags, Flags.FD_RSYNC)) {
                options.add(StandardOpenOption.SYNC);
            } else if (Flags.has(fdflags, Flags.FD_DSYNC)) {
                options.add(StandardOpenOption.DSYNC);
            }
        }
        return options;
    }

    private SandboxFile openFile(PathResolver.Resolved target, Set<OpenOption> options, boolean read, boolean write,
                                 int fdflags) throws ErrnoException {
        String name = target.name();
        SeekableByteChannel channel = IoErrors.call(() -> target.dir().openFile(name, options));
        DirHandle parent = null;
        try {
            parent = target.takeDir();
            DirHandle dir = parent;
            BasicFileAttributes attributes = dir.statOrNull(name);
            Filestat snapshot = attributes == null ? Stats.ofNewFile(dir, name) : Stats.of(dir, name, attributes);
            Object fileKey = attributes == null ? null : attributes.fileKey();
            return new SandboxFile(channel, dir, name, fileKey, snapshot, read, write, fdflags, filePerms,
                    ZeroFillLimit.of(dir));
        } catch (ErrnoException | RuntimeException | Error e) {
            closeQuietly(channel);
            if (parent != null) {
                parent.close();
            }
            throw e;
        }
    }

    /** {@code fd_filestat_get} on this directory. */
    public Filestat stat() throws ErrnoException {
        checkOpen();
        BasicFileAttributes attributes = IoErrors.call(() -> handle.stat("."));
        return Stats.of(handle, ".", attributes);
    }

    /** {@code path_filestat_get}. */
    public Filestat stat(String path, boolean follow) throws ErrnoException {
        checkOpen();
        require(DirPerms.READ);
        try (PathResolver.Resolved target = PathResolver.resolve(handle, path, follow)) {
            BasicFileAttributes attributes = existing(target, path);
            return Stats.of(target.dir(), target.name(), attributes);
        }
    }

    /** {@code fd_filestat_set_times} on this directory. */
    public void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        checkOpen();
        require(DirPerms.MUTATE);
        FileTimes times = FileTimes.of(atim, mtim, fstflags);
        if (!times.changesNothing()) {
            IoErrors.run(() -> handle.setTimes(".", times.lastModified(), times.lastAccess()));
        }
    }

    /** {@code path_filestat_set_times}. */
    public void setTimes(String path, boolean follow, long atim, long mtim, int fstflags) throws ErrnoException {
        checkOpen();
        require(DirPerms.MUTATE);
        FileTimes times = FileTimes.of(atim, mtim, fstflags);
        try (PathResolver.Resolved target = PathResolver.resolve(handle, path, follow)) {
            BasicFileAttributes attributes = existing(target, path);
            if (times.changesNothing()) {
                return;
            }
            try {
                target.dir().setTimes(target.name(), times.lastModified(), times.lastAccess());
            } catch (Exception e) {
                if (attributes.isSymbolicLink()) {
                    // Linux's provider sets times through an O_NOFOLLOW open, which a link refuses
                    throw new ErrnoException(Errno.NOTSUP, "setting the times of a symbolic link itself: " + path);
                }
                throw IoErrors.translate(e);
            }
        }
    }

    /** {@code path_create_directory}. */
    public void createDirectory(String path) throws ErrnoException {
        checkOpen();
        require(DirPerms.MUTATE);
        try (PathResolver.Resolved target = PathResolver.resolve(handle, path, false)) {
            if (target.namesDirectoryItself()) {
                throw new ErrnoException(Errno.EXIST, path);
            }
            IoErrors.run(() -> target.dir().createDirectory(target.name()));
        }
    }

    /** {@code path_remove_directory}: ENOTEMPTY if not empty, ENOTDIR if not a directory. */
    public void removeDirectory(String path) throws ErrnoException {
        checkOpen();
        require(DirPerms.MUTATE);
        try (PathResolver.Resolved target = PathResolver.resolve(handle, path, false)) {
            if (target.namesDirectoryItself()) {
                throw new ErrnoException(Errno.INVAL, "cannot remove '.': " + path);
            }
            BasicFileAttributes attributes = existing(target, path);
            if (!attributes.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR, path);
            }
            IoErrors.run(() -> target.dir().deleteDirectory(target.name()));
        }
    }

    /** {@code path_unlink_file}: EISDIR for a directory. */
    public void unlinkFile(String path) throws ErrnoException {
        checkOpen();
        require(DirPerms.MUTATE);
        try (PathResolver.Resolved target = PathResolver.resolve(handle, path, false)) {
            if (target.namesDirectoryItself()) {
                throw new ErrnoException(Errno.ISDIR, path);
            }
            BasicFileAttributes attributes = existing(target, path);
            if (attributes.isDirectory()) {
                throw new ErrnoException(Errno.ISDIR, path);
            }
            IoErrors.run(() -> target.dir().deleteFile(target.name()));
        }
    }

    /** {@code path_rename}, possibly into another directory of the same or another preopen. */
    public void rename(String from, SandboxDir toDir, String to) throws ErrnoException {
        checkOpen();
        toDir.checkOpen();
        require(DirPerms.MUTATE);
        toDir.require(DirPerms.MUTATE);
        if (!sameFileSystem(toDir)) {
            throw new ErrnoException(Errno.XDEV, "rename between file systems");
        }
        try (PathResolver.Resolved source = PathResolver.resolve(handle, from, false);
             PathResolver.Resolved target = PathResolver.resolve(toDir.handle, to, false)) {
            if (source.namesDirectoryItself() || target.namesDirectoryItself()) {
                throw new ErrnoException(Errno.BUSY, "cannot rename '.' or '..'");
            }
            BasicFileAttributes moving = existing(source, from);
            BasicFileAttributes replaced = statOrNull(target);
            if (replaced != null) {
                checkReplaceable(moving, replaced, target, to);
                if (moving.fileKey() != null && moving.fileKey().equals(replaced.fileKey())) {
                    return; // the same file: POSIX says do nothing
                }
            } else if (target.mustBeDirectory() && !moving.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR, to);
            }
            move(source, target, replaced);
        }
    }

    private static void checkReplaceable(BasicFileAttributes moving, BasicFileAttributes replaced,
                                         PathResolver.Resolved target, String to) throws ErrnoException {
        if (moving.isDirectory()) {
            if (!replaced.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR, to);
            }
            List<String> names = IoErrors.call(() -> {
                try (DirHandle dir = target.dir().openDirectory(target.name())) {
                    return dir.list();
                }
            });
            if (!names.isEmpty()) {
                throw new ErrnoException(Errno.NOTEMPTY, to);
            }
        } else if (replaced.isDirectory()) {
            throw new ErrnoException(Errno.ISDIR, to);
        } else if (target.mustBeDirectory()) {
            throw new ErrnoException(Errno.NOTDIR, to);
        }
    }

    private static void move(PathResolver.Resolved source, PathResolver.Resolved target, BasicFileAttributes replaced)
            throws ErrnoException {
        try {
            source.dir().move(source.name(), target.dir(), target.name());
        } catch (FileAlreadyExistsException refusedToReplace) {
            if (replaced == null) {
                throw IoErrors.translate(refusedToReplace);
            }
            // a provider that will not replace (checked replaceable above): remove, then move
            IoErrors.run(() -> {
                if (replaced.isDirectory()) {
                    target.dir().deleteDirectory(target.name());
                } else {
                    target.dir().deleteFile(target.name());
                }
                source.dir().move(source.name(), target.dir(), target.name());
            });
        } catch (Exception e) {
            throw IoErrors.translate(e);
        }
    }

    /** {@code path_link}: a hard link (ENOTSUP where the file system has none). */
    public void link(String from, boolean follow, SandboxDir toDir, String to) throws ErrnoException {
        checkOpen();
        toDir.checkOpen();
        require(DirPerms.READ);
        toDir.require(DirPerms.MUTATE);
        if (!sameFileSystem(toDir)) {
            throw new ErrnoException(Errno.XDEV, "link between file systems");
        }
        try (PathResolver.Resolved source = PathResolver.resolve(handle, from, follow);
             PathResolver.Resolved target = PathResolver.resolve(toDir.handle, to, false)) {
            BasicFileAttributes linked = existing(source, from);
            if (source.namesDirectoryItself() || linked.isDirectory()) {
                throw new ErrnoException(Errno.PERM, "hard link to a directory: " + from);
            }
            if (target.namesDirectoryItself() || statOrNull(target) != null) {
                throw new ErrnoException(Errno.EXIST, to);
            }
            if (target.mustBeDirectory()) {
                throw new ErrnoException(Errno.NOENT, to);
            }
            IoErrors.run(() -> target.dir().createLink(target.name(), source.dir(), source.name()));
        }
    }

    /**
     * {@code path_symlink}: creates {@code linkPath} pointing at {@code target} (stored as given;
     * never followed outside). An absolute {@code target} is refused with ENOTCAPABLE: it could
     * never be followed inside the sandbox.
     */
    public void symlink(String target, String linkPath) throws ErrnoException {
        checkOpen();
        require(DirPerms.MUTATE);
        PathResolver.checkRelative(target, "symbolic link target");
        try (PathResolver.Resolved link = PathResolver.resolve(handle, linkPath, false)) {
            if (link.namesDirectoryItself() || statOrNull(link) != null) {
                throw new ErrnoException(Errno.EXIST, linkPath);
            }
            if (link.mustBeDirectory()) {
                throw new ErrnoException(Errno.NOENT, linkPath);
            }
            IoErrors.run(() -> link.dir().createSymbolicLink(link.name(), target));
        }
    }

    /** {@code path_readlink}: the link's target as UTF-8 bytes. */
    public byte[] readlink(String path) throws ErrnoException {
        checkOpen();
        require(DirPerms.READ);
        try (PathResolver.Resolved link = PathResolver.resolve(handle, path, false)) {
            if (link.namesDirectoryItself()) {
                throw new ErrnoException(Errno.INVAL, "not a symbolic link: " + path);
            }
            BasicFileAttributes attributes = existing(link, path);
            if (!attributes.isSymbolicLink()) {
                throw new ErrnoException(Errno.INVAL, "not a symbolic link: " + path);
            }
            String target = IoErrors.call(() -> link.dir().readSymbolicLink(link.name()));
            return target.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * {@code fd_readdir}: the entries of this directory, {@code .} and {@code ..} first, then the
     * others in a stable order (the same list on every call while the directory is unchanged, so
     * cookies = positions in it stay meaningful). The order is by name, as unsigned UTF-8 bytes;
     * {@code ..} of a preopen's root describes the root itself.
     */
    public List<DirEntry> entries() throws ErrnoException {
        checkOpen();
        require(DirPerms.READ);
        record Named(String name, byte[] bytes) {}
        List<Named> names = new ArrayList<>();
        for (String name : IoErrors.call(handle::list)) {
            names.add(new Named(name, name.getBytes(StandardCharsets.UTF_8)));
        }
        names.sort((a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes()));
        List<DirEntry> entries = new ArrayList<>(names.size() + 2);
        BasicFileAttributes self = IoErrors.call(() -> handle.stat("."));
        long selfInode = Stats.inode(handle.hostPath(), self);
        entries.add(new DirEntry(new byte[] {'.'}, selfInode, FileType.DIRECTORY));
        long parentInode = root.is(handle, self) ? selfInode : parentInode(selfInode);
        entries.add(new DirEntry(new byte[] {'.', '.'}, parentInode, FileType.DIRECTORY));
        for (Named named : names) {
            BasicFileAttributes attributes;
            try {
                attributes = handle.stat(named.name());
            } catch (NoSuchFileException vanished) {
                continue; // removed since listed
            } catch (Exception e) {
                throw IoErrors.translate(e);
            }
            Path path = handle.hostPath().resolve(named.name());
            entries.add(new DirEntry(named.bytes(), Stats.inode(path, attributes), Stats.type(attributes, Map.of())));
        }
        return entries;
    }

    /**
     * The preopen's root directory, recognised by its file key (or, on providers without keys,
     * its path): readdir reports its {@code ..} as itself, however the guest reached it.
     */
    private record PreopenRoot(Object fileKey, Path path) {
        boolean is(DirHandle dir, BasicFileAttributes attributes) {
            return fileKey != null
                    ? fileKey.equals(attributes.fileKey())
                    : path.equals(dir.hostPath().toAbsolutePath().normalize());
        }
    }

    private long parentInode(long fallback) {
        try {
            return Stats.inode(handle.hostPath().resolve(".."), handle.stat(".."));
        } catch (Exception e) {
            return fallback;
        }
    }

    /** {@code fd_sync}/{@code fd_datasync} on a directory: flushes it where the provider can open a directory as a channel. */
    public void sync() throws ErrnoException {
        checkOpen();
        SeekableByteChannel channel;
        try {
            channel = handle.openFile(".", Set.of(StandardOpenOption.READ));
        } catch (Exception cannotOpenDirectory) {
            return; // such providers (Jimfs, zip) have nothing a directory sync could flush
        }
        try (SeekableByteChannel open = channel) {
            if (open instanceof FileChannel fileChannel) {
                fileChannel.force(true);
            }
        } catch (Exception e) {
            throw IoErrors.translate(e);
        }
    }

    /** Closes the directory handle; idempotent. Later calls fail with EBADF. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            handle.close();
        }
    }

    private void checkOpen() throws ErrnoException {
        if (closed) {
            throw new ErrnoException(Errno.BADF, "directory closed");
        }
    }

    private void require(DirPerms perm) throws ErrnoException {
        if (!dirPerms.contains(perm)) {
            throw new ErrnoException(Errno.PERM, "the preopen does not allow " + perm);
        }
    }

    private void require(FilePerms perm) throws ErrnoException {
        if (!filePerms.contains(perm)) {
            throw new ErrnoException(Errno.PERM, "the preopen does not allow " + perm + " of files");
        }
    }

    private boolean sameFileSystem(SandboxDir other) {
        return handle.fileSystem().equals(other.handle.fileSystem());
    }

    /** The attributes of the resolved entry, or null if it does not exist. */
    private static BasicFileAttributes statOrNull(PathResolver.Resolved target) throws ErrnoException {
        return target.dir().statOrNull(target.name());
    }

    /** The attributes of the resolved entry: ENOENT if missing, ENOTDIR if a trailing slash named a non-directory. */
    private static BasicFileAttributes existing(PathResolver.Resolved target, String path) throws ErrnoException {
        BasicFileAttributes attributes = statOrNull(target);
        if (attributes == null) {
            throw new ErrnoException(Errno.NOENT, path);
        }
        if (target.mustBeDirectory() && !attributes.isDirectory()) {
            throw new ErrnoException(Errno.NOTDIR, path);
        }
        return attributes;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing: the first failure is the one to report
        }
    }
}
