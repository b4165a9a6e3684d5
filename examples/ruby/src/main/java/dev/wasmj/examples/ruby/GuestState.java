package dev.wasmj.examples.ruby;

import dev.wasmj.wasi.WasiCtx;

/**
 * The data of the store a Ruby VM runs in: its WASI context and its table of value handles, which
 * the host functions reach through their {@link dev.wasmj.Caller}.
 */
record GuestState(WasiCtx wasi, ValueHandleTable values) {}
