package dev.wasmj;

import dev.wasmj.format.validate.DefType;
import dev.wasmj.format.validate.TypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A function type: parameter and result types. Two function types are equal when their
 * parameters and results are; whether a function may be imported where another type is expected
 * is decided when linking, by WebAssembly's subtyping of the declared types (a type matches its
 * declared supertypes, not structurally similar ones).
 */
public final class FuncType implements ExternType {
    private final List<ValType> params;
    private final List<ValType> results;

    private FuncType(List<ValType> params, List<ValType> results) {
        this.params = List.copyOf(params);
        this.results = List.copyOf(results);
    }

    /** The function type {@code [params] -> [results]}. */
    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params, results);
    }

    /** The function type of a canonical function type (ids of {@code registry}). */
    static FuncType of(DefType def, TypeRegistry registry) {
        return of(def.funcType(), registry);
    }

    /** The function type of closed-form format function type {@code type} (ids of {@code registry}). */
    static FuncType of(dev.wasmj.format.FuncType type, TypeRegistry registry) {
        return new FuncType(types(type.params(), registry), types(type.results(), registry));
    }

    static List<ValType> types(int[] codes, TypeRegistry registry) {
        List<ValType> list = new ArrayList<>(codes.length);
        for (int c : codes) {
            list.add(ValType.of(c, registry));
        }
        return list;
    }

    public List<ValType> params() {
        return params;
    }

    public List<ValType> results() {
        return results;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType f && f.params.equals(params) && f.results.equals(results);
    }

    @Override
    public int hashCode() {
        return Objects.hash(params, results);
    }

    /** The text form, e.g. {@code (func (param i32 i32) (result i64))}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(func");
        if (!params.isEmpty()) {
            sb.append(" (param");
            params.forEach(p -> sb.append(' ').append(p));
            sb.append(')');
        }
        if (!results.isEmpty()) {
            sb.append(" (result");
            results.forEach(r -> sb.append(' ').append(r));
            sb.append(')');
        }
        return sb.append(')').toString();
    }
}
