package dev.wasmj.internal.runtime;

import dev.wasmj.format.MemoryType;
import dev.wasmj.format.TableType;

/**
 * Memories and tables the embedder creates directly in a store (not through instantiation): they
 * count against the store's limits like those of instances, and its memories are freed with it.
 */
public final class HostAllocations {
    private HostAllocations() {}

    /**
     * A new memory of {@code type} in {@code store}.
     *
     * @throws IllegalArgumentException if the limiter refuses it or the store holds its most memories
     */
    public static MemoryInstance memory(StoreContext store, MemoryType type) {
        MemoryInstance m = new MemoryInstance(type, store.limiter());
        if (!store.addMemory(m)) {
            m.free();
            throw new IllegalArgumentException("memory limit of " + store.limiter().memories() + " reached");
        }
        return m;
    }

    /**
     * A new table of {@code type} (element type in closed form) in {@code store}, each element {@code init}.
     *
     * @throws IllegalArgumentException if the limiter refuses it or the store holds its most tables
     */
    public static TableInstance table(StoreContext store, TableType type, Object init) {
        if (!store.addTable()) {
            throw new IllegalArgumentException("table limit of " + store.limiter().tables() + " reached");
        }
        return new TableInstance(type, init, store.limiter());
    }
}
