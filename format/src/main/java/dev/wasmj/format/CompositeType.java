package dev.wasmj.format;

/** The structure of a defined type: a function, struct or array type. */
public sealed interface CompositeType permits FuncType, StructType, ArrayType {
}
