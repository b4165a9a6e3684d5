package dev.wasmj;

/** The type of an import or export: a function, table, memory, global or tag type. */
public sealed interface ExternType permits FuncType, TableType, MemoryType, GlobalType, TagType {
}
