package dev.wasmj;

import dev.wasmj.internal.runtime.TagInstance;

/** An exception tag of a {@link Store}: exported by an instance or made by the host. */
public final class Tag implements Extern {
    private final Store<?> store;
    final TagInstance instance;

    Tag(Store<?> store, TagInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    /** A new tag, distinct from every other, with payload of {@code type}'s parameters. */
    public static Tag of(Store<?> store, TagType type) {
        if (!type.type().results().isEmpty()) {
            throw new IllegalArgumentException("a tag's function type has no results: " + type);
        }
        return new Tag(store, new TagInstance(store.engine().canonical(type.type())));
    }

    public Store<?> store() {
        return store;
    }

    @Override
    public TagType type() {
        return new TagType(FuncType.of(instance.type(), store.engine().registry()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tag t && t.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "Tag" + type();
    }
}
