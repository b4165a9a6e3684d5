package dev.wasmj.format;

/** A struct field or array element: a storage type ({@link ValType}, possibly packed) and mutability. */
public record FieldType(int storageType, boolean mutable) {
    @Override
    public String toString() {
        String t = ValType.name(storageType);
        return mutable ? "(mut " + t + ")" : t;
    }
}
