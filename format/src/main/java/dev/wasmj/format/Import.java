package dev.wasmj.format;

/** An import: module name, field name, and the type of the imported entity. */
public record Import(String module, String name, ExternType type) {
}
