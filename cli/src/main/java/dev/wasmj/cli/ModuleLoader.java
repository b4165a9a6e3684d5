package dev.wasmj.cli;

import dev.wasmj.format.Features;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.text.ParsedModule;
import dev.wasmj.format.text.WatParser;
import dev.wasmj.format.validate.ValidatedModule;
import dev.wasmj.format.validate.Validator;

/**
 * Loads modules the one way wasmj loads them: a binary module is decoded and validated; a text
 * module is parsed, encoded, and then loaded as a binary module, so feature gating and every check
 * of the decoder apply to text too, and the encoder is exercised on every text module.
 *
 * <p>Every method throws {@link dev.wasmj.format.MalformedException} or
 * {@link dev.wasmj.format.InvalidException} for a module that is not accepted.
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

    /** A module that passed every check: its binary encoding, its model and its validation. */
    public record LoadedModule(byte[] binary, WasmModule module, ValidatedModule validated) {}

    /** Decodes and validates the binary module {@code bytes}. */
    public LoadedModule binary(byte[] bytes) {
        WasmModule module = BinaryDecoder.decode(bytes, features);
        return new LoadedModule(bytes, module, Validator.validate(module, features));
    }

    /**
     * Loads the encoding of the module parsed from text; a validation error inside an instruction
     * sequence is reported at the instruction's line and column (other errors keep their byte
     * offset in the encoding).
     */
    public LoadedModule parsed(ParsedModule parsed) {
        byte[] bytes = BinaryEncoder.encode(parsed.module());
        WasmModule module = BinaryDecoder.decode(bytes, features);
        try {
            return new LoadedModule(bytes, module, Validator.validate(module, features));
        } catch (WasmFormatException e) {
            throw parsed.sourceMap().locate(e, module);
        }
    }

    /** Parses the text module {@code text}, then loads its encoding as {@link #parsed} does. */
    public LoadedModule text(String text) {
        return parsed(WatParser.parse(text, Features.ALL));
    }
}
