/**
 * The WebAssembly front end: the module model, the binary decoder and encoder, the validator and
 * the text format (WAT and .wast scripts). Depends on the JDK alone.
 */
module dev.wasmj.format {
    exports dev.wasmj.format;
    exports dev.wasmj.format.binary;
    exports dev.wasmj.format.text;
    exports dev.wasmj.format.validate;
}
