package dev.wasmj.wasi.internal;

import dev.wasmj.FuncType;
import dev.wasmj.Linker;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The 46 functions of {@code wasi_snapshot_preview1}: names, core wasm types (as the witx
 * lowers them: pointers and u8/u16/u32 as {@code i32}, u64 as {@code i64}, the errno as the
 * {@code i32} result) and bodies. A body's {@link ErrnoException} becomes its errno result;
 * {@link dev.wasmj.wasi.WasiExit} (proc_exit) and anything else propagate: an unexpected
 * exception is a bug in wasmj, surfaced to the embedder rather than disguised as an errno.
 */
public final class WasiFunctions {
    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    /** One function: its name, type and body. */
    public record Definition(String name, FuncType type, WasiFunction body) {}

    private static final Val[][] RESULTS = new Val[Errno.values().length][];

    static {
        for (Errno e : Errno.values()) {
            RESULTS[e.code()] = new Val[] {Val.i32(e.code())};
        }
    }

    private WasiFunctions() {}

    /** Every function except {@code proc_exit} (which has no result), in the witx's order. */
    public static List<Definition> definitions() {
        List<Definition> d = new ArrayList<>();
        d.add(def("args_get", "ii", ArgsEnvFunctions::argsGet));
        d.add(def("args_sizes_get", "ii", ArgsEnvFunctions::argsSizesGet));
        d.add(def("environ_get", "ii", ArgsEnvFunctions::environGet));
        d.add(def("environ_sizes_get", "ii", ArgsEnvFunctions::environSizesGet));
        d.add(def("clock_res_get", "ii", ClockFunctions::resGet));
        d.add(def("clock_time_get", "iIi", ClockFunctions::timeGet));
        d.add(def("fd_advise", "iIIi", FdFunctions::advise));
        d.add(def("fd_allocate", "iII", FdFunctions::allocate));
        d.add(def("fd_close", "i", FdFunctions::close));
        d.add(def("fd_datasync", "i", FdFunctions::datasync));
        d.add(def("fd_fdstat_get", "ii", FdFunctions::fdstatGet));
        d.add(def("fd_fdstat_set_flags", "ii", FdFunctions::fdstatSetFlags));
        d.add(def("fd_fdstat_set_rights", "iII", FdFunctions::fdstatSetRights));
        d.add(def("fd_filestat_get", "ii", FdFunctions::filestatGet));
        d.add(def("fd_filestat_set_size", "iI", FdFunctions::filestatSetSize));
        d.add(def("fd_filestat_set_times", "iIIi", FdFunctions::filestatSetTimes));
        d.add(def("fd_pread", "iiiIi", FdFunctions::pread));
        d.add(def("fd_prestat_get", "ii", FdFunctions::prestatGet));
        d.add(def("fd_prestat_dir_name", "iii", FdFunctions::prestatDirName));
        d.add(def("fd_pwrite", "iiiIi", FdFunctions::pwrite));
        d.add(def("fd_read", "iiii", FdFunctions::read));
        d.add(def("fd_readdir", "iiiIi", FdFunctions::readdir));
        d.add(def("fd_renumber", "ii", FdFunctions::renumber));
        d.add(def("fd_seek", "iIii", FdFunctions::seek));
        d.add(def("fd_sync", "i", FdFunctions::sync));
        d.add(def("fd_tell", "ii", FdFunctions::tell));
        d.add(def("fd_write", "iiii", FdFunctions::write));
        d.add(def("path_create_directory", "iii", PathFunctions::createDirectory));
        d.add(def("path_filestat_get", "iiiii", PathFunctions::filestatGet));
        d.add(def("path_filestat_set_times", "iiiiIIi", PathFunctions::filestatSetTimes));
        d.add(def("path_link", "iiiiiii", PathFunctions::link));
        d.add(def("path_open", "iiiiiIIii", PathFunctions::open));
        d.add(def("path_readlink", "iiiiii", PathFunctions::readlink));
        d.add(def("path_remove_directory", "iii", PathFunctions::removeDirectory));
        d.add(def("path_rename", "iiiiii", PathFunctions::rename));
        d.add(def("path_symlink", "iiiii", PathFunctions::symlink));
        d.add(def("path_unlink_file", "iii", PathFunctions::unlinkFile));
        d.add(def("poll_oneoff", "iiii", PollOneoff::poll));
        d.add(def("proc_raise", "i", ProcFunctions::raise));
        d.add(def("sched_yield", "", ProcFunctions::schedYield));
        d.add(def("random_get", "ii", ProcFunctions::randomGet));
        d.add(def("sock_accept", "iii", SockFunctions::accept));
        d.add(def("sock_recv", "iiiiii", SockFunctions::recv));
        d.add(def("sock_send", "iiiii", SockFunctions::send));
        d.add(def("sock_shutdown", "ii", SockFunctions::shutdown));
        return d;
    }

    /** A function whose parameters are {@code params} ('i' = i32, 'I' = i64) and whose result is the errno. */
    private static Definition def(String name, String params, WasiFunction body) {
        return new Definition(name, FuncType.of(types(params), List.of(ValType.I32)), body);
    }

    private static List<ValType> types(String params) {
        return params.chars().mapToObj(ch -> ch == 'I' ? ValType.I64 : ValType.I32).toList();
    }

    /**
     * Defines the 46 functions in {@code linker}; {@code stateOf} finds the {@link WasiState} in
     * the calling store's data.
     */
    public static <T> void addTo(Linker<T> linker, Function<? super T, WasiState> stateOf) {
        for (Definition def : definitions()) {
            WasiFunction body = def.body();
            linker.func(MODULE, def.name(), def.type(), (caller, args) -> {
                WasiState state = stateOf.apply(caller.data());
                try {
                    return RESULTS[body.call(new WasiCall(state, new GuestMemory(caller, state.memoryCache()), args))];
                } catch (ErrnoException e) {
                    return RESULTS[e.errno().code()];
                }
            });
        }
        linker.func(MODULE, "proc_exit", FuncType.of(List.of(ValType.I32), List.of()), (caller, args) -> {
            ProcFunctions.exit(stateOf.apply(caller.data()), args[0].i32());
            return Val.NONE;
        });
    }
}
