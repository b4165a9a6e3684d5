package dev.wasmj;

import java.util.List;
import java.util.function.Function;

/**
 * A module whose imports a {@link Linker} has resolved once ({@link Linker#instantiatePre}), ready
 * to be instantiated many times cheaply, each time in any store of the engine. Definitions that are
 * store-independent (host functions defined with {@link Linker#func}) work in every store; an
 * extern defined with {@link Linker#define} works only in its own store.
 *
 * @param <T> the type of the stores' data
 */
public final class InstancePre<T> {
    private final Module module;
    private final List<Function<Store<T>, Extern>> imports;

    InstancePre(Module module, List<Function<Store<T>, Extern>> imports) {
        this.module = module;
        this.imports = List.copyOf(imports);
    }

    public Module module() {
        return module;
    }

    /**
     * Instantiates the module in {@code store}.
     *
     * @throws LinkException            if an import does not match, or a store limit is reached
     * @throws Trap                     if initialisation or the start function traps
     * @throws IllegalArgumentException if a store-bound definition belongs to another store
     */
    public Instance instantiate(Store<T> store) {
        Extern[] externs = new Extern[imports.size()];
        for (int i = 0; i < externs.length; i++) {
            externs[i] = imports.get(i).apply(store);
        }
        return Externs.instantiate(store, module, externs);
    }

    @Override
    public String toString() {
        return "InstancePre[" + module + "]";
    }
}
