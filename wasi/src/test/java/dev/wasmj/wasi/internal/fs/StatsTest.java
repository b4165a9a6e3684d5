package dev.wasmj.wasi.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Times in nanoseconds and inode numbers from what providers give. */
class StatsTest {

    @Test
    void convertsTimesToNanosecondsAndBack() {
        FileTime time = FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_789));
        assertThat(Stats.nanos(time)).isEqualTo(1_600_000_000_123_456_789L);
        assertThat(Stats.fileTime(1_600_000_000_123_456_789L)).isEqualTo(time);
        assertThat(Stats.fileTime(-1).toInstant()).isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));
        assertThat(Stats.nanos(FileTime.from(Instant.MAX))).isEqualTo(Long.MAX_VALUE);
        assertThat(Stats.nanos(FileTime.from(Instant.MIN))).isEqualTo(Long.MIN_VALUE);
    }

    private static BasicFileAttributes withKey(Object key) {
        return new BasicFileAttributes() {
            public FileTime lastModifiedTime() { return FileTime.fromMillis(0); }
            public FileTime lastAccessTime() { return FileTime.fromMillis(0); }
            public FileTime creationTime() { return FileTime.fromMillis(0); }
            public boolean isRegularFile() { return true; }
            public boolean isDirectory() { return false; }
            public boolean isSymbolicLink() { return false; }
            public boolean isOther() { return false; }
            public long size() { return 0; }
            public Object fileKey() { return key; }
        };
    }

    @Test
    void takesInodeNumbersFromFileKeys() {
        Path path = Path.of("/some/file");
        assertThat(Stats.inode(path, withKey(42))).isEqualTo(42);
        assertThat(Stats.inode(path, withKey(new Object() {
            @Override
            public String toString() {
                return "(dev=803,ino=1234567)";
            }
        }))).isEqualTo(1234567);
        // no key (zip): a stable hash of the path, different for different paths
        assertThat(Stats.inode(path, withKey(null)))
                .isEqualTo(Stats.inode(Path.of("/some/./file"), withKey(null)))
                .isNotEqualTo(Stats.inode(Path.of("/some/other"), withKey(null)));
    }

    @Test
    void tellsDevicesAndSocketsApartByTheUnixMode() {
        BasicFileAttributes other = new BasicFileAttributes() {
            public FileTime lastModifiedTime() { return FileTime.fromMillis(0); }
            public FileTime lastAccessTime() { return FileTime.fromMillis(0); }
            public FileTime creationTime() { return FileTime.fromMillis(0); }
            public boolean isRegularFile() { return false; }
            public boolean isDirectory() { return false; }
            public boolean isSymbolicLink() { return false; }
            public boolean isOther() { return true; }
            public long size() { return 0; }
            public Object fileKey() { return null; }
        };
        assertThat(Stats.type(other, Map.of("mode", 0020666))).isEqualTo(FileType.CHARACTER_DEVICE);
        assertThat(Stats.type(other, Map.of("mode", 0060660))).isEqualTo(FileType.BLOCK_DEVICE);
        assertThat(Stats.type(other, Map.of("mode", 0140755))).isEqualTo(FileType.SOCKET_STREAM);
        assertThat(Stats.type(other, Map.of("mode", 0010644))).isEqualTo(FileType.UNKNOWN);
        assertThat(Stats.type(other, Map.of())).isEqualTo(FileType.UNKNOWN);
    }
}
