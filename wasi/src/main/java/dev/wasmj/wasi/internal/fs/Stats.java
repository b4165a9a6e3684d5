package dev.wasmj.wasi.internal.fs;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link Filestat}s and inode numbers from what a provider offers: the {@code unix} view
 * where there is one (Linux, Jimfs), else the {@code fileKey} (Linux's prints as
 * {@code (dev=...,ino=...)}; Jimfs's is a number), else a stable hash of the host path (zip).
 */
final class Stats {
    private Stats() {}

    private static final Pattern UNIX_FILE_KEY = Pattern.compile("\\(dev=([0-9a-f]+),ino=(\\d+)\\)");

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;

    /** The stat of entry {@code name} of {@code dir} whose attributes (read through the handle) are {@code attributes}. */
    static Filestat of(DirHandle dir, String name, BasicFileAttributes attributes) {
        Map<String, Object> unix = dir.unixAttributes(name, attributes);
        Path path = name.equals(".") ? dir.hostPath() : dir.hostPath().resolve(name);
        long mtim = nanos(attributes.lastModifiedTime());
        long atim = attributes.lastAccessTime() == null ? mtim : nanos(attributes.lastAccessTime());
        long ctim = unix.get("ctime") instanceof FileTime ctime ? nanos(ctime) : mtim;
        return new Filestat(
                unix.get("dev") instanceof Number dev ? dev.longValue() : device(dir.fileSystem(), attributes.fileKey()),
                unix.get("ino") instanceof Number ino ? ino.longValue() : inode(path, attributes),
                type(attributes, unix),
                unix.get("nlink") instanceof Number nlink ? nlink.longValue() : 1,
                attributes.size(),
                atim,
                mtim,
                ctim);
    }

    /**
     * What can be said of a file just created whose entry the provider does not show yet (zip
     * publishes an entry when its channel closes): a regular file with times of now.
     */
    static Filestat ofNewFile(DirHandle dir, String name) {
        long now = nanos(FileTime.from(Instant.now()));
        Path path = dir.hostPath().resolve(name);
        return new Filestat(device(dir.fileSystem(), null), hash(path.toAbsolutePath().normalize().toString()),
                FileType.REGULAR_FILE, 1, 0, now, now, now);
    }

    /** The same stat with another size (an open file's channel knows its size best). */
    static Filestat withSize(Filestat stat, long size) {
        return new Filestat(stat.dev(), stat.ino(), stat.type(), stat.nlink(), size, stat.atim(), stat.mtim(), stat.ctim());
    }

    /** The inode number of {@code path} with {@code attributes}, without asking the host again. */
    static long inode(Path path, BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        if (key instanceof Number number) {
            return number.longValue();
        }
        if (key != null) {
            Matcher unixKey = UNIX_FILE_KEY.matcher(key.toString());
            return unixKey.matches() ? Long.parseLong(unixKey.group(2)) : key.hashCode() & 0xFFFF_FFFFL;
        }
        return hash(path.toAbsolutePath().normalize().toString());
    }

    private static long device(FileSystem fileSystem, Object key) {
        if (key != null) {
            Matcher unixKey = UNIX_FILE_KEY.matcher(key.toString());
            if (unixKey.matches()) {
                return Long.parseUnsignedLong(unixKey.group(1), 16);
            }
        }
        return hash(fileSystem.provider().getScheme() + ":" + fileSystem) & 0xFFFF_FFFFL;
    }

    /** The WASI file type, telling devices and sockets apart by the unix mode where known. */
    static FileType type(BasicFileAttributes attributes, Map<String, Object> unix) {
        if (attributes.isSymbolicLink()) {
            return FileType.SYMBOLIC_LINK;
        }
        if (attributes.isDirectory()) {
            return FileType.DIRECTORY;
        }
        if (attributes.isRegularFile()) {
            return FileType.REGULAR_FILE;
        }
        if (unix.get("mode") instanceof Number mode) {
            return switch (mode.intValue() & S_IFMT) {
                case S_IFCHR -> FileType.CHARACTER_DEVICE;
                case S_IFBLK -> FileType.BLOCK_DEVICE;
                case S_IFSOCK -> FileType.SOCKET_STREAM;
                default -> FileType.UNKNOWN;
            };
        }
        return FileType.UNKNOWN;
    }

    /** Nanoseconds since the epoch, saturated to the range of a long. */
    static long nanos(FileTime time) {
        Instant instant = time.toInstant();
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException overflow) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A FileTime of {@code nanos} since the epoch. */
    static FileTime fileTime(long nanos) {
        return FileTime.from(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
    }

    /** 64-bit FNV-1a of the UTF-8 text: stable across runs. */
    private static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
