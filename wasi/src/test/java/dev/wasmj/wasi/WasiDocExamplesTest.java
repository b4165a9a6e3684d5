package dev.wasmj.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Engine;
import dev.wasmj.FuncType;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/wasi.md. Each region between {@code // snippet: NAME} and
 * {@code // end snippet} appears verbatim in the document ({@link WasiDocTest} checks it), and
 * runs here.
 */
class WasiDocExamplesTest {
    /** A command: writes a line to stdout and exits with status 7. */
    static final String HELLO = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "\\10\\00\\00\\00\\10\\00\\00\\00")
              (data (i32.const 16) "hello from WASI\\n")
              (func (export "_start")
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                (call $proc_exit (i32.const 7))))
            """;

    @Test
    void runACommand(@TempDir Path dataDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = -1;
        // snippet: run
        Engine engine = new Engine();
        Module module = Module.fromWat(engine, HELLO); // or Module.fromFile(engine, Path.of("hello.wasm"))
        Linker<WasiCtx> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        WasiCtx wasi = new WasiConfig()
                .args("hello", "world")
                .env("LANG", "C.UTF-8")
                .stdout(output) // or .inheritStdout(), .stdout(Path)
                .preopenedDir(dataDir, "/data", EnumSet.of(DirPerms.READ), EnumSet.of(FilePerms.READ))
                .build();
        try (Store<WasiCtx> store = new Store<>(engine, wasi)) {
            linker.instantiate(store, module).func("_start").call();
            status = 0; // returned from _start without proc_exit
        } catch (WasiExit exit) {
            status = exit.status(); // proc_exit(7)
        } finally {
            wasi.close(); // flushes stdout and stderr, closes what the guest opened
        }
        // end snippet
        assertThat(status).isEqualTo(7);
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("hello from WASI\n");
    }

    @Test
    void wasiBesideTheHostsOwnState() {
        List<String> log;
        // snippet: state
        record Host(WasiCtx wasi, List<String> log) {}

        Engine engine = new Engine();
        Linker<Host> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, Host::wasi);
        linker.func("host", "log", FuncType.of(List.of(ValType.I32), List.of()), (caller, args) -> {
            caller.data().log().add("guest says " + args[0].i32());
            return Val.NONE;
        });
        Module module = Module.fromWat(engine, """
                (module
                  (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
                  (import "host" "log" (func $log (param i32)))
                  (memory (export "memory") 1)
                  (func (export "run") (call $log (call $yield))))
                """);
        Host host = new Host(new WasiConfig().inheritStdio().build(), new ArrayList<>());
        try (Store<Host> store = new Store<>(engine, host)) {
            linker.instantiate(store, module).func("run").call();
        } finally {
            host.wasi().close();
        }
        // host.log() is ["guest says 0"]
        // end snippet
        log = host.log();
        assertThat(log).containsExactly("guest says 0");
    }
}
