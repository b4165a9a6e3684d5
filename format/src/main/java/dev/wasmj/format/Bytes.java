package dev.wasmj.format;

/**
 * A slice of a byte array: how the model holds function bodies, constant expressions, data
 * segments and custom sections without copying them out of the module's bytes.
 *
 * @param array the bytes (not copied; never modified)
 * @param start the first byte of the slice; for a decoded module this is its offset in the module
 * @param end   one past the last byte of the slice
 */
public record Bytes(byte[] array, int start, int end) {
    public Bytes {
        if (start < 0 || end < start || end > array.length) {
            throw new IllegalArgumentException("bad slice " + start + ".." + end + " of " + array.length);
        }
    }

    public static Bytes of(byte[] array) {
        return new Bytes(array, 0, array.length);
    }

    public int length() {
        return end - start;
    }

    public byte get(int i) {
        return array[start + i];
    }

    public byte[] toArray() {
        return java.util.Arrays.copyOfRange(array, start, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && java.util.Arrays.equals(array, start, end, b.array, b.start, b.end);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Bytes[" + length() + "]";
    }
}
