package dev.wasmj.format.text;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads types at a {@link TokenCursor}: value, reference and heap types, type definitions
 * (sub/final/func/struct/array, descriptor clauses) and type uses, which may define function
 * types implicitly.
 */
final class TypeParser {
    /** A block type that is empty ({@code 0x40}). See {@link #blockType}. */
    static final long BLOCK_EMPTY = Long.MIN_VALUE;

    private final ModuleContext m;
    private final TokenCursor c;
    private final Tokens tokens;

    TypeParser(ModuleContext m, TokenCursor c) {
        this.m = m;
        this.c = c;
        this.tokens = c.tokens;
    }

    // ---- value types ----

    /** Whether a value type comes next. */
    boolean peekValType() {
        byte k = c.peek();
        if (k == Tokens.KEYWORD) {
            return TypeNames.valueType(tokens.text(c.pos())) >= 0;
        }
        return c.peekParenKeyword("ref");
    }

    /** A value type. */
    int valType() {
        if (c.peek() == Tokens.KEYWORD) {
            int t = TypeNames.valueType(tokens.text(c.pos()));
            if (t >= 0) {
                c.next();
                return t;
            }
            throw c.unexpected();
        }
        return refTypeInParens();
    }

    /** A reference type: a shorthand keyword or {@code (ref null? ht)}. */
    int refType() {
        if (c.peek() == Tokens.KEYWORD) {
            int t = TypeNames.valueType(tokens.text(c.pos()));
            if (t >= 0 && ValType.isRef(t)) {
                c.next();
                return t;
            }
            throw c.unexpected();
        }
        return refTypeInParens();
    }

    private int refTypeInParens() {
        if (!c.acceptParenKeyword("ref")) {
            throw c.unexpected();
        }
        boolean nullable = c.acceptKeyword("null");
        int heap = heapType();
        c.expectRpar();
        return ValType.ref(nullable, heap);
    }

    /** A heap type: an abstract keyword, a type index, or {@code (exact typeidx)}. */
    int heapType() {
        if (c.peek() == Tokens.KEYWORD) {
            int h = TypeNames.abstractHeapType(tokens.text(c.pos()));
            if (h < 0) {
                throw c.unexpected();
            }
            c.next();
            return h;
        }
        if (c.acceptParenKeyword("exact")) {
            int idx = m.types.read(c);
            c.expectRpar();
            return HeapType.exact(idx);
        }
        return typeIndex();
    }

    /** A type index as a heap type (checked against the heap type's index range). */
    private int typeIndex() {
        int t = c.pos();
        int idx = m.types.read(c);
        if (idx < 0 || idx > HeapType.INDEX_MASK) {
            throw c.errorAt(t, "unknown type");
        }
        return idx;
    }

    /** A storage type: a value type or a packed type. */
    int storageType() {
        if (c.peekKeyword("i8")) {
            c.next();
            return ValType.I8;
        }
        if (c.peekKeyword("i16")) {
            c.next();
            return ValType.I16;
        }
        return valType();
    }

    FieldType fieldType() {
        if (c.acceptParenKeyword("mut")) {
            int t = storageType();
            c.expectRpar();
            return new FieldType(t, true);
        }
        return new FieldType(storageType(), false);
    }

    // ---- type definitions ----

    /**
     * The definition after {@code (type $id?}: a subtype or a composite type, with optional
     * descriptor clauses. Struct field names are added to {@code fieldNames} (null if none).
     */
    SubType subType(List<Map<String, Integer>> fieldNames) {
        if (c.acceptParenKeyword("sub")) {
            boolean isFinal = c.acceptKeyword("final");
            IntList supers = new IntList();
            while (IndexSpace.peekIndex(c)) {
                supers.add(m.types.read(c));
            }
            SubType s = describedType(isFinal, supers.toArray(), fieldNames);
            c.expectRpar();
            return s;
        }
        return describedType(true, new int[0], fieldNames);
    }

    private SubType describedType(boolean isFinal, int[] supers, List<Map<String, Integer>> fieldNames) {
        int describes = -1;
        int descriptor = -1;
        if (c.acceptParenKeyword("describes")) {
            describes = m.types.read(c);
            c.expectRpar();
        }
        if (c.acceptParenKeyword("descriptor")) {
            descriptor = m.types.read(c);
            c.expectRpar();
        }
        CompositeType composite = compositeType(fieldNames);
        return new SubType(isFinal, supers, composite, describes, descriptor);
    }

