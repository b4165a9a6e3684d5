package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 */
public final class SandboxDir implements Closeable {

    /**
     * Opens {@code root} as a preopen with the given permissions.
     *
     * @throws IOException if {@code root} is not an accessible directory
     */
    public static SandboxDir open(Path root, Set<DirPerms> dirPerms, Set<FilePerms> filePerms) throws IOException {
        throw new UnsupportedOperationException("not yet implemented: SandboxDir.open");
    }

    public Set<DirPerms> dirPerms() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Set<FilePerms> filePerms() {
        throw new UnsupportedOperationException("not yet implemented");
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
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_filestat_get} on this directory. */
    public Filestat stat() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_filestat_get}. */
    public Filestat stat(String path, boolean follow) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_filestat_set_times} on this directory. */
    public void setTimes(long atim, long mtim, int fstflags) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_filestat_set_times}. */
    public void setTimes(String path, boolean follow, long atim, long mtim, int fstflags) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_create_directory}. */
    public void createDirectory(String path) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_remove_directory}: ENOTEMPTY if not empty, ENOTDIR if not a directory. */
    public void removeDirectory(String path) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_unlink_file}: EISDIR for a directory. */
    public void unlinkFile(String path) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_rename}, possibly into another directory of the same or another preopen. */
    public void rename(String from, SandboxDir toDir, String to) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_link}: a hard link (ENOTSUP where the file system has none). */
    public void link(String from, boolean follow, SandboxDir toDir, String to) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_symlink}: creates {@code linkPath} pointing at {@code target} (stored as given; never followed outside). */
    public void symlink(String target, String linkPath) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code path_readlink}: the link's target as UTF-8 bytes. */
    public byte[] readlink(String path) throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * {@code fd_readdir}: the entries of this directory, {@code .} and {@code ..} first, then the
     * others in a stable order (the same list on every call while the directory is unchanged, so
     * cookies = positions in it stay meaningful).
     */
    public List<DirEntry> entries() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** {@code fd_sync}/{@code fd_datasync} on a directory. */
    public void sync() throws ErrnoException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
