package dev.wasmj.wasi.internal.fs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Reads the {@code unix} attribute view (device, inode, link count, change time, mode) where
 * the provider has one. The view is only reachable by path, so the result is used only if the
 * path still names the file the caller stat-ed through its handle (equal {@code fileKey}):
 * a swapped path can never make another file's attributes show.
 */
final class UnixAttributes {
    private UnixAttributes() {}

    private static final String NAMES = "unix:dev,ino,nlink,ctime,mode,fileKey";

    /** The unix attributes of {@code path} if it is still the file {@code expected} describes, else an empty map. */
    static Map<String, Object> read(Path path, BasicFileAttributes expected) {
        Object key = expected.fileKey();
        if (key == null || !path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return Map.of();
        }
        try {
            Map<String, Object> attributes = Files.readAttributes(path, NAMES, LinkOption.NOFOLLOW_LINKS);
            return key.equals(attributes.get("fileKey")) ? attributes : Map.of();
        } catch (Exception e) {
            return Map.of();
        }
    }
}
