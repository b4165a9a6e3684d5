package dev.wasmj.format.text;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.SubType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the parser of one text module knows about the module: the index spaces with their
 * identifiers (all declared before any reference is resolved, so forward references work), the
 * types defined so far and the struct field names.
 */
final class ModuleContext {
    final IndexSpace types = new IndexSpace("type", "type");
    final IndexSpace funcs = new IndexSpace("func", "function");
    final IndexSpace tables = new IndexSpace("table", "table");
    final IndexSpace memories = new IndexSpace("memory", "memory");
    final IndexSpace globals = new IndexSpace("global", "global");
    final IndexSpace tags = new IndexSpace("tag", "tag");
    final IndexSpace elems = new IndexSpace("elem", "elem segment");
    final IndexSpace datas = new IndexSpace("data", "data segment");

    /** The recursion groups: the explicit ones, then one per implicitly defined function type. */
    private final List<RecGroup> recGroups = new ArrayList<>();
    /** All defined types by index. */
    private final List<SubType> typeList = new ArrayList<>();
    /** Field names by type index (null entries for types without named fields). */
    private final List<Map<String, Integer>> fieldNames = new ArrayList<>();
    /**
     * Function types defined as a lone final type without supertypes: what implicit type uses
     * reuse. Sorted, not hashed: the hash of a function type is a polynomial in its types, easy
     * to make collide, and a hash map of colliding function types is scanned on every lookup.
     */
    private final Map<FuncType, Integer> plainFuncTypes = new TreeMap<>(
            Comparator.<FuncType, int[]>comparing(FuncType::params, Arrays::compare)
                    .thenComparing(FuncType::results, Arrays::compare));

    /** Adds an explicit or implicit recursion group, whose types' field names are given. */
    void addRecGroup(RecGroup group, List<Map<String, Integer>> names) {
        int first = typeList.size();
        recGroups.add(group);
        typeList.addAll(group.types());
        fieldNames.addAll(names);
        if (group.types().size() == 1) {
            SubType t = group.types().get(0);
            if (t.isFinal() && t.supertypes().length == 0 && t.describes() < 0 && t.descriptor() < 0
                    && t.composite() instanceof FuncType f) {
                plainFuncTypes.putIfAbsent(f, first);
            }
        }
    }

    List<RecGroup> recGroups() {
        return recGroups;
    }

    int typeCount() {
        return typeList.size();
    }

    /** The function type at {@code typeIndex}, or null if there is none (left to the validator). */
    FuncType funcType(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= typeList.size()) {
            return null;
        }
        return typeList.get(typeIndex).composite() instanceof FuncType f ? f : null;
    }

    /**
     * The index of the function type {@code f} for a type use without {@code (type x)}: the first
     * type defined as exactly that function type, or a new type appended to the module.
     */
    int implicitType(FuncType f) {
        Integer existing = plainFuncTypes.get(f);
        if (existing != null) {
            return existing;
        }
        int index = typeList.size();
        addRecGroup(new RecGroup(List.of(SubType.plain(f))), java.util.Collections.singletonList(null));
        return index;
    }

    /** Reads a field index of struct type {@code typeIndex}: a u32 or one of its field names. */
    int field(int typeIndex, TokenCursor c) {
        if (c.peek() == Tokens.ID) {
            int t = c.next();
            Map<String, Integer> names = typeIndex >= 0 && typeIndex < fieldNames.size() ? fieldNames.get(typeIndex) : null;
            Integer i = names == null ? null : names.get(c.tokens.idName(t));
            if (i == null) {
                throw c.errorAt(t, "unknown field");
            }
            return i;
        }
        return (int) Literals.unsigned(c, 32, "constant out of range");
    }
}
