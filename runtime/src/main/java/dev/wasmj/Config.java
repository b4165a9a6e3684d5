package dev.wasmj;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import java.util.EnumSet;
import java.util.Objects;

/**
 * The settings of an {@link Engine}: which WebAssembly features modules may use, how code runs,
 * and what is instrumented. Like Wasmtime's {@code Config}: a mutable builder whose setters return
 * {@code this}; an engine copies it when created, so later changes do not affect the engine.
 *
 * <p>By default every feature of WebAssembly 3.0 is enabled, plus threads, wide arithmetic, custom
 * page sizes and the legacy exception instructions ({@link Features#DEFAULT}); the
 * custom-descriptors proposal is off.
 *
 * <p>Fuel, epoch interruption, async support and {@link #maxWasmStack} are recorded here and
 * reported by the engine, but not enforced yet: they come with their own issues. Until then the
 * interpreter bounds its own stacks (100,000 frames, 4 Mi values) and traps with
 * {@link TrapCode#STACK_OVERFLOW} beyond them.
 */
public final class Config {
    /** The default {@link #maxWasmStack}: 512 KiB, like Wasmtime. */
    public static final long DEFAULT_MAX_WASM_STACK = 512 * 1024;

    private final EnumSet<Feature> features = EnumSet.copyOf(Features.DEFAULT.asSet());
    private Strategy strategy = Strategy.AUTO;
    private boolean consumeFuel;
    private boolean epochInterruption;
    private boolean asyncSupport;
    private long maxWasmStack = DEFAULT_MAX_WASM_STACK;

    public Config() {
    }

    private Config(Config other) {
        features.clear();
        features.addAll(other.features);
        strategy = other.strategy;
        consumeFuel = other.consumeFuel;
        epochInterruption = other.epochInterruption;
        asyncSupport = other.asyncSupport;
        maxWasmStack = other.maxWasmStack;
    }

    /** A copy of this configuration. */
    public Config copy() {
        return new Config(this);
    }

    /** Enables or disables {@code feature}. */
    public Config feature(Feature feature, boolean enabled) {
        Objects.requireNonNull(feature, "feature");
        if (enabled) {
            features.add(feature);
        } else {
            features.remove(feature);
        }
        return this;
    }

    /** Enables exactly {@code enabled}. */
    public Config features(Features enabled) {
        features.clear();
        features.addAll(enabled.asSet());
        return this;
    }

    /** The enabled features. */
    public Features features() {
        return Features.of(features);
    }

    /** Whether {@code feature} is enabled. */
    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    public Config wasmMutableGlobals(boolean enable) {
        return feature(Feature.MUTABLE_GLOBALS, enable);
    }

    public Config wasmSignExtension(boolean enable) {
        return feature(Feature.SIGN_EXTENSION, enable);
    }

    public Config wasmSaturatingFloatToInt(boolean enable) {
        return feature(Feature.SATURATING_FLOAT_TO_INT, enable);
    }

    public Config wasmMultiValue(boolean enable) {
        return feature(Feature.MULTI_VALUE, enable);
    }

    public Config wasmBulkMemory(boolean enable) {
        return feature(Feature.BULK_MEMORY, enable);
    }

    public Config wasmReferenceTypes(boolean enable) {
        return feature(Feature.REFERENCE_TYPES, enable);
    }

    public Config wasmSimd(boolean enable) {
        return feature(Feature.SIMD, enable);
    }

    public Config wasmRelaxedSimd(boolean enable) {
        return feature(Feature.RELAXED_SIMD, enable);
    }

    public Config wasmTailCall(boolean enable) {
        return feature(Feature.TAIL_CALL, enable);
    }

    public Config wasmExtendedConst(boolean enable) {
        return feature(Feature.EXTENDED_CONST, enable);
    }

    public Config wasmMultiMemory(boolean enable) {
        return feature(Feature.MULTI_MEMORY, enable);
    }

    public Config wasmMemory64(boolean enable) {
        return feature(Feature.MEMORY64, enable);
    }

    public Config wasmFunctionReferences(boolean enable) {
        return feature(Feature.FUNCTION_REFERENCES, enable);
    }

    public Config wasmGc(boolean enable) {
        return feature(Feature.GC, enable);
    }

    public Config wasmExceptions(boolean enable) {
        return feature(Feature.EXCEPTIONS, enable);
    }

    public Config wasmLegacyExceptions(boolean enable) {
        return feature(Feature.LEGACY_EXCEPTIONS, enable);
    }

    public Config wasmThreads(boolean enable) {
        return feature(Feature.THREADS, enable);
    }

    public Config wasmWideArithmetic(boolean enable) {
        return feature(Feature.WIDE_ARITHMETIC, enable);
    }

    public Config wasmCustomPageSizes(boolean enable) {
        return feature(Feature.CUSTOM_PAGE_SIZES, enable);
    }

    public Config wasmCustomDescriptors(boolean enable) {
        return feature(Feature.CUSTOM_DESCRIPTORS, enable);
    }

    /** How code runs; {@link Strategy#AUTO} by default. */
    public Config strategy(Strategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** Whether execution consumes fuel from the store (recorded; enforced in a later issue). */
    public Config consumeFuel(boolean enable) {
        this.consumeFuel = enable;
        return this;
    }

    public boolean consumeFuel() {
        return consumeFuel;
    }

    /** Whether code checks the engine's epoch (recorded; enforced in a later issue). */
    public Config epochInterruption(boolean enable) {
        this.epochInterruption = enable;
        return this;
    }

    public boolean epochInterruption() {
        return epochInterruption;
    }

    /** Whether calls may be asynchronous (recorded; implemented in a later issue). */
    public Config asyncSupport(boolean enable) {
        this.asyncSupport = enable;
        return this;
    }

    public boolean asyncSupport() {
        return asyncSupport;
    }

    /**
     * The most stack, in bytes, WebAssembly code may use before it traps with
     * {@link TrapCode#STACK_OVERFLOW}; {@link #DEFAULT_MAX_WASM_STACK} by default. Recorded; the
     * interpreter does not size its stacks by it yet (see the class comment).
     */
    public Config maxWasmStack(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxWasmStack must be positive: " + bytes);
        }
        this.maxWasmStack = bytes;
        return this;
    }

    public long maxWasmStack() {
        return maxWasmStack;
    }
}
