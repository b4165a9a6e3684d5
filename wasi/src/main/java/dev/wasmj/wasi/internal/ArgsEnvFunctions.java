package dev.wasmj.wasi.internal;

import java.util.List;

/**
 * {@code args_get}, {@code args_sizes_get}, {@code environ_get}, {@code environ_sizes_get}: a list
 * of NUL-terminated UTF-8 strings ({@code NAME=VALUE} for the environment) copied into a buffer,
 * with an array of pointers to them.
 */
final class ArgsEnvFunctions {
    private ArgsEnvFunctions() {}

    static int argsSizesGet(WasiCall c) throws ErrnoException {
        return sizesGet(c, c.state().args());
    }

    static int argsGet(WasiCall c) throws ErrnoException {
        return get(c, c.state().args());
    }

    static int environSizesGet(WasiCall c) throws ErrnoException {
        return sizesGet(c, c.state().env());
    }

    static int environGet(WasiCall c) throws ErrnoException {
        return get(c, c.state().env());
    }

    private static int sizesGet(WasiCall c, List<byte[]> strings) throws ErrnoException {
        int countPtr = c.i32(0);
        int sizePtr = c.i32(1);
        GuestMemory m = c.memory();
        m.check(countPtr, 4);
        m.check(sizePtr, 4);
        m.putI32(countPtr, strings.size());
        m.putI32(sizePtr, (int) bufferSize(strings));
        return 0;
    }

    private static long bufferSize(List<byte[]> strings) {
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        return size;
    }

    private static int get(WasiCall c, List<byte[]> strings) throws ErrnoException {
        int pointers = c.i32(0);
        int buffer = c.i32(1);
        GuestMemory m = c.memory();
        m.check(pointers, 4L * strings.size());
        m.check(buffer, bufferSize(strings));
        int at = buffer;
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            m.putI32(pointers + 4 * i, at);
            m.write(at, s, 0, s.length);
            m.putU8(at + s.length, 0);
            at += s.length + 1;
        }
        return 0;
    }
}
