/**
 * The SQLite example: SQLite compiled to WebAssembly for WASI, run from Java on wasmj
 * ({@link dev.wasmj.examples.sqlite.SqliteExample}).
 */
module dev.wasmj.examples.sqlite {
    requires dev.wasmj.wasi;
}
