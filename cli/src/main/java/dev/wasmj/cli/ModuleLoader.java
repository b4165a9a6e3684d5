package dev.wasmj.cli;

import dev.wasmj.format.Features;
import dev.wasmj.format.WasmModule;

/**
 * Loads modules the one way wasmj loads them: a binary module is decoded and validated; a text
 * module is parsed, encoded, and then loaded as a binary module, so feature gating and every check
 * of the decoder apply to text too.
 */
public final class ModuleLoader {
    private final Features features;

    public ModuleLoader(Features features) {
        this.features = features;
    }

    /** The features modules are checked against. */
    public Features features() {
        return features;
    }

    /** A module that passed every check, with its binary encoding. */
    public record LoadedModule(byte[] binary, WasmModule module) {}

    /** Decodes and validates the binary module {@code bytes}. */
    public LoadedModule binary(byte[] bytes) {
        throw new UserException("cannot load binary modules yet: the decoder has not landed");
    }

    /** Parses the text module {@code text}, then loads its binary encoding. */
    public LoadedModule text(String text) {
        throw new UserException("cannot load text modules yet: the text parser has not landed");
    }
}
