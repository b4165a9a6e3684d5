package dev.wasmj.wasi.internal;

/** {@code clock_res_get}, {@code clock_time_get}. The precision argument is accepted and ignored. */
final class ClockFunctions {
    private ClockFunctions() {}

    static int resGet(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(1);
        c.memory().check(resultPtr, 8);
        c.memory().putI64(resultPtr, Clocks.resolution(c.i32(0)));
        return 0;
    }

    static int timeGet(WasiCall c) throws ErrnoException {
        int resultPtr = c.i32(2);
        c.memory().check(resultPtr, 8);
        c.memory().putI64(resultPtr, Clocks.now(c.i32(0)));
        return 0;
    }
}
