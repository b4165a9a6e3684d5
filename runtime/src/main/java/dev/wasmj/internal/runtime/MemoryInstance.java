package dev.wasmj.internal.runtime;

import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A linear memory: {@code pages * pageSize} bytes in a {@link MemorySegment}. An unshared memory with
 * 32-bit addresses lives in a Java {@code byte[]} ({@link #array}, wrapped by {@link #segment}) while
 * it fits in {@link #ARRAY_LIMIT} bytes (the JVM's arrays are shorter than 2 GiB), and moves off-heap
 * when it grows past that, unless compiled code accesses the array directly ({@link #pinArray}): then
 * it cannot grow past the limit. Other memories are off-heap.
 *
 * <p>An unshared memory is reallocated (and copied) when it grows, so engines must re-read
 * {@link #segment} after anything that may grow it (a call or {@code memory.grow}). A shared memory
 * reserves its maximum when that is at most {@link #SHARED_RESERVE_LIMIT} bytes, so its segment never
 * changes and other threads see growth through {@link #byteSize()}.
 */
public final class MemoryInstance {
    /** The largest shared memory reserved up front; larger ones are reallocated like unshared ones. */
    public static final long SHARED_RESERVE_LIMIT = 1L << 28;

    private final MemoryType type;
    private final Limiter limiter;
    private final int pageSizeLog2;
    /** The largest memory kept in a {@link #array}: 32,767 pages of 64 KiB. */
    public static final long ARRAY_LIMIT = 0x7FFF_0000L;

    private final long maxPages;
    private Arena arena;
    /**
     * The bytes of a memory kept in a Java array ({@link #segment} wraps it), else null. Replaced when
     * the memory grows; a memory that is not in an array never gets one. Not volatile: only unshared
     * memories live in arrays, and an unshared memory is used by its store's thread alone (a volatile
     * read here kept the JIT from sharing the load between a caller and the callee it inlines).
     */
    public byte[] array;
    /** Whether the memory stays in its array for good ({@link #pinArray}). */
    private boolean arrayPinned;
    /** The memory's bytes; for a reserved shared memory, longer than {@link #byteSize()}. */
    public volatile MemorySegment segment;
    private volatile long byteSize;
    /** The threads waiting on this memory (memory.atomic.wait). */
    public final WaitQueue waiters = new WaitQueue();

    /**
     * A memory of {@code type} with its minimum size, zeroed.
     *
     * @throws IllegalArgumentException if the minimum is over the limiter's or the implementation's limit
     */
    public MemoryInstance(MemoryType type, Limiter limiter) {
        this.type = type;
        this.limiter = limiter;
        this.pageSizeLog2 = type.pageSizeLog2();
        long archMax = type.is64() ? (Long.MAX_VALUE >>> pageSizeLog2) : (1L << (32 - pageSizeLog2));
        Limits l = type.limits();
        this.maxPages = l.hasMax() ? Math.min(l.max(), archMax) : archMax;
        long min = l.min();
        long bytes = min << pageSizeLog2;
        boolean inArray = !type.shared() && !type.is64() && min <= (ARRAY_LIMIT >>> pageSizeLog2);
        if (min > maxPages || !limiter.memoryGrowing(0, bytes, l.hasMax() ? l.max() << pageSizeLog2 : -1)) {
            throw new IllegalArgumentException("memory minimum size " + min + " pages is over the limit");
        }
        long reserve = bytes;
        if (type.shared() && l.hasMax() && (maxPages << pageSizeLog2) <= SHARED_RESERVE_LIMIT) {
            reserve = maxPages << pageSizeLog2;
        }
        if (inArray) {
            this.array = new byte[(int) bytes];
            this.segment = MemorySegment.ofArray(array);
        } else {
            this.arena = Arena.ofShared();
            this.segment = arena.allocate(Math.max(reserve, 1), 16).asSlice(0, reserve);
        }
        this.byteSize = bytes;
    }

    /** The declared type. */
    public MemoryType declaredType() {
        return type;
    }

    /** The type with the current size as minimum. */
    public MemoryType type() {
        Limits l = type.limits();
        long p = pages();
        return new MemoryType(l.hasMax() ? Limits.of(p, l.max()) : Limits.of(p), type.is64(), type.shared(),
                pageSizeLog2);
    }

    public boolean shared() {
        return type.shared();
    }

    public boolean is64() {
        return type.is64();
    }

    public int pageSizeLog2() {
        return pageSizeLog2;
    }

    /**
     * Keeps the memory in its array for good, for code that accesses {@link #array} directly: growing
     * past {@link #ARRAY_LIMIT} then fails instead of moving the memory off-heap. Returns whether the
     * memory is in an array (false: it never will be).
     */
    public synchronized boolean pinArray() {
        arrayPinned = array != null;
        return arrayPinned;
    }

    /** The current size in bytes. */
    public long byteSize() {
        return byteSize;
    }

    /** The current size in pages. */
    public long pages() {
        return byteSize >>> pageSizeLog2;
    }

    /**
     * Grows by {@code delta} pages (zeroed); returns the old size in pages, or -1 if the memory cannot
     * grow that much (over its maximum, the limiter says no, or out of memory).
     */
    public synchronized long grow(long delta) {
        long oldPages = pages();
        if (delta < 0 || delta > maxPages - oldPages) {
            return -1;
        }
        if (delta == 0) {
            return oldPages;
        }
        long newBytes = (oldPages + delta) << pageSizeLog2;
        Limits l = type.limits();
        if (!limiter.memoryGrowing(byteSize, newBytes, l.hasMax() ? l.max() << pageSizeLog2 : -1)) {
            return -1;
        }
        byte[] oldArray = array;
        if (oldArray != null && newBytes > ARRAY_LIMIT) {
            if (arrayPinned) {
                return -1;
            }
            Arena next = Arena.ofShared();
            MemorySegment grown;
            try {
                grown = next.allocate(newBytes, 16);
            } catch (OutOfMemoryError e) {
                next.close();
                return -1;
            }
            MemorySegment.copy(segment, 0, grown, 0, byteSize);
            arena = next;
            array = null;
            segment = grown;
            byteSize = newBytes;
            return oldPages;
        }
        if (oldArray != null) {
            byte[] grown;
            try {
                grown = java.util.Arrays.copyOf(oldArray, (int) newBytes);
            } catch (OutOfMemoryError e) {
                return -1;
            }
            array = grown;
            segment = MemorySegment.ofArray(grown);
            byteSize = newBytes;
            return oldPages;
        }
        MemorySegment old = segment;
        if (newBytes > old.byteSize()) {
            Arena next = Arena.ofShared();
            MemorySegment grown;
            try {
                grown = next.allocate(newBytes, 16);
            } catch (OutOfMemoryError e) {
                next.close();
                return -1;
            }
            MemorySegment.copy(old, 0, grown, 0, byteSize);
            Arena previous = arena;
            arena = next;
            segment = grown;
            previous.close();
        }
        byteSize = newBytes;
        return oldPages;
    }

    /** Frees the memory (when its store closes). */
    synchronized void free() {
        if (array != null) {
            array = null;
            segment = MemorySegment.NULL;
            byteSize = 0;
        }
        if (arena != null) {
            arena.close();
            arena = null;
            segment = MemorySegment.NULL;
            byteSize = 0;
        }
    }
}
