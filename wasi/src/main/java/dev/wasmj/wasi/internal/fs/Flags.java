package dev.wasmj.wasi.internal.fs;

/** The WASI preview 1 bit sets and enumerations the file-system layer interprets. */
final class Flags {
    private Flags() {}

    // $oflags
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_EXCL = 4;
    static final int O_TRUNC = 8;

    // $fdflags
    static final int FD_APPEND = 1;
    static final int FD_DSYNC = 2;
    static final int FD_NONBLOCK = 4;
    static final int FD_RSYNC = 8;
    static final int FD_SYNC = 16;
    static final int FD_ALL = FD_APPEND | FD_DSYNC | FD_NONBLOCK | FD_RSYNC | FD_SYNC;
    static final int FD_CHANGEABLE = FD_APPEND | FD_NONBLOCK;

    // $fstflags
    static final int ATIM = 1;
    static final int ATIM_NOW = 2;
    static final int MTIM = 4;
    static final int MTIM_NOW = 8;

    // $whence
    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    /** The largest valid {@code $advice} (NORMAL=0 .. NOREUSE=5). */
    static final int ADVICE_MAX = 5;

    static boolean has(int set, int flag) {
        return (set & flag) != 0;
    }
}
