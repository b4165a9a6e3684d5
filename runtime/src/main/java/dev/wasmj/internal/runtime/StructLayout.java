package dev.wasmj.internal.runtime;

import dev.wasmj.format.FieldType;
import dev.wasmj.format.StructType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.validate.DefType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each field of a struct type lives in a {@link WasmStruct}: number fields in {@code nums}
 * (a v128 takes two entries), reference fields in {@code refs}.
 *
 * @param index    per field, its index in nums or refs
 * @param isRef    per field, whether it is a reference
 * @param numCount the length of nums
 * @param refCount the length of refs
 */
public record StructLayout(int[] index, boolean[] isRef, int numCount, int refCount) {
    private static final Map<DefType, StructLayout> CACHE = new ConcurrentHashMap<>();

    /** The layout of struct type {@code type}. */
    public static StructLayout of(DefType type) {
        return CACHE.computeIfAbsent(type, StructLayout::compute);
    }

    private static StructLayout compute(DefType type) {
        List<FieldType> fields = ((StructType) type.composite()).fields();
        int[] index = new int[fields.size()];
        boolean[] isRef = new boolean[fields.size()];
        int nums = 0;
        int refs = 0;
        for (int i = 0; i < index.length; i++) {
            int t = fields.get(i).storageType();
            if (ValType.isRef(t)) {
                isRef[i] = true;
                index[i] = refs++;
            } else {
                index[i] = nums;
                nums += t == ValType.V128 ? 2 : 1;
            }
        }
        return new StructLayout(index, isRef, nums, refs);
    }
}
