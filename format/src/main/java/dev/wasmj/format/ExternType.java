package dev.wasmj.format;

/** The type of an import: what kind of entity it is and its type. */
public sealed interface ExternType permits FuncImport, TableType, MemoryType, GlobalType, TagType {
    ExternKind kind();
}
