package dev.wasmj.format;

/** An array type of the GC proposal. */
public record ArrayType(FieldType element) implements CompositeType {
}
