package dev.wasmj.format.text;

import dev.wasmj.format.HeapType;
import dev.wasmj.format.ValType;

/** The keywords of types: abstract heap types and the value type shorthands. */
final class TypeNames {
    private TypeNames() {}

    /** The abstract heap type named {@code name} ({@code func}, {@code any}, ...), or -1. */
    static int abstractHeapType(String name) {
        return switch (name) {
            case "func" -> HeapType.FUNC;
            case "extern" -> HeapType.EXTERN;
            case "any" -> HeapType.ANY;
            case "eq" -> HeapType.EQ;
            case "i31" -> HeapType.I31;
            case "struct" -> HeapType.STRUCT;
            case "array" -> HeapType.ARRAY;
            case "exn" -> HeapType.EXN;
            case "none" -> HeapType.NONE;
            case "nofunc" -> HeapType.NOFUNC;
            case "noextern" -> HeapType.NOEXTERN;
            case "noexn" -> HeapType.NOEXN;
            default -> -1;
        };
    }

    /**
     * The value type written as the single keyword {@code name} ({@code i32}, {@code funcref}, ...),
     * or -1 if it is none.
     */
    static int valueType(String name) {
        return switch (name) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            case "v128" -> ValType.V128;
            case "funcref" -> ValType.FUNCREF;
            case "externref" -> ValType.EXTERNREF;
            case "anyref" -> ValType.ANYREF;
            case "eqref" -> ValType.EQREF;
            case "i31ref" -> ValType.I31REF;
            case "structref" -> ValType.STRUCTREF;
            case "arrayref" -> ValType.ARRAYREF;
            case "exnref" -> ValType.EXNREF;
            case "nullref" -> ValType.NULLREF;
            case "nullfuncref" -> ValType.NULLFUNCREF;
            case "nullexternref" -> ValType.NULLEXTERNREF;
            case "nullexnref" -> ValType.NULLEXNREF;
            default -> -1;
        };
    }
}
