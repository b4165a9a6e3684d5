package dev.wasmj;

import dev.wasmj.internal.runtime.HostAllocations;
import dev.wasmj.internal.runtime.TableInstance;

/** A table of references of a {@link Store}: exported by an instance or made by the host. */
public final class Table implements Extern {
    private final Store<?> store;
    final TableInstance instance;

    Table(Store<?> store, TableInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    /**
     * A new table of {@code type} in {@code store}, each element {@code init}.
     *
     * @throws IllegalArgumentException if {@code init} is not of the element type
     * @throws LinkException            if the store's limiter refuses the table
     */
    public static Table of(Store<?> store, TableType type, Val init) {
        int element = store.engine().code(ValType.ref(type.element()));
        var t = new dev.wasmj.format.TableType(element, Types.limits(type.minimum(), type.maximum()), type.is64());
        store.enter();
        try {
            Object ref = Values.toRef(store, element, init, "initial value", 0);
            try {
                return new Table(store, HostAllocations.table(store.context(), t, ref));
            } catch (IllegalArgumentException e) { // the limiter refused it
                throw new LinkException(e.getMessage());
            }
        } finally {
            store.exit();
        }
    }

    public Store<?> store() {
        return store;
    }

    /** The type, with the current size as minimum. */
    @Override
    public TableType type() {
        return TableType.of(instance.type(), store.engine().registry());
    }

    /** The number of elements. */
    public long size() {
        return instance.size;
    }

    /**
     * The element at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #size()}
     */
    public Val get(long index) {
        store.enter();
        try {
            return Values.refVal(store, top(), instance.elements[checkIndex(index)]);
        } finally {
            store.exit();
        }
    }

    /**
     * Sets the element at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #size()}
     * @throws IllegalArgumentException  if {@code value} is not of the element type or belongs to another store
     */
    public void set(long index, Val value) {
        store.enter();
        try {
            Object ref = Values.toRef(store, instance.elementType(), value, "value", 0);
            instance.elements[checkIndex(index)] = ref;
        } finally {
            store.exit();
        }
    }

    /**
     * Grows the table by {@code delta} elements set to {@code init}, like {@code table.grow}.
     *
     * @return the previous size, or -1 if the table cannot grow that much
     */
    public long grow(long delta, Val init) {
        store.enter();
        try {
            Object ref = Values.toRef(store, instance.elementType(), init, "initial value", 0);
            return instance.grow(delta, ref);
        } finally {
            store.exit();
        }
    }

    private int top() {
        return store.context().subtyping().top(dev.wasmj.format.ValType.heapType(instance.elementType()));
    }

    private int checkIndex(long index) {
        if (index < 0 || index >= instance.size) {
            throw new IndexOutOfBoundsException("out of bounds table access: index " + index + " of a table of "
                    + instance.size + " elements");
        }
        return (int) index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "Table" + type();
    }
}
