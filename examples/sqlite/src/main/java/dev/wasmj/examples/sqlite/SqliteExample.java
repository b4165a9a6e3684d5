package dev.wasmj.examples.sqlite;

import dev.wasmj.Engine;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.WasiCtx;
import dev.wasmj.wasi.WasiExit;
import dev.wasmj.wasi.WasiPreview1;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQLite, compiled to a WASI command ({@code driver.wasm}, built by
 * {@code examples/sqlite/build.sh}), on wasmj: the driver creates a database file in a directory
 * the host hands it, fills a table with 100,000 rows and queries it.
 *
 * <pre>
 * java -p ... -m dev.wasmj.examples.sqlite/dev.wasmj.examples.sqlite.SqliteExample DRIVER.wasm DIRECTORY [ROWS]
 * </pre>
 *
 * The guest sees {@code DIRECTORY} as {@value #GUEST_DIRECTORY} and nothing else of the host's
 * file system; the database is {@code DIRECTORY/test.db}.
 */
public final class SqliteExample {
    /** The name under which the guest sees the directory it is given. */
    public static final String GUEST_DIRECTORY = "/data";

    private SqliteExample() {}

    /**
     * Runs a WASI command module: instantiates it with WASI preview 1 configured by {@code wasi}
     * and calls its {@code _start}.
     *
     * @return the guest's exit status: 0 when {@code _start} returns, else the status it passed to
     *     {@code proc_exit}
     * @throws dev.wasmj.Trap if the guest traps
     */
    public static int run(Module command, WasiConfig wasi) {
        Engine engine = command.engine();
        Linker<WasiCtx> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        // closing the context flushes the guest's stdout and stderr, also after proc_exit or a trap
        try (WasiCtx ctx = wasi.build(); Store<WasiCtx> store = new Store<>(engine, ctx)) {
            linker.instantiate(store, command).func("_start").call();
            return 0;
        } catch (WasiExit exit) {
            return exit.status();
        }
    }

    /**
     * The driver's arguments: the database file in the guest's directory, then the number of rows
     * if given.
     */
    public static List<String> driverArgs(String... rows) {
        List<String> args = new ArrayList<>(List.of("driver", GUEST_DIRECTORY + "/test.db"));
        args.addAll(List.of(rows));
        return args;
    }

    /** {@code SqliteExample DRIVER.wasm DIRECTORY [ROWS]}: exits with the driver's status. */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SqliteExample DRIVER.wasm DIRECTORY [ROWS]");
            System.exit(2);
        }
        Module driver = Module.fromFile(new Engine(), Path.of(args[0]));
        WasiConfig wasi = new WasiConfig()
                .args(driverArgs(List.of(args).subList(2, args.length).toArray(String[]::new)))
                .inheritStdout()
                .inheritStderr()
                .preopenedDir(Path.of(args[1]), GUEST_DIRECTORY);
        System.exit(run(driver, wasi));
    }
}