    private CompositeType compositeType(List<Map<String, Integer>> fieldNames) {
        if (c.acceptParenKeyword("func")) {
            IntList params = new IntList();
            IntList results = new IntList();
            params(params, new IndexSpace("param", "param"));
            results(results);
            c.expectRpar();
            fieldNames.add(null);
            return new FuncType(params.toArray(), results.toArray());
        }
        if (c.acceptParenKeyword("struct")) {
            List<FieldType> fields = new ArrayList<>();
            Map<String, Integer> names = null;
            while (c.peekParenKeyword("field")) {
                c.next();
                c.next();
                if (c.peek() == Tokens.ID) {
                    int t = c.next();
                    if (names == null) {
                        names = new HashMap<>();
                    }
                    if (names.putIfAbsent(tokens.idName(t), fields.size()) != null) {
                        throw c.errorAt(t, "duplicate field");
                    }
                    fields.add(fieldType());
                } else {
                    while (c.peek() != Tokens.RPAR) {
                        fields.add(fieldType());
                    }
                }
                c.expectRpar();
            }
            c.expectRpar();
            fieldNames.add(names);
            return new StructType(fields);
        }
        if (c.acceptParenKeyword("array")) {
            FieldType f = fieldType();
            c.expectRpar();
            fieldNames.add(null);
            return new ArrayType(f);
        }
        throw c.unexpected();
    }

    /**
     * {@code (param ...)*}: appends the types; names are added to {@code ids} (with a "duplicate
     * local" check), or rejected if {@code ids} is null.
     */
    void params(IntList out, IndexSpace ids) {
        while (c.peekParenKeyword("param")) {
            c.next();
            c.next();
            if (c.peek() == Tokens.ID) {
                if (ids == null) {
                    throw c.unexpected();
                }
                int t = c.pos();
                String id = c.acceptId();
                out.add(valType());
                ids.add(id, c, t);
            } else {
                while (c.peek() != Tokens.RPAR) {
                    out.add(valType());
                    if (ids != null) {
                        ids.add(null, c, 0);
                    }
                }
            }
            c.expectRpar();
        }
    }

    /** {@code (result t*)*}. */
    void results(IntList out) {
        while (c.peekParenKeyword("result")) {
            c.next();
            c.next();
            while (c.peek() != Tokens.RPAR) {
                out.add(valType());
            }
            c.expectRpar();
        }
    }

    // ---- type uses ----

    /**
     * A type use: {@code (type x)?} then inline {@code (param ...)* (result ...)*}. Returns the
     * type index, appending an implicit type if needed. Parameter names go to {@code paramIds}
     * (null: names are not allowed); with only {@code (type x)}, the type's parameters are added
     * there unnamed.
     */
    int typeUse(IndexSpace paramIds) {
        int typeToken = c.pos();
        boolean hasType = c.acceptParenKeyword("type");
        int explicit = 0;
        if (hasType) {
            explicit = m.types.read(c);
            c.expectRpar();
        }
        IntList params = new IntList();
        IntList results = new IntList();
        params(params, paramIds);
        results(results);
        noParamAfterResult();
        if (!hasType) {
            return m.implicitType(new FuncType(params.toArray(), results.toArray()));
        }
        checkInline(explicit, typeToken, params, results);
        if (paramIds != null && params.isEmpty() && results.isEmpty()) {
            FuncType f = m.funcType(explicit);
            for (int i = f == null ? 0 : f.params().length; i > 0; i--) {
                paramIds.add(null, c, 0);
            }
        }
        return explicit;
    }

    /** A {@code (param ...)} after the results is a syntax error (reported before any type check). */
    private void noParamAfterResult() {
        if (c.peekParenKeyword("param")) {
            throw c.unexpected();
        }
    }

    /** Inline parameters and results given with {@code (type x)} must match the type's definition. */
    private void checkInline(int typeIndex, int typeToken, IntList params, IntList results) {
        if (params.isEmpty() && results.isEmpty()) {
            return;
        }
        if (Integer.compareUnsigned(typeIndex, m.typeCount()) >= 0) {
            throw c.errorAt(typeToken, "unknown type");
        }
        FuncType f = m.funcType(typeIndex);
        if (f != null && !(java.util.Arrays.equals(f.params(), params.toArray())
                && java.util.Arrays.equals(f.results(), results.toArray()))) {
            throw c.errorAt(typeToken, "inline function type");
        }
    }

    /**
     * A block type: empty ({@link #BLOCK_EMPTY}), a single result value type {@code v} (returned as
     * {@code ~v}), or a type index (returned as a non-negative u32, defined implicitly if needed).
     */
    long blockType() {
        int typeToken = c.pos();
        if (c.acceptParenKeyword("type")) {
            int explicit = m.types.read(c);
            c.expectRpar();
            IntList params = new IntList();
            IntList results = new IntList();
            params(params, null);
            results(results);
            noParamAfterResult();
            checkInline(explicit, typeToken, params, results);
            return Integer.toUnsignedLong(explicit);
        }
        IntList params = new IntList();
        IntList results = new IntList();
        params(params, null);
        results(results);
        noParamAfterResult();
        if (params.isEmpty()) {
            if (results.isEmpty()) {
                return BLOCK_EMPTY;
            }
            if (results.size() == 1) {
                return ~(long) results.get(0);
            }
        }
        return m.implicitType(new FuncType(params.toArray(), results.toArray()));
    }
}
