package dev.wasmj.format.text;

import java.util.Arrays;

/** A growable list of ints, without boxing. */
final class IntList {
    private int[] values = new int[8];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    /** Adds {@code a} and then {@code b}. */
    void add(int a, int b) {
        if (size + 2 > values.length) {
            values = Arrays.copyOf(values, Math.max(size * 2, size + 2));
        }
        values[size] = a;
        values[size + 1] = b;
        size += 2;
    }

    int get(int i) {
        return values[i];
    }

    void set(int i, int v) {
        values[i] = v;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes and returns the last value. */
    int pop() {
        return values[--size];
    }

    int last() {
        return values[size - 1];
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
