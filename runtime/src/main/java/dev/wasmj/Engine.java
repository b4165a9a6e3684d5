package dev.wasmj;

import dev.wasmj.format.Features;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.format.validate.TypeRegistry;
import java.util.Objects;

/**
 * The global context for compiling and running WebAssembly: its {@link Config} and the registry
 * that gives types of all its modules and host functions one identity. Thread safe; create one
 * and share it. {@link Module}s, {@link Store}s and {@link Linker}s belong to one engine.
 */
public final class Engine {
    private final Config config;
    private final Features features;
    private final TypeRegistry registry = new TypeRegistry();

    /** An engine with the default {@link Config}. */
    public Engine() {
        this(new Config());
    }

    /**
     * An engine with (a copy of) {@code config}.
     *
     * @throws UnsupportedOperationException if the config asks for {@link Strategy#COMPILER},
     *     which is not available yet
     */
    public Engine(Config config) {
        this.config = Objects.requireNonNull(config, "config").copy();
        if (config.strategy() == Strategy.COMPILER) {
            throw new UnsupportedOperationException(
                    "the compiler strategy is not available yet; use Strategy.INTERPRETER or Strategy.AUTO");
        }
        this.features = config.features();
    }

    /** A copy of the engine's configuration. */
    public Config config() {
        return config.copy();
    }

    /** The strategy code runs with ({@link Strategy#AUTO} resolved). */
    public Strategy strategy() {
        return Strategy.INTERPRETER;
    }

    /** The WebAssembly features modules of this engine may use. */
    public Features features() {
        return features;
    }

    TypeRegistry registry() {
        return registry;
    }

    /** The canonical type of {@code type} in this engine's registry. */
    DefType canonical(FuncType type) {
        return registry.funcType(codes(type.params()), codes(type.results()));
    }

    /** The closed-form codes of {@code types}, which must not come from another engine. */
    int[] codes(java.util.List<ValType> types) {
        int[] codes = new int[types.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = code(types.get(i));
        }
        return codes;
    }

    /** The closed-form code of {@code type}, which must not come from another engine. */
    int code(ValType type) {
        TypeRegistry r = type.registry();
        if (r != null && r != registry) {
            throw new IllegalArgumentException("type " + type + " belongs to another engine");
        }
        return type.code();
    }
}
