package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.FileType;
import java.io.IOException;

/**
 * Standard output or error: a write-only stream over a buffered {@link OutputSink}. Its flags
 * (APPEND, NONBLOCK) are recorded but change nothing: writes to a buffer never block.
 */
public final class OutputDescriptor extends Descriptor {
    private final OutputSink sink;
    private final FileType type;

    public OutputDescriptor(OutputSink sink, FileType type) {
        super(Rights.STDOUT, 0);
        this.sink = sink;
        this.type = type;
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public FileType type() {
        return type;
    }

    @Override
    public boolean isStream() {
        return true;
    }

    @Override
    public long write(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        long total = 0;
        try {
            var memory = iovs.segment();
            for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
                int length = (int) Math.min(iovs.length(i), Iovecs.MAX_TRANSFER - total);
                total += sink.write(memory, iovs.offset(i), length);
            }
        } catch (IOException e) {
            return IoErrors.afterPartialTransfer(total, e);
        }
        return total;
    }

    /** Flushes the buffer to the target. */
    @Override
    public void sync() throws ErrnoException {
        try {
            sink.flush();
        } catch (IOException e) {
            throw IoErrors.errno(e);
        }
    }

    @Override
    public void close() {
        IoErrors.closeQuietly(sink);
    }
}
