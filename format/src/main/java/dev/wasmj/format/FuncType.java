package dev.wasmj.format;

import java.util.Arrays;

/** A function type; parameter and result types are {@link ValType} ints. */
public record FuncType(int[] params, int[] results) implements CompositeType {
    public static final FuncType EMPTY = new FuncType(new int[0], new int[0]);

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType f && Arrays.equals(params, f.params) && Arrays.equals(results, f.results);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(func");
        for (int p : params) sb.append(" (param ").append(ValType.name(p)).append(')');
        for (int r : results) sb.append(" (result ").append(ValType.name(r)).append(')');
        return sb.append(')').toString();
    }
}
