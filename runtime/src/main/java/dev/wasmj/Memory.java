package dev.wasmj;

import dev.wasmj.internal.runtime.HostAllocations;
import dev.wasmj.internal.runtime.MemoryInstance;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A linear memory of a {@link Store}: exported by an instance or made by the host. Bytes are read
 * and written with {@link #read}/{@link #write}, or directly through the {@link #data()} segment.
 */
public final class Memory implements Extern {
    private final Store<?> store;
    final MemoryInstance instance;

    Memory(Store<?> store, MemoryInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    /**
     * A new memory of {@code type} in {@code store}, zeroed, of its minimum size.
     *
     * @throws LinkException if the store's limiter refuses it
     */
    public static Memory of(Store<?> store, MemoryType type) {
        Objects.requireNonNull(type, "type");
        if (type.shared()) {
            throw new IllegalArgumentException("a shared memory is made with new SharedMemory(engine, type)");
        }
        store.enter();
        try {
            return new Memory(store, HostAllocations.memory(store.context(), type.toFormat()));
        } catch (IllegalArgumentException e) {
            throw new LinkException(e.getMessage());
        } finally {
            store.exit();
        }
    }

    public Store<?> store() {
        return store;
    }

    /** The type, with the current size as minimum. */
    @Override
    public MemoryType type() {
        return MemoryType.of(instance.type());
    }

    /** The size in pages. */
    public long size() {
        return instance.pages();
    }

    /** The size in bytes. */
    public long dataSize() {
        return instance.byteSize();
    }

    /**
     * Grows the memory by {@code deltaPages} zeroed pages, like {@code memory.grow}.
     *
     * @return the previous size in pages, or -1 if the memory cannot grow that much (its maximum,
     *     the store's limiter, or the host's memory)
     */
    public long grow(long deltaPages) {
        store.enter();
        try {
            return instance.grow(deltaPages);
        } finally {
            store.exit();
        }
    }

    /**
     * The memory's bytes as a segment (little-endian values are read with e.g.
     * {@code ValueLayout.JAVA_INT_UNALIGNED}). Valid until the memory grows or the store closes:
     * get it again after either.
     */
    public MemorySegment data() {
        if (store.isClosed()) {
            throw new IllegalStateException("store is closed");
        }
        return instance.segment.asSlice(0, instance.byteSize());
    }

    /**
     * Copies {@code length} bytes at {@code offset} into {@code dst} from {@code dstOffset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the memory (nothing is copied)
     */
    public void read(long offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        store.enter();
        try {
            checkRange(offset, length);
            MemorySegment.copy(instance.segment, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, dst, dstOffset, length);
        } finally {
            store.exit();
        }
    }

    /** The {@code length} bytes at {@code offset}. */
    public byte[] read(long offset, int length) {
        byte[] bytes = new byte[length];
        read(offset, bytes, 0, length);
        return bytes;
    }

    /**
     * Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the memory (nothing is copied)
     */
    public void write(long offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        store.enter();
        try {
            checkRange(offset, length);
            MemorySegment.copy(src, srcOffset, instance.segment, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, length);
        } finally {
            store.exit();
        }
    }

    /** Copies all of {@code src} to {@code offset}. */
    public void write(long offset, byte[] src) {
        write(offset, src, 0, src.length);
    }

    private void checkRange(long offset, long length) {
        long size = instance.byteSize();
        if (offset < 0 || offset > size || length > size - offset) {
            throw new IndexOutOfBoundsException("out of bounds memory access: " + length + " bytes at " + offset
                    + " of a memory of " + size + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Memory m && m.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "Memory" + type();
    }
}
