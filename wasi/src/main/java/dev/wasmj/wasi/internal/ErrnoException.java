package dev.wasmj.wasi.internal;

/** A WASI function's failure with an error number: caught at the ABI boundary and returned to the guest. */
public final class ErrnoException extends Exception {
    private final Errno errno;

    public ErrnoException(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }

    public ErrnoException(Errno errno, String detail) {
        super(errno.name() + ": " + detail, null, false, false);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
