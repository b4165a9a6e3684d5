package dev.wasmj.internal.runtime;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.validate.DefType;

import java.util.Arrays;

/** Storage of GC field and array element values: packed i8/i16 kept wrapped, arrays allocated by element type. */
public final class Packed {
    private Packed() {}

    /** The value stored for {@code value} in a field of storage type {@code st}. */
    public static long wrap(int st, long value) {
        return switch (st) {
            case ValType.I8 -> value & 0xFF;
            case ValType.I16 -> value & 0xFFFF;
            default -> value;
        };
    }

    /** A new array of type {@code t} with {@code n} default elements. */
    public static WasmArray newArray(DefType t, int n) {
        int st = ((ArrayType) t.composite()).element().storageType();
        if (ValType.isRef(st)) {
            return new WasmArray(t, n, null, new Object[n]);
        }
        return new WasmArray(t, n, new long[st == ValType.V128 ? 2 * n : n], null);
    }

    /** Sets elements {@code from..from+n} of {@code a} (element storage type {@code st}) to one value. */
    public static void fill(WasmArray a, int st, int from, int n, long lo, long hi, Object ref) {
        if (a.refs != null) {
            Arrays.fill(a.refs, from, from + n, ref);
        } else if (st == ValType.V128) {
            for (int i = from; i < from + n; i++) {
                a.nums[2 * i] = lo;
                a.nums[2 * i + 1] = hi;
            }
        } else {
            Arrays.fill(a.nums, from, from + n, wrap(st, lo));
        }
    }
}
