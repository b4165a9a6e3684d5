package dev.wasmj.internal.runtime;

/** What a host function sees of its caller. */
public final class CallContext {
    private final StoreContext store;
    private final ModuleInstance caller;

    public CallContext(StoreContext store, ModuleInstance caller) {
        this.store = store;
        this.caller = caller;
    }

    /** The instance of the calling Wasm function, or null when the host called the function directly. */
    public ModuleInstance caller() {
        return caller;
    }

    public StoreContext store() {
        return store;
    }
}
