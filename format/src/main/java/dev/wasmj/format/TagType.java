package dev.wasmj.format;

/** An exception tag: the index of a function type whose parameters are the payload. */
public record TagType(int typeIndex) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.TAG;
    }
}
