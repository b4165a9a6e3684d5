package dev.wasmj.internal.runtime;

import dev.wasmj.format.Limits;
import dev.wasmj.format.TableType;

import java.util.Arrays;

/** A table of references. Elements are {@link FunctionInstance}s, GC objects, host objects or null. */
public final class TableInstance {
    private final TableType type;
    private final Limiter limiter;
    /** The elements; only the first {@link #size} are in the table. */
    public Object[] elements;
    /** The current number of elements. */
    public int size;

    /**
     * A table of {@code type} (element type in closed form) with its minimum size, each element
     * {@code init}.
     *
     * @throws IllegalArgumentException if the minimum is over the limiter's or the implementation's limit
     */
    public TableInstance(TableType type, Object init, Limiter limiter) {
        this.type = type;
        this.limiter = limiter;
        long min = type.limits().min();
        if (min > MAX_ELEMENTS || !limiter.tableGrowing(0, min, type.limits().hasMax() ? type.limits().max() : -1)) {
            throw new IllegalArgumentException("table minimum size " + min + " is over the limit");
        }
        this.elements = new Object[(int) min];
        this.size = (int) min;
        if (init != null) {
            Arrays.fill(elements, init);
        }
    }

    /** The most elements a table can hold here (Java arrays). */
    public static final int MAX_ELEMENTS = 10_000_000;

    /** The type, with the current size as minimum. */
    public TableType type() {
        Limits l = type.limits();
        return new TableType(type.elementType(), l.hasMax() ? Limits.of(size, l.max()) : Limits.of(size), type.is64());
    }

    /** The element type in closed form. */
    public int elementType() {
        return type.elementType();
    }

    /** The declared type (minimum as created). */
    public TableType declaredType() {
        return type;
    }

    /** Grows by {@code delta} elements set to {@code init}; returns the old size, or -1 if it cannot. */
    public long grow(long delta, Object init) {
        int old = size;
        long desired = old + delta;
        if (delta < 0 || desired > MAX_ELEMENTS) {
            return -1;
        }
        Limits l = type.limits();
        if (l.hasMax() && Long.compareUnsigned(desired, l.max()) > 0) {
            return -1;
        }
        if (!limiter.tableGrowing(old, desired, l.hasMax() ? l.max() : -1)) {
            return -1;
        }
        if (desired > elements.length) {
            elements = Arrays.copyOf(elements, (int) Math.min(MAX_ELEMENTS, Math.max(desired, old * 2L)));
        }
        Arrays.fill(elements, old, (int) desired, init);
        size = (int) desired;
        return old;
    }
}
