package dev.wasmj.format;

/**
 * Size limits of a table or memory, in elements or pages.
 *
 * @param min minimum size (unsigned; at most 2^64-1 stored as a long)
 * @param max maximum size, or -1 when there is none (use {@link #hasMax()})
 * @param hasMax whether a maximum is given
 */
public record Limits(long min, long max, boolean hasMax) {
    public static Limits of(long min) {
        return new Limits(min, -1, false);
    }

    public static Limits of(long min, long max) {
        return new Limits(min, max, true);
    }
}
