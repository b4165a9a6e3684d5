package dev.wasmj.examples.ruby;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** An output stream that notes when the first complete line passes through it. */
final class FirstLineClock extends FilterOutputStream {
    private long firstLineNanos = -1;

    FirstLineClock(OutputStream out) {
        super(out);
    }

    /** The {@link System#nanoTime()} when the first newline was written, or -1 if none was. */
    long firstLineNanos() {
        return firstLineNanos;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (b == '\n') {
            noteLine();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (firstLineNanos < 0) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    noteLine();
                    break;
                }
            }
        }
    }

    private void noteLine() {
        if (firstLineNanos < 0) {
            firstLineNanos = System.nanoTime();
        }
    }
}
