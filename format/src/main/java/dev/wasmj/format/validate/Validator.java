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
 * the lowest function index, so the outcome does not depend on scheduling. Last, the branch hints
 * (if any) must point at branches ({@code BranchHintChecker}).
 */
public final class Validator {
    /** Below this much code, bodies are checked on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 64 * 1024;

    private Validator() {}

    /**
     * Validates {@code module} with {@code features} enabled, canonicalizing its types in the
     * {@linkplain TypeRegistry#global() global registry}.
     *
     * @throws dev.wasmj.format.InvalidException   if the module breaks a validation rule (or its branch
     *                                             hints do not point at branches)
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
        BranchHintChecker.check(module);
        return new ValidatedModule(module, mv.types(), Arrays.asList(infos));
    }

    private static FunctionInfo[] validateBodies(ModuleContext m) {
        List<FunctionBody> bodies = m.module.codes();
        int n = bodies.size();
        FunctionInfo[] infos = new FunctionInfo[n];
        WasmFormatException[] errors = new WasmFormatException[n];
        AtomicInteger firstError = new AtomicInteger(n);
        long codeSize = 0;
        for (FunctionBody b : bodies) {
            codeSize += b.code().length();
        }
        int threads = Runtime.getRuntime().availableProcessors();
        if (n < 2 || codeSize < PARALLEL_THRESHOLD || threads < 2) {
            validateRange(m, 0, n, infos, errors, firstError);
        } else {
            int[] bounds = chunks(bodies, codeSize, Math.min(n, threads * 8));
            IntStream.range(0, bounds.length - 1).parallel()
                    .forEach(k -> validateRange(m, bounds[k], bounds[k + 1], infos, errors, firstError));
        }
        int first = firstError.get();
        if (first < n) {
            throw errors[first];
        }
        return infos;
    }

    /** Splits the bodies into {@code chunks} ranges of about equal code size; returns their bounds. */
    private static int[] chunks(List<FunctionBody> bodies, long codeSize, int chunks) {
        int[] bounds = new int[chunks + 1];
        long perChunk = codeSize / chunks + 1;
        long acc = 0;
        int c = 1;
        for (int i = 0; i < bodies.size() && c < chunks; i++) {
            acc += bodies.get(i).code().length();
            if (acc >= perChunk * c) {
                bounds[c++] = i + 1;
            }
        }
        while (c <= chunks) {
            bounds[c++] = bodies.size();
        }
        return bounds;
    }

    /**
     * Validates the bodies of defined functions {@code from..to}. Stops at the first invalid one,
     * recording its error, and skips functions above the lowest failed index: that error is the one
     * reported, whatever the order the ranges run in.
     */
    private static void validateRange(ModuleContext m, int from, int to, FunctionInfo[] infos,
                                      WasmFormatException[] errors, AtomicInteger firstError) {
        if (from >= to || from > firstError.get()) {
            return;
        }
        FunctionValidator v = new FunctionValidator(m);
        int imported = m.module.importedFuncCount();
        List<FunctionBody> bodies = m.module.codes();
        for (int i = from; i < to && i < firstError.get(); i++) {
            try {
                infos[i] = v.validateFunction(imported + i, bodies.get(i));
            } catch (WasmFormatException e) {
                errors[i] = e;
                firstError.accumulateAndGet(i, Math::min);
                return;
            }
        }
    }
}
