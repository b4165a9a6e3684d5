package dev.wasmj.format.validate;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.ValType;

/** Which proposal a value type comes from, to reject types of disabled features. */
final class FeatureGate {
    private FeatureGate() {}

    /** The feature value type {@code t} needs, or null for WebAssembly 1.0 types. */
    static Feature required(int t) {
        if (t == ValType.V128) {
            return Feature.SIMD;
        }
        if (!ValType.isRef(t)) {
            return null;
        }
        int h = ValType.heapType(t);
        if (HeapType.isExact(h)) {
            return Feature.CUSTOM_DESCRIPTORS;
        }
        if (HeapType.isConcrete(h)) {
            return Feature.FUNCTION_REFERENCES;
        }
        return switch (h) {
            case HeapType.FUNC, HeapType.EXTERN ->
                    ValType.isNullable(t) ? Feature.REFERENCE_TYPES : Feature.FUNCTION_REFERENCES;
            case HeapType.EXN, HeapType.NOEXN -> Feature.EXCEPTIONS;
            default -> Feature.GC;
        };
    }

    /** The text name of a feature {@code t} needs that {@code features} lacks, or null. */
    static String check(int t, Features features) {
        Feature f = required(t);
        return f == null || features.has(f) ? null : f.text();
    }
}
