package dev.wasmj.format;

import java.util.List;

/** A recursion group: types that may refer to each other. A plain type is a group of one. */
public record RecGroup(List<SubType> types) {
    public RecGroup {
        types = List.copyOf(types);
    }
}
