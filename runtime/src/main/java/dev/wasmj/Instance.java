package dev.wasmj;

import dev.wasmj.internal.runtime.ModuleInstance;
import java.util.List;
import java.util.Optional;

/**
 * An instance of a {@link Module} in a {@link Store}: its exports, by name or by index in the
 * module's order.
 */
public final class Instance {
    private final Store<?> store;
    final ModuleInstance instance;

    Instance(Store<?> store, ModuleInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    /**
     * Instantiates {@code module} in {@code store} with {@code imports}, one per import of the
     * module in order (Wasmtime's {@code Instance::new}). A {@link Linker} finds imports by name.
     *
     * @throws LinkException            if an import does not match, or a store limit is reached
     * @throws Trap                     if initialisation or the start function traps
     * @throws IllegalArgumentException if an import belongs to another store
     */
    public static Instance of(Store<?> store, Module module, Extern... imports) {
        return Externs.instantiate(store, module, imports);
    }

    public Store<?> store() {
        return store;
    }

    /** The export names, in the module's order. */
    public List<String> exportNames() {
        return instance.exportNames();
    }

    /** The export named {@code name}, if there is one. */
    public Optional<Extern> export(String name) {
        Object o = instance.export(name);
        return o == null ? Optional.empty() : Optional.of(Externs.wrap(store, o));
    }

    /**
     * Export number {@code index} in the module's order.
     *
     * @throws IndexOutOfBoundsException if there are not that many exports
     */
    public Extern export(int index) {
        java.util.Objects.checkIndex(index, instance.exportNames().size());
        return Externs.wrap(store, instance.export(index));
    }

    /** The function exported as {@code name}; fails with {@link IllegalArgumentException} if there is none. */
    public Func func(String name) {
        return get(name, Func.class, "function");
    }

    /** The memory exported as {@code name}; fails with {@link IllegalArgumentException} if there is none. */
    public Memory memory(String name) {
        return get(name, Memory.class, "memory");
    }

    /** The shared memory exported as {@code name}; fails with {@link IllegalArgumentException} if there is none. */
    public SharedMemory sharedMemory(String name) {
        return get(name, SharedMemory.class, "shared memory");
    }

    /** The table exported as {@code name}; fails with {@link IllegalArgumentException} if there is none. */
    public Table table(String name) {
        return get(name, Table.class, "table");
    }

    /** The global exported as {@code name}; fails with {@link IllegalArgumentException} if there is none. */
    public Global global(String name) {
        return get(name, Global.class, "global");
    }

    /** The tag exported as {@code name}; fails with {@link IllegalArgumentException} if there is none. */
    public Tag tag(String name) {
        return get(name, Tag.class, "tag");
    }

    /** A typed view ({@link Func#typed(Class)}) of the function exported as {@code name}. */
    public <F> F typedFunc(String name, Class<F> iface) {
        return func(name).typed(iface);
    }

    private <E extends Extern> E get(String name, Class<E> kind, String what) {
        return export(name).filter(kind::isInstance).map(kind::cast)
                .orElseThrow(() -> new IllegalArgumentException("no " + what + " export named \"" + name + "\""));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instance i && i.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "Instance" + (instance.name() == null ? "" : " $" + instance.name()) + " " + exportNames();
    }
}
