package dev.wasmj.format.validate;

import dev.wasmj.format.Features;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Validates modules against the WebAssembly 3.0 specification (plus threads, wide arithmetic,
 * custom page sizes, legacy exceptions and custom descriptors, as enabled).
 *
 * <p>Module-level rules are checked first, in the reference interpreter's order; then the function
 * bodies, in parallel on all cores. When several bodies are invalid, the error reported is that of
 * the lowest function index, so the outcome does not depend on scheduling.
 */
public final class Validator {
    /** Below this much code, bodies are checked on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 64 * 1024;

    private Validator() {}

    /**
     * Validates {@code module} with {@code features} enabled, canonicalizing its types in the
     * {@linkplain TypeRegistry#global() global registry}.
     *
     * @throws dev.wasmj.format.InvalidException   if the module breaks a validation rule
     * @throws dev.wasmj.format.MalformedException for the few binary rules only seen in code
     *                                             (e.g. "data count section required")
     */
    public static ValidatedModule validate(WasmModule module, Features features) {
        return validate(module, features, TypeRegistry.global());
    }

    /** Validates {@code module}, canonicalizing its types in {@code registry}. */
    public static ValidatedModule validate(WasmModule module, Features features, TypeRegistry registry) {
        ModuleValidator mv = new ModuleValidator(module, features, registry);
        mv.validateDeclarations();
        FunctionInfo[] infos = validateBodies(mv.context());
        mv.validateStartAndExports();
        return new ValidatedModule(module, mv.types(), Arrays.asList(infos));
    }

    private static FunctionInfo[] validateBodies(ModuleContext m) {
        List<FunctionBody> bodies = m.module.codes();
        int n = bodies.size();
        int imported = m.module.importedFuncCount();
        FunctionInfo[] infos = new FunctionInfo[n];
        long codeSize = 0;
        for (FunctionBody b : bodies) {
            codeSize += b.code().length();
        }
        if (n < 2 || codeSize < PARALLEL_THRESHOLD || Runtime.getRuntime().availableProcessors() < 2) {
            FunctionValidator v = new FunctionValidator(m);
            for (int i = 0; i < n; i++) {
                infos[i] = v.validateFunction(imported + i, bodies.get(i));
            }
            return infos;
        }
        WasmFormatException[] errors = new WasmFormatException[n];
        AtomicInteger firstError = new AtomicInteger(n);
        ThreadLocal<FunctionValidator> validators = ThreadLocal.withInitial(() -> new FunctionValidator(m));
        IntStream.range(0, n).parallel().forEach(i -> {
            if (i > firstError.get()) {
                return; // a lower index already failed: its error is the one reported
            }
            try {
                infos[i] = validators.get().validateFunction(imported + i, bodies.get(i));
            } catch (WasmFormatException e) {
                errors[i] = e;
                firstError.accumulateAndGet(i, Math::min);
            }
        });
        int first = firstError.get();
        if (first < n) {
            throw errors[first];
        }
        return infos;
    }
}
