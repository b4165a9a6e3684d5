/** The {@code wasmj} command. */
module dev.wasmj.cli {
    requires dev.wasmj.format;
    requires dev.wasmj;
    requires dev.wasmj.wasi;
    requires info.picocli;
    opens dev.wasmj.cli to info.picocli;
    opens dev.wasmj.cli.run to info.picocli;
}
