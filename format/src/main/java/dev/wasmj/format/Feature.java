package dev.wasmj.format;

/**
 * The WebAssembly proposals the front end understands. Each can be turned off in {@link Features};
 * a module that uses a disabled one is rejected with a message that names it.
 */
public enum Feature {
    MUTABLE_GLOBALS("mutable-globals"),
    SIGN_EXTENSION("sign-extension"),
    SATURATING_FLOAT_TO_INT("saturating-float-to-int"),
    MULTI_VALUE("multi-value"),
    BULK_MEMORY("bulk-memory"),
    REFERENCE_TYPES("reference-types"),
    SIMD("simd"),
    RELAXED_SIMD("relaxed-simd"),
    TAIL_CALL("tail-call"),
    EXTENDED_CONST("extended-const"),
    MULTI_MEMORY("multi-memory"),
    MEMORY64("memory64"),
    FUNCTION_REFERENCES("function-references"),
    GC("gc"),
    EXCEPTIONS("exceptions"),
    LEGACY_EXCEPTIONS("legacy-exceptions"),
    THREADS("threads"),
    WIDE_ARITHMETIC("wide-arithmetic"),
    CUSTOM_PAGE_SIZES("custom-page-sizes"),
    CUSTOM_DESCRIPTORS("custom-descriptors");

    private final String text;

    Feature(String text) {
        this.text = text;
    }

    /** The proposal's name as the command line spells it, e.g. {@code tail-call}. */
    public String text() {
        return text;
    }

    /** The feature named {@code text}, or null. */
    public static Feature byName(String text) {
        for (Feature f : values()) {
            if (f.text.equals(text)) return f;
        }
        return null;
    }
}
