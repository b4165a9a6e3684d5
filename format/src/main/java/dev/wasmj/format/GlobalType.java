package dev.wasmj.format;

/** A global's value type ({@link ValType}) and mutability. */
public record GlobalType(int valType, boolean mutable) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.GLOBAL;
    }
}
