package dev.wasmj.format.text;

import dev.wasmj.format.WasmModule;

/**
 * A module parsed from text, with where its instructions came from.
 *
 * @param module    the module
 * @param sourceMap maps byte offsets of the module's binary encoding back to the text
 */
public record ParsedModule(WasmModule module, SourceMap sourceMap) {}
