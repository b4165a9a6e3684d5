package dev.wasmj.wasi;

import dev.wasmj.Linker;
import dev.wasmj.wasi.internal.WasiFunctions;
import java.util.Objects;
import java.util.function.Function;

/**
 * The 46 functions of {@code wasi_snapshot_preview1}, defined in a {@link Linker}. Each returns
 * the errno of WASI's {@code $errno} (0 for success); a guest's bad pointers, lengths, flags or
 * descriptors are errnos, never host exceptions. {@code proc_exit} throws {@link WasiExit} out of
 * the call into WebAssembly. See {@code docs/wasi.md} for each function's status.
 *
 * <pre>{@code
 * Linker<WasiCtx> linker = new Linker<>(engine);
 * WasiPreview1.addToLinker(linker, ctx -> ctx);
 * try (Store<WasiCtx> store = new Store<>(engine, new WasiConfig().inheritStdio().build())) {
 *     linker.instantiate(store, module).func("_start").call();
 * } catch (WasiExit exit) {
 *     System.exit(exit.status());
 * }
 * }</pre>
 */
public final class WasiPreview1 {
    /** The import module name. */
    public static final String MODULE = WasiFunctions.MODULE;

    private WasiPreview1() {}

    /**
     * Defines every function of {@code wasi_snapshot_preview1} in {@code linker}; each call finds
     * its {@link WasiCtx} in the calling store's data through {@code ctxOf}.
     */
    public static <T> Linker<T> addToLinker(Linker<T> linker, Function<? super T, WasiCtx> ctxOf) {
        Objects.requireNonNull(ctxOf, "ctxOf");
        WasiFunctions.addTo(linker, data -> ctxOf.apply(data).state());
        return linker;
    }
}
