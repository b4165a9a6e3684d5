package dev.wasmj;

import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.GlobalInstance;
import dev.wasmj.internal.runtime.Instantiator;
import dev.wasmj.internal.runtime.MemoryInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.TableInstance;
import dev.wasmj.internal.runtime.TagInstance;
import dev.wasmj.internal.runtime.UnlinkableException;

/** Conversions between {@link Extern} handles and the engines' objects, and instantiation. */
final class Externs {
    private Externs() {}

    /** The handle in {@code store} of engine object {@code object} (a {@code *Instance}). */
    static Extern wrap(Store<?> store, Object object) {
        return switch (object) {
            case FunctionInstance f -> new Func(store, f);
            case MemoryInstance m -> m.shared() ? new SharedMemory(store.engine(), m) : new Memory(store, m);
            case TableInstance t -> new Table(store, t);
            case GlobalInstance g -> new Global(store, g);
            case TagInstance t -> new Tag(store, t);
            default -> throw new IllegalStateException("not an extern: " + object);
        };
    }

    /**
     * The engine object of {@code extern} for use in {@code store}.
     *
     * @throws IllegalArgumentException if it belongs to another store (or engine)
     */
    static Object unwrap(Store<?> store, Extern extern) {
        return switch (extern) {
            case Func f -> {
                store.check(f.store(), f);
                yield f.instance;
            }
            case Memory m -> {
                store.check(m.store(), m);
                yield m.instance;
            }
            case SharedMemory m -> {
                store.checkEngine(m.engine(), m);
                yield m.instance;
            }
            case Table t -> {
                store.check(t.store(), t);
                yield t.instance;
            }
            case Global g -> {
                store.check(g.store(), g);
                yield g.instance;
            }
            case Tag t -> {
                store.check(t.store(), t);
                yield t.instance;
            }
        };
    }

    /**
     * Instantiates {@code module} in {@code store} with {@code imports} (in import order; null for
     * one not defined).
     *
     * @throws LinkException if an import is missing or does not match, or a limit is reached
     * @throws Trap          if initialisation or the start function traps
     */
    static Instance instantiate(Store<?> store, Module module, Extern[] imports) {
        store.checkEngine(module.engine(), module);
        var declared = module.imports();
        if (imports.length != declared.size()) {
            throw new LinkException("expected " + declared.size() + " imports, got " + imports.length);
        }
        Object[] objects = new Object[imports.length];
        for (int i = 0; i < imports.length; i++) {
            ImportType it = declared.get(i);
            if (imports[i] == null) {
                throw new LinkException("unknown import: " + it.module() + "::" + it.name() + " has not been defined");
            }
            objects[i] = unwrap(store, imports[i]);
        }
        store.enter();
        try {
            ModuleInstance instance = Instantiator.instantiate(store.context(), module.validated(), objects);
            return new Instance(store, instance);
        } catch (UnlinkableException e) {
            throw new LinkException(explain(e.getMessage(), declared, imports));
        } finally {
            store.exit();
        }
    }

    /** Adds the expected and found types to an "incompatible import type for m::n" message. */
    private static String explain(String message, java.util.List<ImportType> declared, Extern[] imports) {
        for (int i = 0; i < imports.length; i++) {
            ImportType it = declared.get(i);
            if (message.endsWith(" " + it.module() + "::" + it.name())) {
                return message + ": expected " + it.type() + ", found " + imports[i].type();
            }
        }
        return message;
    }
}
