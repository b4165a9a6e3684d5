package dev.wasmj.internal.runtime;

import dev.wasmj.format.validate.ValidatedModule;

/** Makes module instances: import checking, allocation, segment initialisation, the start function. */
public final class Instantiator {
    private Instantiator() {}

    /**
     * Instantiates {@code module} (validated against the store's registry) in {@code store}.
     *
     * @param imports the {@code *Instance} objects ({@link FunctionInstance}, {@link TableInstance},
     *                {@link MemoryInstance}, {@link GlobalInstance}, {@link TagInstance}) in import order
     * @throws UnlinkableException if an import is missing or of an incompatible type ("unknown import",
     *                             "incompatible import type"), or a store count limit is reached
     * @throws dev.wasmj.Trap      if segment initialisation or the start function traps (the instance's
     *                             effects on imported objects stay, as the spec says)
     */
    public static ModuleInstance instantiate(StoreContext store, ValidatedModule module, Object[] imports) {
        throw new UnsupportedOperationException("not yet");
    }
}
