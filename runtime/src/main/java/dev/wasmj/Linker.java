package dev.wasmj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a module's imports by name and instantiates it (Wasmtime's {@code Linker}). Names are
 * pairs of a module name and a field name. A definition is an {@link Extern} of a store
 * ({@link #define}), a host function that works in every store ({@link #func}), an instance's
 * exports ({@link #instance}), or a module with command or reactor semantics ({@link #module}).
 *
 * <p>Defining a name twice is a {@link LinkException} unless {@link #allowShadowing(boolean)} is
 * on, when the later definition wins. A linker is not thread safe while being defined; once
 * complete it may be used from any thread.
 *
 * @param <T> the type of the stores' data
 */
public final class Linker<T> {
    private final Engine engine;
    private final Map<Name, Definition<T>> definitions = new LinkedHashMap<>();
    private boolean allowShadowing;

    public Linker(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    public Engine engine() {
        return engine;
    }

    private record Name(String module, String name) {
        @Override
        public String toString() {
            return module + "::" + name;
        }
    }

    /** What a name is bound to: resolved to an extern when a store instantiates. */
    private sealed interface Definition<T> {
        /** The extern in {@code store}. */
        Extern resolve(Store<T> store);

        /** The definition's type. */
        ExternType type();
    }

    private record Defined<T>(Extern extern) implements Definition<T> {
        @Override
        public Extern resolve(Store<T> store) {
            return extern;
        }

        @Override
        public ExternType type() {
            return extern.type();
        }
    }

    private record HostFunc<T>(FuncType funcType, HostFunction<T> code) implements Definition<T> {
        @Override
        public Extern resolve(Store<T> store) {
            return new Func(store, Func.hostInstance(store, funcType, code));
        }

        @Override
        public ExternType type() {
            return funcType;
        }
    }

    private record Wrapped<T>(Class<?> iface, Object impl) implements Definition<T> {
        @Override
        public Extern resolve(Store<T> store) {
            return new Func(store, Func.wrapped(store.engine(), iface, impl));
        }

        @Override
        public ExternType type() {
            return TypedFunc.typeOf(iface);
        }
    }

    /** Whether a later definition of a name replaces an earlier one (off: it is an error). */
    public Linker<T> allowShadowing(boolean allow) {
        this.allowShadowing = allow;
        return this;
    }

    /** Binds {@code module::name} to {@code extern} (which works only in its own store). */
    public Linker<T> define(String module, String name, Extern extern) {
        Objects.requireNonNull(extern, "extern");
        if (extern instanceof SharedMemory m) {
            checkEngine(m.engine());
        } else {
            checkEngine(storeOf(extern).engine());
        }
        return bind(new Name(module, name), new Defined<>(extern));
    }

    /**
     * Binds {@code module::name} to a host function of {@code type} running {@code code}. The
     * definition is store-independent: each instantiation makes the function in its own store.
     */
    public Linker<T> func(String module, String name, FuncType type, HostFunction<T> code) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        engine.canonical(type); // fails now for types of another engine
        return bind(new Name(module, name), new HostFunc<>(type, code));
    }

    /**
     * Binds {@code module::name} to a host function implemented by {@code impl}, one of the JDK's
     * primitive functional interfaces that {@link Func#wrap} takes: called without boxing and
     * without a {@link Caller} (Wasmtime's {@code func_wrap}). Store-independent, like {@link #func}.
     */
    public <F> Linker<T> funcWrap(String module, String name, Class<F> iface, F impl) {
        TypedFunc.host(iface, impl); // fails now for an interface outside the table
        return bind(new Name(module, name), new Wrapped<>(iface, impl));
    }

    /** Binds every export of {@code instance} under module name {@code module}. */
    public Linker<T> instance(String module, Instance instance) {
        checkEngine(instance.store().engine());
        List<String> names = instance.exportNames();
        for (int i = 0; i < names.size(); i++) {
            define(module, names.get(i), instance.export(i));
        }
        return this;
    }

    /**
     * Binds the exports of {@code module} under module name {@code name}, with WASI's command and
     * reactor semantics. A command (it exports {@code _start}) is instantiated afresh for each
     * call of one of its exported functions, which are bound as store-independent host functions.
     * A reactor is instantiated once in {@code store} now, its {@code _initialize} export (if any)
     * called, and its exports bound like {@link #instance}'s.
     */
    public Linker<T> module(Store<T> store, String name, Module module) {
        checkEngine(module.engine());
        if (module.export("_start").isPresent()) {
            for (ExportType e : module.exports()) {
                if (e.type() instanceof FuncType ft) {
                    String export = e.name();
                    func(name, export, ft, (caller, args) -> {
                        Instance fresh = instantiate(caller.store(), module);
                        return fresh.func(export).call(args);
                    });
                }
            }
            return this;
        }
        Instance instance = instantiate(store, module);
        instance.export("_initialize").ifPresent(init -> {
            if (init instanceof Func f) {
                f.call();
            }
        });
        return instance(name, instance);
    }

    /** Binds {@code module::name} also as {@code asModule::asName}. */
    public Linker<T> alias(String module, String name, String asModule, String asName) {
        Definition<T> d = definitions.get(new Name(module, name));
        if (d == null) {
            throw new LinkException("unknown import: " + module + "::" + name + " has not been defined");
        }
        return bind(new Name(asModule, asName), d);
    }

    /**
     * Binds every function import of {@code module} that is not yet defined to a host function
     * that traps when called, so that the module instantiates and fails only if it calls one.
     */
    public Linker<T> defineUnknownImportsAsTraps(Module module) {
        for (ImportType it : unknownImports(module)) {
            if (it.type() instanceof FuncType ft) {
                String what = it.module() + "::" + it.name();
                func(it.module(), it.name(), ft, (caller, args) -> {
                    throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED,
                            "unknown import: " + what + " has not been defined");
                });
            }
        }
        return this;
    }

    /**
     * Binds every import of {@code module} that is not yet defined to a default: functions that
     * return zeros and nulls, and (in {@code store}) globals holding the default value, tables
     * of null elements and zeroed memories of their minimum sizes. Tags cannot be made up and stay
     * undefined.
     */
    public Linker<T> defineUnknownImportsAsDefaultValues(Store<T> store, Module module) {
        for (ImportType it : unknownImports(module)) {
            switch (it.type()) {
                case FuncType ft -> func(it.module(), it.name(), ft, (caller, args) -> {
                    Val[] results = new Val[ft.results().size()];
                    for (int i = 0; i < results.length; i++) {
                        results[i] = Val.defaultFor(ft.results().get(i));
                    }
                    return results;
                });
                case GlobalType gt -> {
                    if (gt.content().isDefaultable()) {
                        define(it.module(), it.name(), Global.of(store, gt, Val.defaultFor(gt.content())));
                    }
                }
                case TableType tt -> {
                    if (tt.element().nullable()) {
                        define(it.module(), it.name(), Table.of(store, tt, Val.nullOf(tt.element().heapType())));
                    }
                }
                case MemoryType mt -> define(it.module(), it.name(),
                        mt.shared() ? new SharedMemory(engine, mt) : Memory.of(store, mt));
                case TagType tt -> {
                }
            }
        }
        return this;
    }

    private List<ImportType> unknownImports(Module module) {
        checkEngine(module.engine());
        List<ImportType> unknown = new ArrayList<>();
        for (ImportType it : module.imports()) {
            if (!definitions.containsKey(new Name(it.module(), it.name()))) {
                unknown.add(it);
            }
        }
        return unknown;
    }

    /** The extern bound to {@code module::name}, made in {@code store}, if it is bound. */
    public Optional<Extern> get(Store<T> store, String module, String name) {
        Definition<T> d = definitions.get(new Name(module, name));
        return d == null ? Optional.empty() : Optional.of(d.resolve(store));
    }

    /**
     * The default function of module name {@code module}: its export named {@code ""}, else
     * {@code _start}, else a function that does nothing (Wasmtime's {@code get_default}).
     *
     * @throws LinkException if the binding found is not a function
     */
    public Func getDefault(Store<T> store, String module) {
        for (String n : new String[] {"", "_start"}) {
            Optional<Extern> e = get(store, module, n);
            if (e.isPresent()) {
                if (e.get() instanceof Func f) {
                    return f;
                }
                throw new LinkException(module + "::" + n + " is not a function");
            }
        }
        return Func.of(store, FuncType.of(List.of(), List.of()), (caller, args) -> Val.NONE);
    }

    /**
     * Instantiates {@code module} in {@code store} with the bound definitions.
     *
     * @throws LinkException            if an import is not defined ("unknown import: m::n ...") or its
     *                                  definition has an incompatible type, or a store limit is reached
     * @throws Trap                     if initialisation or the start function traps
     * @throws IllegalArgumentException if a definition belongs to another store
     */
    public Instance instantiate(Store<T> store, Module module) {
        return instantiatePre(module).instantiate(store);
    }

    /**
     * Resolves the imports of {@code module} now, for many instantiations later.
     *
     * @throws LinkException if an import is not defined
     */
    public InstancePre<T> instantiatePre(Module module) {
        checkEngine(module.engine());
        List<Function<Store<T>, Extern>> imports = new ArrayList<>();
        for (ImportType it : module.imports()) {
            Definition<T> d = definitions.get(new Name(it.module(), it.name()));
            if (d == null) {
                throw new LinkException("unknown import: " + it.module() + "::" + it.name() + " has not been defined");
            }
            imports.add(d::resolve);
        }
        return new InstancePre<>(module, imports);
    }

    private Linker<T> bind(Name name, Definition<T> definition) {
        if (!allowShadowing && definitions.containsKey(name)) {
            throw new LinkException("import of " + name + " defined twice");
        }
        definitions.put(name, definition);
        return this;
    }

    private void checkEngine(Engine other) {
        if (other != engine) {
            throw new IllegalArgumentException("definition belongs to another engine");
        }
    }

    private static Store<?> storeOf(Extern e) {
        return switch (e) {
            case Func f -> f.store();
            case Memory m -> m.store();
            case Table t -> t.store();
            case Global g -> g.store();
            case Tag t -> t.store();
            case SharedMemory m -> throw new IllegalStateException();
        };
    }
}
