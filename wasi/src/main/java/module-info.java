/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for wasmj: {@link dev.wasmj.wasi.WasiConfig}
 * describes what a guest may touch (arguments, environment, stdio, preopened directories, a
 * listening socket), {@link dev.wasmj.wasi.WasiPreview1#addToLinker} defines the 46 functions in a
 * {@link dev.wasmj.Linker}. Everything under {@code dev.wasmj.wasi.internal} is an implementation
 * detail.
 */
module dev.wasmj.wasi {
    requires transitive dev.wasmj;
    requires java.management;
    exports dev.wasmj.wasi;
}
