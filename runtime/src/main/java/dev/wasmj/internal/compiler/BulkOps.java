package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.internal.runtime.MemoryInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.TableInstance;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Memory and table instructions other than loads and stores, for generated code: sizes, growth, bulk
 * memory (on memories kept in arrays with {@code System.arraycopy} and {@code Arrays.fill}), table
 * access, segment drops. Addresses and counts arrive as {@code long}s (32-bit operands
 * zero-extended by the caller), sizes and old sizes leave as {@code long}s. Semantics and trap messages
 * are the interpreter's. Public only because generated classes live in another (unnamed) module.
 */
public final class BulkOps {
    private BulkOps() {}

    private static TrapSignal memoryOutOfBounds() {
        return new TrapSignal(new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access"));
    }

    private static TrapSignal tableOutOfBounds() {
        return new TrapSignal(new Trap(TrapCode.TABLE_OUT_OF_BOUNDS, "out of bounds table access"));
    }

    /** Whether {@code [at, at + n)} (unsigned) is within {@code size}. */
    private static boolean inBounds(long at, long n, long size) {
        return Long.compareUnsigned(at, size) <= 0 && Long.compareUnsigned(n, size - at) <= 0;
    }

    public static long memorySize(MemoryInstance mem) {
        return mem.pages();
    }

    public static long memoryGrow(long delta, MemoryInstance mem) {
        return mem.grow(delta);
    }

    public static void memoryFill(long d, long v, long n, MemoryInstance mem) {
        if (!inBounds(d, n, mem.byteSize())) {
            throw memoryOutOfBounds();
        }
        byte[] array = mem.array;
        if (array != null) {
            Arrays.fill(array, (int) d, (int) (d + n), (byte) v); // in bounds: below 2^31
        } else {
            mem.segment.asSlice(d, n).fill((byte) v);
        }
    }

    public static void memoryCopy(long d, long s, long n, MemoryInstance dst, MemoryInstance src) {
        if (!inBounds(d, n, dst.byteSize()) || !inBounds(s, n, src.byteSize())) {
            throw memoryOutOfBounds();
        }
        byte[] from = src.array;
        byte[] to = dst.array;
        if (from != null && to != null) {
            System.arraycopy(from, (int) s, to, (int) d, (int) n); // in bounds: below 2^31; overlap is fine
        } else {
            MemorySegment.copy(src.segment, s, dst.segment, d, n);
        }
    }

    public static void memoryInit(long d, long s, long n, ModuleInstance inst, int data, MemoryInstance mem) {
        byte[] bytes = inst.data[data];
        if (!inBounds(d, n, mem.byteSize()) || !inBounds(s, n, bytes.length)) {
            throw memoryOutOfBounds();
        }
        byte[] array = mem.array;
        if (array != null) {
            System.arraycopy(bytes, (int) s, array, (int) d, (int) n);
        } else {
            MemorySegment.copy(MemorySegment.ofArray(bytes), s, mem.segment, d, n);
        }
    }

    public static void dataDrop(ModuleInstance inst, int data) {
        inst.data[data] = new byte[0];
    }

    public static Object tableGet(long i, TableInstance t) {
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw tableOutOfBounds();
        }
        return t.elements[(int) i];
    }

    public static void tableSet(long i, Object v, TableInstance t) {
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw tableOutOfBounds();
        }
        t.elements[(int) i] = v;
    }

    public static long tableSize(TableInstance t) {
        return t.size;
    }

    public static long tableGrow(Object init, long n, TableInstance t) {
        return t.grow(n, init);
    }

    public static void tableFill(long i, Object v, long n, TableInstance t) {
        if (!inBounds(i, n, t.size)) {
            throw tableOutOfBounds();
        }
        Arrays.fill(t.elements, (int) i, (int) (i + n), v);
    }

    public static void tableCopy(long d, long s, long n, TableInstance dst, TableInstance src) {
        if (!inBounds(d, n, dst.size) || !inBounds(s, n, src.size)) {
            throw tableOutOfBounds();
        }
        System.arraycopy(src.elements, (int) s, dst.elements, (int) d, (int) n);
    }

    public static void tableInit(long d, long s, long n, ModuleInstance inst, int elem, TableInstance t) {
        Object[] elems = inst.elements[elem];
        if (!inBounds(d, n, t.size) || !inBounds(s, n, elems.length)) {
            throw tableOutOfBounds();
        }
        System.arraycopy(elems, (int) s, t.elements, (int) d, (int) n);
    }

    public static void elemDrop(ModuleInstance inst, int elem) {
        inst.elements[elem] = new Object[0];
    }
}
