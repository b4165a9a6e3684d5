package dev.wasmj.format;

/**
 * A table type.
 *
 * @param elementType the reference type of the elements ({@link ValType})
 * @param limits      sizes in elements
 * @param is64        whether the table is indexed by i64 (memory64 proposal)
 */
public record TableType(int elementType, Limits limits, boolean is64) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.TABLE;
    }
}
