package dev.wasmj.format.validate;

/** Shared one-element type arrays {@code [t]}, so single-result blocks allocate nothing per block. */
final class SingletonCache {
    private int[] keys = new int[16];
    private int[][] values = new int[16][];
    private int size;

    /** The array {@code [t]}; the same array for the same {@code t}. Callers must not modify it. */
    int[] get(int t) {
        int mask = keys.length - 1;
        int i = mix(t) & mask;
        while (values[i] != null) {
            if (keys[i] == t) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        int[] v = {t};
        keys[i] = t;
        values[i] = v;
        if (++size * 2 > keys.length) {
            rehash();
        }
        return v;
    }

    private void rehash() {
        int[] oldKeys = keys;
        int[][] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2][];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = mix(oldKeys[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int mix(int t) {
        int h = t * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
