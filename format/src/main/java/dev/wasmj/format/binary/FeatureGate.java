package dev.wasmj.format.binary;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.ValType;

/**
 * Rejects constructs of disabled proposals while decoding, with a message that names the
 * proposal: {@code "<construct> requires feature '<name>'"}. Where WebAssembly 3.0 itself has a
 * message for the construct (a limits flag it does not know, a second memory), that message
 * comes first, so a test expecting it still matches by prefix.
 */
public final class FeatureGate {
    private final Features features;

    public FeatureGate(Features features) {
        this.features = features;
    }

    public boolean has(Feature feature) {
        return features.has(feature);
    }

    /** Fails unless {@code feature} is enabled; {@code what} names the construct. */
    public void require(Feature feature, String what, int offset) {
        if (!features.has(feature)) {
            throw new MalformedException(what + " requires feature '" + feature.text() + "'", offset);
        }
    }

    /** Fails unless the proposals that introduced value (or storage) type {@code type} are enabled. */
    public void requireValType(int type, int offset) {
        if (type == ValType.V128) {
            require(Feature.SIMD, "v128", offset);
        } else if (ValType.isRef(type)) {
            requireRefType(type, offset, true);
        }
    }

    /**
     * Fails unless the proposals that introduced reference type {@code type} are enabled. Plain
     * {@code funcref} needs no feature where the MVP allowed it (table element types), else it
     * needs reference types.
     */
    public void requireRefType(int type, int offset, boolean asValue) {
        int heap = ValType.heapType(type);
        String name = ValType.name(type);
        if (HeapType.isExact(heap)) {
            require(Feature.CUSTOM_DESCRIPTORS, "exact reference type " + name, offset);
        }
        if (HeapType.isConcrete(heap) || !ValType.isNullable(type)) {
            require(Feature.FUNCTION_REFERENCES, "reference type " + name, offset);
        }
        if (HeapType.isAbstract(heap)) {
            switch (heap) {
                case HeapType.FUNC -> {
                    if (asValue) {
                        require(Feature.REFERENCE_TYPES, "reference type " + name, offset);
                    }
                }
                case HeapType.EXTERN -> require(Feature.REFERENCE_TYPES, "reference type " + name, offset);
                case HeapType.EXN, HeapType.NOEXN -> require(Feature.EXCEPTIONS, "reference type " + name, offset);
                default -> require(Feature.GC, "reference type " + name, offset);
            }
        }
    }
}
