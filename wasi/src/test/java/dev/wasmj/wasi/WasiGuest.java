package dev.wasmj.wasi;

import dev.wasmj.Engine;
import dev.wasmj.Func;
import dev.wasmj.Instance;
import dev.wasmj.Linker;
import dev.wasmj.Memory;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebAssembly module that imports every WASI function and exports a wrapper of each under the
 * same name (so the host calls it as the guest would: through wasm, with the guest's memory),
 * instantiated with a {@link WasiCtx}. The types are written here from the witx, independently
 * of the implementation, so a wrong signature fails to link.
 */
final class WasiGuest implements AutoCloseable {
    /** Each function's core wasm parameters ('i' i32, 'I' i64); all return an i32 errno but proc_exit. */
    static final Map<String, String> SIGNATURES = new LinkedHashMap<>();

    static {
        String[][] table = {
            {"args_get", "ii"}, {"args_sizes_get", "ii"}, {"environ_get", "ii"}, {"environ_sizes_get", "ii"},
            {"clock_res_get", "ii"}, {"clock_time_get", "iIi"},
            {"fd_advise", "iIIi"}, {"fd_allocate", "iII"}, {"fd_close", "i"}, {"fd_datasync", "i"},
            {"fd_fdstat_get", "ii"}, {"fd_fdstat_set_flags", "ii"}, {"fd_fdstat_set_rights", "iII"},
            {"fd_filestat_get", "ii"}, {"fd_filestat_set_size", "iI"}, {"fd_filestat_set_times", "iIIi"},
            {"fd_pread", "iiiIi"}, {"fd_prestat_get", "ii"}, {"fd_prestat_dir_name", "iii"},
            {"fd_pwrite", "iiiIi"}, {"fd_read", "iiii"}, {"fd_readdir", "iiiIi"}, {"fd_renumber", "ii"},
            {"fd_seek", "iIii"}, {"fd_sync", "i"}, {"fd_tell", "ii"}, {"fd_write", "iiii"},
            {"path_create_directory", "iii"}, {"path_filestat_get", "iiiii"},
            {"path_filestat_set_times", "iiiiIIi"}, {"path_link", "iiiiiii"}, {"path_open", "iiiiiIIii"},
            {"path_readlink", "iiiiii"}, {"path_remove_directory", "iii"}, {"path_rename", "iiiiii"},
            {"path_symlink", "iiiii"}, {"path_unlink_file", "iii"},
            {"poll_oneoff", "iiii"}, {"proc_exit", "i"}, {"proc_raise", "i"}, {"sched_yield", ""},
            {"random_get", "ii"},
            {"sock_accept", "iii"}, {"sock_recv", "iiiiii"}, {"sock_send", "iiiii"}, {"sock_shutdown", "ii"},
        };
        for (String[] row : table) {
            SIGNATURES.put(row[0], row[1]);
        }
    }

    /** Every right. */
    static final long ALL_RIGHTS = -1L;
    /** Every right but those that make path_open open for writing (FD_DATASYNC, FD_WRITE, FD_ALLOCATE, FD_FILESTAT_SET_SIZE). */
    static final long READ_ONLY_RIGHTS = ~((1L << 0) | (1L << 6) | (1L << 8) | (1L << 22));
    /** Every right but FD_READ and FD_READDIR. */
    static final long WRITE_ONLY_RIGHTS = ~((1L << 1) | (1L << 14));

    private final Store<WasiCtx> store;
    private final Instance instance;

    WasiGuest(WasiConfig config) {
        this(config, true);
    }

    /** @param withMemory whether the module exports a memory (2 pages) */
    WasiGuest(WasiConfig config, boolean withMemory) {
        Engine engine = new Engine();
        Module module = Module.fromWat(engine, wat(withMemory));
        Linker<WasiCtx> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, ctx -> ctx);
        store = new Store<>(engine, config.build());
        instance = linker.instantiate(store, module);
    }

    static String wat(boolean withMemory) {
        StringBuilder wat = new StringBuilder("(module\n");
        SIGNATURES.forEach((name, params) -> {
            String types = params.chars().mapToObj(c -> c == 'I' ? "i64" : "i32").reduce("", (a, b) -> a + " " + b);
            String result = name.equals("proc_exit") ? "" : " (result i32)";
            wat.append("  (import \"wasi_snapshot_preview1\" \"").append(name).append("\" (func $").append(name)
                    .append(" (param").append(types).append(")").append(result).append("))\n");
        });
        if (withMemory) {
            wat.append("  (memory (export \"memory\") 2)\n");
        }
        SIGNATURES.forEach((name, params) -> {
            String types = params.chars().mapToObj(c -> c == 'I' ? "i64" : "i32").reduce("", (a, b) -> a + " " + b);
            String result = name.equals("proc_exit") ? "" : " (result i32)";
            wat.append("  (func (export \"").append(name).append("\") (param").append(types).append(")")
                    .append(result);
            for (int i = 0; i < params.length(); i++) {
                wat.append(" (local.get ").append(i).append(")");
            }
            wat.append(" (call $").append(name).append("))\n");
        });
        return wat.append(")\n").toString();
    }

    WasiCtx ctx() {
        return store.data();
    }

    /** Calls the WASI function {@code name} through wasm; returns its errno. */
    int call(String name, long... args) {
        Func func = instance.func(name);
        var params = func.type().params();
        if (params.size() != args.length) {
            throw new IllegalArgumentException(name + " takes " + params.size() + " arguments");
        }
        Val[] vals = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            vals[i] = params.get(i).equals(ValType.I64) ? Val.i64(args[i]) : Val.i32((int) args[i]);
        }
        Val[] results = func.call(vals);
        return results.length == 0 ? 0 : results[0].i32();
    }

    Memory memory() {
        return instance.memory("memory");
    }

    void write(int ptr, byte[] bytes) {
        memory().write(ptr, bytes);
    }

    /** Writes {@code text} as UTF-8 at {@code ptr}; returns its length in bytes. */
    int writeString(int ptr, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(ptr, bytes);
        return bytes.length;
    }

    byte[] read(int ptr, int length) {
        return memory().read(ptr, length);
    }

    String readString(int ptr, int length) {
        return new String(read(ptr, length), StandardCharsets.UTF_8);
    }

    ByteBuffer buffer(int ptr, int length) {
        return ByteBuffer.wrap(read(ptr, length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    int i32(int ptr) {
        return buffer(ptr, 4).getInt(0);
    }

    long i64(int ptr) {
        return buffer(ptr, 8).getLong(0);
    }

    int u8(int ptr) {
        return read(ptr, 1)[0] & 0xFF;
    }

    int u16(int ptr) {
        return buffer(ptr, 2).getShort(0) & 0xFFFF;
    }

    void putI32(int ptr, int value) {
        write(ptr, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value).array());
    }

    void putI64(int ptr, long value) {
        write(ptr, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
    }

    void putU16(int ptr, int value) {
        write(ptr, new byte[] {(byte) value, (byte) (value >> 8)});
    }

    void putU8(int ptr, int value) {
        write(ptr, new byte[] {(byte) value});
    }

    /** Writes one ciovec/iovec {buf, len} at {@code ptr}. */
    void iovec(int ptr, int buf, int len) {
        putI32(ptr, buf);
        putI32(ptr + 4, len);
    }

    /** Writes {@code text} to descriptor {@code fd} with fd_write; returns the errno. */
    int fdWrite(int fd, String text) {
        int len = writeString(1024, text);
        iovec(16, 1024, len);
        return call("fd_write", fd, 16, 1, 8);
    }

    /** Opens {@code path} under descriptor {@code dir}; returns the new fd (asserting success). */
    int open(int dir, String path, int oflags, long rights, int fdflags) {
        int len = writeString(512, path);
        int errno = call("path_open", dir, 1, 512, len, oflags, rights, rights, fdflags, 8);
        if (errno != 0) {
            throw new AssertionError("path_open " + path + ": errno " + errno);
        }
        return i32(8);
    }

    @Override
    public void close() {
        store.data().close();
        store.close();
    }
}
