package dev.wasmj;

import dev.wasmj.internal.runtime.ModuleInstance;
import java.util.Optional;

/**
 * What a {@link HostFunction} sees of its caller: the store (and its data) and the exports of the
 * calling instance, e.g. its memory to read a string the guest passed as pointer and length.
 *
 * @param <T> the type of the store's data
 */
public final class Caller<T> {
    private final Store<T> store;
    private final ModuleInstance instance;

    Caller(Store<T> store, ModuleInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    public Store<T> store() {
        return store;
    }

    /** The store's data. */
    public T data() {
        return store.data();
    }

    /** The calling instance, absent when the host called the function directly. */
    public Optional<Instance> instance() {
        return instance == null ? Optional.empty() : Optional.of(new Instance(store, instance));
    }

    /** The calling instance's export named {@code name}, if there is a calling instance and such an export. */
    public Optional<Extern> export(String name) {
        return instance().flatMap(i -> i.export(name));
    }

    /**
     * The calling instance's memory exported as {@code name}.
     *
     * @throws IllegalArgumentException if there is no such memory
     */
    public Memory memory(String name) {
        return export(name).filter(e -> e instanceof Memory).map(e -> (Memory) e)
                .orElseThrow(() -> new IllegalArgumentException("the caller exports no memory named \"" + name + "\""));
    }
}
