/**
 * wasmj's embedding API ({@code dev.wasmj}: Engine, Module, Store, Linker, Instance, Func, Memory,
 * Table, Global, Tag, Val, Trap, ...) and the engines behind it. Everything under
 * {@code dev.wasmj.internal} is an implementation detail and not exported.
 */
module dev.wasmj {
    requires transitive dev.wasmj.format;
    exports dev.wasmj;
}
