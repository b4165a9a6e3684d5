package dev.wasmj.wasi;

/**
 * The state of one WASI guest (Wasmtime's {@code WasiCtx}): its descriptor table (stdio,
 * preopened directories, open files, sockets), arguments and environment. Made by
 * {@link WasiConfig#build()}; used by the functions {@link WasiPreview1#addToLinker} defines. One
 * per store. {@link #close()} flushes stdout and stderr and closes every descriptor.
 */
public final class WasiCtx implements AutoCloseable {

    WasiCtx(WasiConfig config) {
        throw new UnsupportedOperationException("not yet implemented: WasiCtx");
    }

    /** Flushes buffered stdout and stderr. */
    public void flush() {
        throw new UnsupportedOperationException("not yet implemented: WasiCtx.flush");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet implemented: WasiCtx.close");
    }
}
