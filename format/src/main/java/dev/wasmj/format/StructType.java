package dev.wasmj.format;

import java.util.List;

/** A struct type of the GC proposal. */
public record StructType(List<FieldType> fields) implements CompositeType {
    public StructType {
        fields = List.copyOf(fields);
    }
}
