package dev.wasmj.format;

/** An export: its name and the entity it names by kind and index. */
public record Export(String name, ExternKind kind, int index) {
}
