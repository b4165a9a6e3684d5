package dev.wasmj.format;

import java.util.EnumSet;
import java.util.Set;

/**
 * An immutable set of enabled {@link Feature}s.
 *
 * <p>{@link #WASM_3_0} is the WebAssembly 3.0 standard; {@link #DEFAULT} adds threads, wide
 * arithmetic, custom page sizes and the legacy exception instructions; {@link #ALL} adds the
 * custom-descriptors proposal.
 */
public final class Features {
    private final EnumSet<Feature> enabled;

    public static final Features ALL = new Features(EnumSet.allOf(Feature.class));
    public static final Features DEFAULT = ALL.without(Feature.CUSTOM_DESCRIPTORS);
    /** The WebAssembly 3.0 standard. */
    public static final Features WASM_3_0 = ALL.without(Feature.CUSTOM_DESCRIPTORS).without(Feature.THREADS)
            .without(Feature.WIDE_ARITHMETIC).without(Feature.CUSTOM_PAGE_SIZES).without(Feature.LEGACY_EXCEPTIONS);
    /** WebAssembly 1.0 (the MVP), with none of the later proposals. */
    public static final Features MVP = new Features(EnumSet.noneOf(Feature.class));

    private Features(EnumSet<Feature> enabled) {
        this.enabled = enabled;
    }

    public static Features of(Set<Feature> features) {
        return new Features(features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
    }

    public boolean has(Feature f) {
        return enabled.contains(f);
    }

    public Features with(Feature f) {
        EnumSet<Feature> e = EnumSet.copyOf(enabled);
        e.add(f);
        return new Features(e);
    }

    public Features without(Feature f) {
        EnumSet<Feature> e = enabled.clone();
        e.remove(f);
        return new Features(e);
    }

    public Set<Feature> asSet() {
        return java.util.Collections.unmodifiableSet(enabled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features f && f.enabled.equals(enabled);
    }

    @Override
    public int hashCode() {
        return enabled.hashCode();
    }

    @Override
    public String toString() {
        return enabled.toString();
    }
}
