package dev.wasmj.format;

/**
 * An imported function's type: a type index, exact (custom descriptors) or not.
 */
public record FuncImport(int typeIndex, boolean exact) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.FUNC;
    }
}
