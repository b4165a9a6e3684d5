package dev.wasmj.internal.runtime;

import dev.wasmj.format.validate.DefType;

/**
 * A GC array: its canonical type and elements, numbers in {@link #nums} (a v128 element takes two
 * entries) or references in {@link #refs} (the other is null).
 */
public final class WasmArray {
    public final DefType type;
    public final long[] nums;
    public final Object[] refs;
    public final int length;

    public WasmArray(DefType type, int length, long[] nums, Object[] refs) {
        this.type = type;
        this.length = length;
        this.nums = nums;
        this.refs = refs;
    }
}
