package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.internal.fs.FileType;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Standard input: a read-only stream over an {@link InputSource}. NONBLOCK is honoured: EAGAIN when a read would block. */
public final class InputDescriptor extends Descriptor {
    private final InputSource source;
    private final FileType type;

    public InputDescriptor(InputSource source, FileType type) {
        super(Rights.STDIN, 0);
        this.source = source;
        this.type = type;
    }

    public InputSource source() {
        return source;
    }

    @Override
    public boolean readable() {
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

    /** Fills the buffers in order; returns after the first read that does not fill its buffer, so it blocks at most once. */
    @Override
    public long read(Iovecs iovs, DescriptorContext context) throws ErrnoException {
        long total = 0;
        try {
            if (nonblocking() && !source.ready()) {
                throw new ErrnoException(Errno.AGAIN);
            }
            for (int i = 0; i < iovs.count() && total < Iovecs.MAX_TRANSFER; i++) {
                ByteBuffer buffer = iovs.buffer(i);
                if (!buffer.hasRemaining()) {
                    continue;
                }
                if (total > 0 && !source.ready()) {
                    break;
                }
                if (total == 0) {
                    context.beforeBlocking();
                }
                int wanted = buffer.remaining();
                int n = source.read(buffer);
                if (n <= 0) {
                    break;
                }
                total += n;
                if (n < wanted) {
                    break;
                }
            }
        } catch (IOException e) {
            return IoErrors.afterPartialTransfer(total, e);
        }
        return total;
    }

    @Override
    public void close() {
        IoErrors.closeQuietly(source);
    }
}
