package dev.wasmj.internal.interpreter;

import java.util.Arrays;

/** A growable list of ints for the lowering's side tables. */
final class IntBuffer {
    private int[] data = new int[16];
    private int size;

    void add(int... values) {
        if (size + values.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + values.length));
        }
        System.arraycopy(values, 0, data, size, values.length);
        size += values.length;
    }

    int get(int i) {
        return data[i];
    }

    int size() {
        return size;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
