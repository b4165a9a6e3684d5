package dev.wasmj.format.validate;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Locals kept by declaration rather than one by one: the declarations (index ranges of one type)
 * beyond the locals a {@link FunctionValidator} expands. A type is found by binary search; the
 * initialization of non-defaultable locals is tracked in a set, which holds only the locals the
 * body sets, so the cost follows the body's size and not the number of locals it declares.
 */
final class CompactLocals {
    /** Declaration i covers indices below ends[i] (and at or above ends[i - 1]). */
    private int[] ends = new int[4];
    private int[] types = new int[4];
    private boolean[] defaultable = new boolean[4];
    private int count;
    private final Set<Integer> initialized = new HashSet<>();

    void clear() {
        count = 0;
        initialized.clear();
    }

    /** Adds the declaration of the locals up to {@code end} (exclusive), after the previous ones. */
    void add(int end, int type, boolean isDefaultable) {
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
            types = Arrays.copyOf(types, count * 2);
            defaultable = Arrays.copyOf(defaultable, count * 2);
        }
        ends[count] = end;
        types[count] = type;
        defaultable[count++] = isDefaultable;
    }

    /** The declaration of local {@code x}, which must be below the last end. */
    private int declaration(int x) {
        int i = Arrays.binarySearch(ends, 0, count, x);
        // an exact hit means x is the first index of the next declaration
        return i >= 0 ? i + 1 : -i - 1;
    }

    int type(int x) {
        return types[declaration(x)];
    }

    boolean isInitialized(int x) {
        return defaultable[declaration(x)] || initialized.contains(x);
    }

    /** Marks {@code x} initialized; true if that changed anything (a non-defaultable local set for the first time). */
    boolean initialize(int x) {
        return !defaultable[declaration(x)] && initialized.add(x);
    }

    void uninitialize(int x) {
        initialized.remove(x);
    }
}
