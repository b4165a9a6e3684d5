package dev.wasmj.cli.run;

import dev.wasmj.Engine;
import dev.wasmj.ExportType;
import dev.wasmj.Extern;
import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Instance;
import dev.wasmj.LinkException;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import dev.wasmj.WasmException;
import dev.wasmj.cli.Diagnostics;
import dev.wasmj.cli.UserException;
import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.WasiCtx;
import dev.wasmj.wasi.WasiExit;
import dev.wasmj.wasi.WasiPreview1;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * One run of a WebAssembly program as {@code wasmj run} (and {@code wasmtime run}) does it: WASI
 * preview 1 and the preloaded modules are defined in a linker, the main module is instantiated,
 * its {@code _initialize} export (a reactor's) is called, and then the function to run: the one
 * named by {@code --invoke}, else the default export {@code ""}, else {@code _start} (a
 * command's); a module with none of them only gets instantiated. The results of the function are
 * printed one a line.
 *
 * <p>The exit status: the guest's {@code proc_exit} status, 0 when the function returns;
 * {@value #TRAP_STATUS} (an abort, as {@code wasmtime run} exits) after a trap or an uncaught
 * WebAssembly exception, reported on stderr after the guest's output is flushed. Everything the
 * user can fix (a function that is not there, bad arguments, a module that fails to link) is
 * thrown as a {@link UserException}.
 */
public final class ProgramRun {
    /** The exit status after a trap: 128 + SIGABRT, as {@code wasmtime run} exits. */
    public static final int TRAP_STATUS = 134;

    /** A module given with {@code --preload NAME=PATH}, loaded. */
    public record PreloadedModule(String name, String file, Module module) {}

    private final String file;
    private final Module main;
    private final List<PreloadedModule> preloads;
    private final boolean invoked;
    private final Optional<Entry> entry;
    private final Val[] params;
    private final PrintWriter out;
    private final PrintWriter err;

    /** The function a run calls: its export name, type and description for messages. */
    private record Entry(String export, FuncType type, String description) {}

    /**
     * Prepares a run, checking the function to call and its arguments.
     *
     * @param file     the main module's file as the user named it, for messages
     * @param main     the main module
     * @param preloads the modules to link it with, in order
     * @param invoke   the export to call, or null for the default function
     * @param args     the arguments of the function: parsed by its parameter types when it is
     *                 invoked by name or has parameters (otherwise they are only the guest's argv)
     * @param out      where results are printed
     * @param err      where traps are reported
     * @throws UserException if there is no such export or {@code args} do not fit it
     */
    public ProgramRun(
            String file,
            Module main,
            List<PreloadedModule> preloads,
            String invoke,
            List<String> args,
            PrintWriter out,
            PrintWriter err) {
        this.file = file;
        this.main = main;
        this.preloads = List.copyOf(preloads);
        this.invoked = invoke != null;
        this.entry = invoked ? Optional.of(named(invoke)) : defaultEntry();
        this.params = entry.map(e -> invoked || !e.type().params().isEmpty()
                        ? Arguments.parse(e.description(), e.type(), args)
                        : Val.NONE)
                .orElse(Val.NONE);
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the program with the WASI context {@code config} makes.
     *
     * @return the exit status
     * @throws UserException if the WASI context cannot be made or the modules fail to link
     */
    public int run(WasiConfig config) {
        WasiCtx ctx = context(config);
        try (ctx; Store<WasiCtx> store = new Store<>(main.engine(), ctx)) {
            String doing = "failed to instantiate `" + file + "`";
            try {
                Linker<WasiCtx> linker = new Linker<>(main.engine());
                WasiPreview1.addToLinker(linker, c -> c);
                for (PreloadedModule preload : preloads) {
                    doing = "failed to instantiate `" + preload.file() + "` (--preload " + preload.name() + ")";
                    linker.module(store, preload.name(), preload.module());
                }
                doing = "failed to instantiate `" + file + "`";
                Instance instance = linker.instantiate(store, main);
                Optional<Extern> initialize = instance.export("_initialize");
                if (initialize.isPresent() && initialize.get() instanceof Func init) {
                    doing = "failed to initialize `" + file + "`";
                    if (init.paramCount() != 0 || init.resultCount() != 0) {
                        throw new UserException(doing + ": its _initialize takes arguments or returns results");
                    }
                    init.call();
                }
                if (entry.isPresent()) {
                    doing = invoked ? "failed to invoke " + entry.get().description() : "failed to run `" + file + "`";
                    Val[] results = instance.func(entry.get().export()).call(params);
                    ctx.flush();
                    for (Val result : results) {
                        out.println(WasmValues.format(result));
                    }
                    out.flush();
                }
                return 0;
            } catch (WasiExit exit) {
                return exit.status();
            } catch (LinkException e) {
                throw new UserException(doing + ": " + Diagnostics.oneLine(e.getMessage()));
            } catch (Trap trap) {
                ctx.flush();
                TrapReport.lines(doing, trap).forEach(err::println);
                err.flush();
                return TRAP_STATUS;
            } catch (WasmException e) {
                ctx.flush();
                err.println("error: " + doing + ": uncaught wasm exception");
                err.flush();
                return TRAP_STATUS;
            }
        }
    }

    /** The exported function {@code name}. */
    private Entry named(String name) {
        Optional<ExportType> export = main.export(name);
        if (export.isEmpty() || !(export.get().type() instanceof FuncType type)) {
            throw new UserException("`" + file + "` has no function export named `" + name + "`");
        }
        return new Entry(name, type, "`" + name + "`");
    }

    /** The default export {@code ""} if it is a function, else {@code _start}, else none. */
    private Optional<Entry> defaultEntry() {
        for (String name : new String[] {"", "_start"}) {
            if (main.export(name).isPresent() && main.export(name).get().type() instanceof FuncType type) {
                return Optional.of(new Entry(name, type, name.isEmpty() ? "the default function" : "`" + name + "`"));
            }
        }
        return Optional.empty();
    }

    private static WasiCtx context(WasiConfig config) {
        try {
            return config.build();
        } catch (UncheckedIOException e) {
            throw new UserException(Diagnostics.oneLine(e.getMessage()));
        }
    }
}
