package dev.wasmj.internal.compiler;

import dev.wasmj.format.validate.ValidatedModule;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The generated code of one engine's modules: per module (by identity, held weakly) and variant
 * ({@link Compiler#variant}), the object that holds it. An entry goes when its module is unreachable
 * (its code, which holds no instance and not the module, with it). Thread safe.
 *
 * @param <V> what is kept per module and variant
 */
final class CodeCache<V> {
    private final ReferenceQueue<ValidatedModule> dropped = new ReferenceQueue<>();
    private final Map<Key, V> entries = new HashMap<>();

    /** A module by identity and a variant; weak on the module. */
    private static final class Key extends WeakReference<ValidatedModule> {
        private final int hash;
        private final String variant;

        Key(ValidatedModule module, String variant, ReferenceQueue<ValidatedModule> queue) {
            super(module, queue);
            this.hash = System.identityHashCode(module) * 31 + variant.hashCode();
            this.variant = variant;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            return o instanceof Key k && get() != null && k.get() == get() && k.variant.equals(variant);
        }
    }

    /** The value for {@code module} and {@code variant}, made by {@code make} if there is none yet. */
    synchronized V get(ValidatedModule module, String variant, Supplier<V> make) {
        for (Object gone; (gone = dropped.poll()) != null;) {
            entries.remove(gone);
        }
        Key probe = new Key(module, variant, null);
        V v = entries.get(probe);
        if (v == null) {
            v = make.get();
            entries.put(new Key(module, variant, dropped), v);
        }
        return v;
    }

    /** How many modules and variants have code (for tests). */
    synchronized int size() {
        for (Object gone; (gone = dropped.poll()) != null;) {
            entries.remove(gone);
        }
        return entries.size();
    }
}
