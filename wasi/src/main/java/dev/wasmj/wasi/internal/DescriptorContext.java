package dev.wasmj.wasi.internal;

import java.nio.channels.SelectableChannel;

/** What descriptors need from their context while they block. */
public interface DescriptorContext {
    /** Flushes buffered stdout and stderr: called before anything that may block. */
    void beforeBlocking();

    /**
     * Waits until {@code channel} (non-blocking, as every socket here is) is ready for one of
     * {@code ops} ({@link java.nio.channels.SelectionKey} bits). {@code EINTR} if the thread is
     * interrupted.
     */
    void await(SelectableChannel channel, int ops) throws ErrnoException;
}
