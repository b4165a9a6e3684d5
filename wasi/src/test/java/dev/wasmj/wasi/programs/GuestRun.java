package dev.wasmj.wasi.programs;

import dev.wasmj.Engine;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Trap;
import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.WasiCtx;
import dev.wasmj.wasi.WasiExit;
import dev.wasmj.wasi.WasiPreview1;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of a test program through the public Java API: a fresh engine, linker and store,
 * {@code _start} called, stdout and stderr captured.
 *
 * @param status the exit status: proc_exit's, 0 when {@code _start} returned, -1 after a trap
 * @param trap   the trap that ended the run, or null
 */
record GuestRun(int status, String stdout, String stderr, Trap trap) {
    private static final Engine ENGINE = new Engine();

    /** Runs program {@code name} with {@code config}, whose stdout and stderr are replaced. */
    static GuestRun of(String name, WasiConfig config) {
        Module module = Module.fromBinary(ENGINE, TestPrograms.wasm(name));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        WasiCtx wasi = config.stdout(stdout).stderr(stderr).build();
        Linker<WasiCtx> linker = new Linker<>(ENGINE);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        int status;
        Trap trap = null;
        try (Store<WasiCtx> store = new Store<>(ENGINE, wasi)) {
            linker.instantiate(store, module).func("_start").call();
            status = 0;
        } catch (WasiExit exit) {
            status = exit.status();
        } catch (Trap t) {
            status = -1;
            trap = t;
        } finally {
            wasi.close();
        }
        return new GuestRun(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8), trap);
    }
}
