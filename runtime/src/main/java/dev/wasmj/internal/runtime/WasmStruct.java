package dev.wasmj.internal.runtime;

import dev.wasmj.format.validate.DefType;

/**
 * A GC struct: its canonical type, number fields in {@link #nums} (packed fields as their unpacked
 * i32, f32/f64 raw bits, a v128 in two consecutive entries) and reference fields in {@link #refs}.
 * Field {@code i} is at index {@code slot(i)} of the type's layout (see {@link StructLayout}).
 */
public final class WasmStruct {
    public final DefType type;
    public final long[] nums;
    public final Object[] refs;
    /** Custom descriptors: the descriptor, or null. */
    public final Object descriptor;

    public WasmStruct(DefType type, long[] nums, Object[] refs, Object descriptor) {
        this.type = type;
        this.nums = nums;
        this.refs = refs;
        this.descriptor = descriptor;
    }
}
