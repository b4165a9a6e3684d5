package dev.wasmj.wasi;

/** WASI's error numbers as the tests expect them (written from typenames.witx, not from the implementation). */
final class Errnos {
    static final int SUCCESS = 0;
    static final int ACCES = 2;
    static final int AGAIN = 6;
    static final int BADF = 8;
    static final int EXIST = 20;
    static final int FAULT = 21;
    static final int ILSEQ = 25;
    static final int INTR = 27;
    static final int INVAL = 28;
    static final int ISDIR = 31;
    static final int LOOP = 32;
    static final int MFILE = 33;
    static final int NAMETOOLONG = 37;
    static final int NOENT = 44;
    static final int NOSYS = 52;
    static final int NOTCONN = 53;
    static final int NOTDIR = 54;
    static final int NOTEMPTY = 55;
    static final int NOTSOCK = 57;
    static final int PERM = 63;
    static final int SPIPE = 70;
    static final int NOTCAPABLE = 76;

    private Errnos() {}
}
