package dev.wasmj.internal.interpreter;

import dev.wasmj.format.Features;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.text.WatParser;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.format.validate.ValidatedModule;
import dev.wasmj.format.validate.Validator;
import dev.wasmj.internal.runtime.Calls;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.Instantiator;
import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.StoreContext;

/** Test helper: loads WAT text through the front end and instantiates it on the internal API. */
final class Wasm {
    static final TypeRegistry REGISTRY = new TypeRegistry();

    /** A store for tests. */
    static final class Store {
        final StoreContext context = new StoreContext(REGISTRY, Limiter.DEFAULT);
    }

    final StoreContext store = new StoreContext(REGISTRY, Limiter.DEFAULT);
    final ModuleInstance instance;

    Wasm(String wat, Object... imports) {
        instance = Instantiator.instantiate(store, load(wat), imports);
    }

    static ValidatedModule load(String wat) {
        Features features = Features.DEFAULT;
        byte[] bytes = BinaryEncoder.encode(WatParser.parseModule(wat));
        return Validator.validate(BinaryDecoder.decode(bytes, features), features, REGISTRY);
    }

    /** Calls export {@code name} with number arguments; returns the first result slot. */
    long call(String name, long... args) {
        long[] slots = java.util.Arrays.copyOf(args, Math.max(args.length, 4));
        Calls.invoke(store, (FunctionInstance) instance.export(name), slots, new Object[slots.length]);
        return slots[0];
    }
}
