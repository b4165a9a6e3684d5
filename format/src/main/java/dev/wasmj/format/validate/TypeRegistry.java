package dev.wasmj.format.validate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Canonical recursion groups shared across modules: the iso-recursive type equivalence of
 * WebAssembly 3.0 made into identity.
 *
 * <p>A recursion group is keyed by its structure, where a reference to a type of the same group
 * is written relative to the group and a reference to an earlier type is written as that type's
 * global id. Equal keys mean equivalent groups, so each distinct group is stored once and its
 * types get consecutive global ids. Modules validated against one registry (normally
 * {@link #global()}) can compare their types by id, which is what import matching needs.
 *
 * <p>Thread safe: interning is synchronized, lookups by id are lock free.
 */
public final class TypeRegistry {
    private static final TypeRegistry GLOBAL = new TypeRegistry();

    /** The largest number of types a registry holds: ids must fit a heap type's index bits. */
    static final int MAX_TYPES = dev.wasmj.format.HeapType.INDEX_MASK;

    private final Map<Key, Group> groups = new HashMap<>();
    private volatile DefType[] types = new DefType[256];
    private int count;

    /** An empty registry; most callers want the shared {@link #global()} one. */
    public TypeRegistry() {
    }

    /** The registry shared by the whole JVM. */
    public static TypeRegistry global() {
        return GLOBAL;
    }

    /** The type with global id {@code id}. */
    public DefType get(int id) {
        return types[id];
    }

    /** The number of canonical types held. */
    public synchronized int size() {
        return count;
    }

    /**
     * The canonical final function type without supertypes whose parameter and result types are
     * {@code params} and {@code results} in closed form (concrete heap types are ids of this
     * registry): the type a module defines as {@code (type (func (param ...) (result ...)))}. For
     * types made by an embedder, e.g. of host functions.
     */
    public DefType funcType(int[] params, int[] results) {
        int[] key = new int[7 + params.length + results.length];
        key[0] = 1;                 // one type in the group
        key[1] = 1;                 // final, a function (kind 0)
        key[2] = 0;                 // no supertypes
        key[3] = -1;                // describes nothing
        key[4] = -1;                // no descriptor
        key[5] = params.length;
        System.arraycopy(params, 0, key, 6, params.length);
        key[6 + params.length] = results.length;
        System.arraycopy(results, 0, key, 7 + params.length, results.length);
        dev.wasmj.format.FuncType closed = new dev.wasmj.format.FuncType(params.clone(), results.clone());
        Group g = intern(key, 1, first -> new DefType[] {new DefType(first, first, 1, true, -1, 0, closed, -1, -1)});
        g.valid = true;
        return get(g.first);
    }

    /** A canonical group: its first id, and whether its subtype declarations were found valid. */
    static final class Group {
        final int first;
        final int size;
        volatile boolean valid;

        Group(int first, int size) {
            this.first = first;
            this.size = size;
        }
    }

    /**
     * The canonical group with structural key {@code key}; when there is none yet, its types are
     * made by {@code factory} (given the first id they get) and stored.
     */
    synchronized Group intern(int[] key, int size, IntFunction<DefType[]> factory) {
        Key k = new Key(key);
        Group g = groups.get(k);
        if (g != null) {
            return g;
        }
        if (count > MAX_TYPES - size) {
            throw new dev.wasmj.format.InvalidException("too many types: the type registry is full", -1);
        }
        g = new Group(count, size);
        DefType[] made = factory.apply(count);
        DefType[] t = types;
        if (count + size > t.length) {
            t = Arrays.copyOf(t, Math.max(t.length * 2, count + size));
        }
        System.arraycopy(made, 0, t, count, size);
        count += size;
        types = t; // volatile write publishes the new entries
        groups.put(k, g);
        return g;
    }

    /**
     * The depth of type {@code id}, for a factory that makes a group whose types are not yet
     * published: {@code made} holds the group's types made so far, starting at {@code first}.
     */
    int depthOf(int id, int first, DefType[] made) {
        return id >= first ? made[id - first].depth() : types[id].depth();
    }

    /**
     * A group's structural key. Comparable, so that a HashMap bin of keys whose hashes collide
     * (easy to craft: the hash is a polynomial in type ids) becomes a tree, not a list scanned
     * on every lookup.
     */
    private record Key(int[] data, int hash) implements Comparable<Key> {
        Key(int[] data) {
            this(data, Arrays.hashCode(data));
        }

        @Override
        public int compareTo(Key o) {
            return Arrays.compare(data, o.data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.data, data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
