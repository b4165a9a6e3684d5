package dev.wasmj;

import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.MemoryInstance;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A shared linear memory (threads proposal): it belongs to an {@link Engine}, not to a store, so
 * instances in several stores (on several threads) can import it. Atomic instructions and
 * {@code memory.atomic.wait}/{@code notify} work across those threads. Stores are not involved in
 * its lifetime: its bytes are released when it is no longer reachable.
 */
public final class SharedMemory implements Extern {
    private final Engine engine;
    final MemoryInstance instance;

    SharedMemory(Engine engine, MemoryInstance instance) {
        this.engine = engine;
        this.instance = instance;
    }

    /**
     * A new shared memory of {@code type} (which must be shared, hence have a maximum).
     *
     * @throws IllegalArgumentException if the type is not shared or its minimum cannot be allocated
     */
    public SharedMemory(Engine engine, MemoryType type) {
        this(engine, allocate(type));
    }

    private static MemoryInstance allocate(MemoryType type) {
        Objects.requireNonNull(type, "type");
        if (!type.shared()) {
            throw new IllegalArgumentException("not a shared memory type: " + type);
        }
        return new MemoryInstance(type.toFormat(), Limiter.DEFAULT);
    }

    public Engine engine() {
        return engine;
    }

    @Override
    public MemoryType type() {
        return MemoryType.of(instance.type());
    }

    /** The size in pages (other threads may grow it at any time). */
    public long size() {
        return instance.pages();
    }

    /** The size in bytes. */
    public long dataSize() {
        return instance.byteSize();
    }

    /** Grows by {@code deltaPages}; returns the previous size in pages, or -1 if it cannot. */
    public long grow(long deltaPages) {
        return instance.grow(deltaPages);
    }

    /** The memory's bytes (valid while no thread grows the memory past its reservation). */
    public MemorySegment data() {
        return instance.segment.asSlice(0, instance.byteSize());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedMemory m && m.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "SharedMemory" + type();
    }
}
