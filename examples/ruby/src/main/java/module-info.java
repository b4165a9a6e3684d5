/**
 * An example of embedding a language runtime with wasmj: CRuby compiled to WebAssembly
 * ({@code ruby.wasm} of the npm package {@code @ruby/3.4-wasm-wasi}) driven from Java through
 * wasmj's public API. {@link dev.wasmj.examples.ruby.RubyVm} is the entry point.
 */
module dev.wasmj.examples.ruby {
    requires transitive dev.wasmj.wasi;
    exports dev.wasmj.examples.ruby;
}
