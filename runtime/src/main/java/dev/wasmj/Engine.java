package dev.wasmj;

import dev.wasmj.format.Features;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.internal.compiler.Compiler;
import dev.wasmj.internal.runtime.CodeGenerator;
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
    private final Compiler compiler;

    /** An engine with the default {@link Config}. */
    public Engine() {
        this(new Config());
    }

    /**
     * An engine with (a copy of) {@code config}.
     *
     * @throws UnsupportedOperationException if the config asks for what is not available yet: fuel,
     *     epoch interruption or async support (accepting them and running without them would break
     *     the guarantees they promise)
     */
    public Engine(Config config) {
        this.config = Objects.requireNonNull(config, "config").copy();
        requireUnset(config.consumeFuel(), "fuel (Config.consumeFuel)");
        requireUnset(config.epochInterruption(), "epoch interruption (Config.epochInterruption)");
        requireUnset(config.asyncSupport(), "async support (Config.asyncSupport)");
        this.features = config.features();
        this.compiler = switch (config.strategy()) {
            case COMPILER -> new Compiler(false);
            case AUTO -> autoIsTiered() ? new Compiler(true) : null;
            case INTERPRETER -> null;
        };
    }

    /**
     * Whether {@link Strategy#AUTO} is tiered compilation (functions start on the interpreter and the
     * hot ones get compiled in the background) rather than the interpreter alone: the one switch. The
     * system property {@value #AUTO_PROPERTY} ({@code tiered} or {@code interpreter}) overrides it
     * when an engine is made (to try either, e.g. in a whole build).
     */
    static final boolean AUTO_IS_TIERED = true;

    /** The system property that overrides {@link #AUTO_IS_TIERED}. */
    static final String AUTO_PROPERTY = "dev.wasmj.auto";

    private static boolean autoIsTiered() {
        String auto = System.getProperty(AUTO_PROPERTY);
        return auto == null ? AUTO_IS_TIERED : auto.equals("tiered");
    }

    private static void requireUnset(boolean enabled, String what) {
        if (enabled) {
            throw new UnsupportedOperationException(what + " is not available yet");
        }
    }

    /** A copy of the engine's configuration. */
    public Config config() {
        return config.copy();
    }

    /**
     * The strategy code runs with, {@link Strategy#AUTO} resolved: {@link Strategy#COMPILER} when the
     * compiler generates code (for every function, or with AUTO for the hot ones), else
     * {@link Strategy#INTERPRETER}.
     */
    public Strategy strategy() {
        return compiler != null ? Strategy.COMPILER : Strategy.INTERPRETER;
    }

    /**
     * With the compiler: how many functions of the modules instantiated so far could not be compiled
     * and run on the interpreter instead (0 on the interpreter). The compiler is new: it compiles a
     * growing subset of WebAssembly and falls back per function for the rest. Functions compiled
     * lazily or, with {@link Strategy#AUTO}, in the background as they get hot count once compiled.
     */
    public long compilerFallbacks() {
        return compiler != null ? compiler.fallbacks() : 0;
    }

    /** The code generator for new instances, or null if everything runs on the interpreter. */
    CodeGenerator codeGenerator() {
        return compiler;
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
