package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path relative to an open directory (the base), one component at a time,
 * holding an open handle for every directory on the way. {@code ..} closes the innermost handle
 * and may not climb above the base ({@code ENOTCAPABLE}); absolute paths are refused
 * ({@code ENOTCAPABLE}). Symbolic links are read and followed here, never by the host: a
 * relative target continues from the link's directory under the same rules, an absolute target
 * is {@code ENOTCAPABLE}, more than {@link #MAX_SYMLINKS} links in one resolution is
 * {@code ELOOP}. Every directory is opened without following links, so a component swapped for
 * a link between the check and the open fails instead of leading elsewhere.
 */
final class PathResolver {
    /** Links followed in one resolution before giving up with ELOOP (Linux's MAXSYMLINKS). */
    static final int MAX_SYMLINKS = 40;

    /** The longest path accepted, in UTF-8 bytes (Linux's PATH_MAX); longer is ENAMETOOLONG. */
    static final int MAX_PATH_BYTES = 4096;

    /**
     * How deep below the base a resolution may hold directories open at once (ENAMETOOLONG
     * beyond): each is a host descriptor or two, and a guest must not exhaust the host's.
     */
    static final int MAX_DEPTH = 256;

    private PathResolver() {}

    /**
     * Where a path led: the open directory {@link #dir()} that holds the final component
     * {@link #name()} ({@code "."} when the path names that directory itself). The entry need not
     * exist. Closing releases the handles opened on the way (never the base).
     */
    static final class Resolved implements AutoCloseable {
        private final DirHandle base;
        private final Deque<DirHandle> opened;
        private final String name;
        private final boolean mustBeDirectory;

        private Resolved(DirHandle base, Deque<DirHandle> opened, String name, boolean mustBeDirectory) {
            this.base = base;
            this.opened = opened;
            this.name = name;
            this.mustBeDirectory = mustBeDirectory;
        }

        /** The directory holding the final component. */
        DirHandle dir() {
            return opened.isEmpty() ? base : opened.peek();
        }

        /** The final component: one name, or {@code "."} for {@link #dir()} itself. */
        String name() {
            return name;
        }

        boolean namesDirectoryItself() {
            return name.equals(".");
        }

        /** Whether the path ended in {@code /} (or a link target did): the entry must be a directory. */
        boolean mustBeDirectory() {
            return mustBeDirectory;
        }

        /** Hands {@link #dir()} to the caller, who must close it: the walk's own handle, or a new one on the base. */
        DirHandle takeDir() throws ErrnoException {
            if (!opened.isEmpty()) {
                return opened.pop();
            }
            return IoErrors.call(() -> base.openDirectory("."));
        }

        @Override
        public void close() {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        }
    }

    /**
     * Refuses a guest's path that can name nothing inside the sandbox: empty (ENOENT), with a NUL
     * (EINVAL) or absolute (ENOTCAPABLE). {@code what} names it in the message ("path",
     * "symbolic link target").
     */
    static void checkRelative(String path, String what) throws ErrnoException {
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.NOENT, "empty " + what);
        }
        if (path.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.INVAL, "NUL in " + what);
        }
        if (path.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE, "absolute " + what + ": " + path);
        }
    }

    /**
     * Resolves {@code path} relative to {@code base}. {@code followFinal}: follow a symbolic link
     * in the final component too (a trailing {@code /} always does).
     */
    static Resolved resolve(DirHandle base, String path, boolean followFinal) throws ErrnoException {
        checkRelative(path, "path");
        if (path.length() > MAX_PATH_BYTES / 4 && path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new ErrnoException(Errno.NAMETOOLONG, "path longer than " + MAX_PATH_BYTES + " bytes");
        }
        Deque<String> pending = new ArrayDeque<>(components(path));
        boolean mustBeDirectory = namesADirectory(path);
        Deque<DirHandle> opened = new ArrayDeque<>();
        Resolved result = new Resolved(base, opened, ".", mustBeDirectory);
        try {
            int links = 0;
            while (!pending.isEmpty()) {
                String component = pending.removeFirst();
                if (component.equals("..")) {
                    if (opened.isEmpty()) {
                        throw new ErrnoException(Errno.NOTCAPABLE, "'..' leaves the directory: " + path);
                    }
                    opened.pop().close();
                    continue;
                }
                checkComponent(base, component);
                boolean last = pending.isEmpty();
                DirHandle dir = opened.isEmpty() ? base : opened.peek();
                if (last && !followFinal && !mustBeDirectory) {
                    return new Resolved(base, opened, component, false);
                }
                BasicFileAttributes attributes = dir.statOrNull(component);
                if (attributes == null) {
                    if (last) {
                        return new Resolved(base, opened, component, mustBeDirectory);
                    }
                    throw new ErrnoException(Errno.NOENT, path);
                }
                if (attributes.isSymbolicLink()) {
                    if (++links > MAX_SYMLINKS) {
                        throw new ErrnoException(Errno.LOOP, path);
                    }
                    String target = IoErrors.call(() -> dir.readSymbolicLink(component));
                    if (target.isEmpty()) {
                        throw new ErrnoException(Errno.NOENT, "empty symbolic link: " + component);
                    }
                    if (target.startsWith("/")) {
                        throw new ErrnoException(Errno.NOTCAPABLE, "symbolic link to an absolute path: " + component);
                    }
                    if (last && namesADirectory(target)) {
                        mustBeDirectory = true;
                    }
                    List<String> expansion = components(target);
                    for (int i = expansion.size() - 1; i >= 0; i--) {
                        pending.addFirst(expansion.get(i));
                    }
                    continue;
                }
                if (last) {
                    return new Resolved(base, opened, component, mustBeDirectory);
                }
                if (!attributes.isDirectory()) {
                    throw new ErrnoException(Errno.NOTDIR, component + " in " + path);
                }
                if (opened.size() >= MAX_DEPTH) {
                    throw new ErrnoException(Errno.NAMETOOLONG, "more than " + MAX_DEPTH + " directories deep: " + path);
                }
                opened.push(IoErrors.call(() -> dir.openDirectory(component)));
            }
            return new Resolved(base, opened, ".", mustBeDirectory);
        } catch (ErrnoException | RuntimeException | Error e) {
            result.close();
            throw e;
        }
    }

    /**
     * Refuses a name the provider would not take as exactly one component: zip, for one, reads a
     * backslash as a separator, so {@code ..\\x} would otherwise climb. Such names are
     * {@code EILSEQ}, as for names the host cannot encode.
     */
    private static void checkComponent(DirHandle dir, String name) throws ErrnoException {
        Path path;
        try {
            path = dir.fileSystem().getPath(name);
        } catch (RuntimeException e) {
            throw new ErrnoException(Errno.ILSEQ, "not a valid name here: " + name);
        }
        if (path.isAbsolute() || path.getNameCount() != 1 || !path.toString().equals(name)) {
            throw new ErrnoException(Errno.ILSEQ, "not a single name on this file system: " + name);
        }
    }

    /** Whether {@code path}'s form says it names a directory: a trailing {@code /}, {@code /.} or {@code /..}. */
    static boolean namesADirectory(String path) {
        return path.endsWith("/") || path.equals(".") || path.endsWith("/.") || path.equals("..")
                || path.endsWith("/..");
    }

    /** The components of {@code path} without empty ones and {@code .}. */
    static List<String> components(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }
}
