package dev.wasmj.wasi.internal.fs;

import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The access and modification times {@code $fstflags} asks to set; {@code null} for a time to
 * leave alone. ATIM with ATIM_NOW (or MTIM with MTIM_NOW) is {@code EINVAL}, as are unknown bits.
 */
record FileTimes(FileTime lastAccess, FileTime lastModified) {

    static FileTimes of(long atim, long mtim, int fstflags) throws ErrnoException {
        if ((fstflags & ~(Flags.ATIM | Flags.ATIM_NOW | Flags.MTIM | Flags.MTIM_NOW)) != 0) {
            throw new ErrnoException(Errno.INVAL, "unknown fstflags " + fstflags);
        }
        if (Flags.has(fstflags, Flags.ATIM) && Flags.has(fstflags, Flags.ATIM_NOW)
                || Flags.has(fstflags, Flags.MTIM) && Flags.has(fstflags, Flags.MTIM_NOW)) {
            throw new ErrnoException(Errno.INVAL, "a time and its _NOW flag together");
        }
        FileTime now = FileTime.from(Instant.now());
        return new FileTimes(
                pick(fstflags, Flags.ATIM, Flags.ATIM_NOW, atim, now),
                pick(fstflags, Flags.MTIM, Flags.MTIM_NOW, mtim, now));
    }

    private static FileTime pick(int fstflags, int given, int now, long nanos, FileTime current) {
        if (Flags.has(fstflags, given)) {
            return Stats.fileTime(nanos);
        }
        return Flags.has(fstflags, now) ? current : null;
    }

    boolean changesNothing() {
        return lastAccess == null && lastModified == null;
    }
}
