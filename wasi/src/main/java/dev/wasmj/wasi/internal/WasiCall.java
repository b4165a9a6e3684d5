package dev.wasmj.wasi.internal;

import dev.wasmj.Val;

/**
 * One call of a WASI function: the context's state, the caller's memory and the arguments.
 * Arguments of WASI types narrower than their wasm type ({@code u8}, {@code u16} enums and
 * flags) must fit the narrower type: a larger value is {@code EINVAL}.
 */
public final class WasiCall {
    private final WasiState state;
    private final GuestMemory memory;
    private final Val[] args;

    public WasiCall(WasiState state, GuestMemory memory, Val[] args) {
        this.state = state;
        this.memory = memory;
        this.args = args;
    }

    public WasiState state() {
        return state;
    }

    public DescriptorTable table() {
        return state.table();
    }

    public GuestMemory memory() {
        return memory;
    }

    /** Argument {@code i}, an {@code i32}. */
    public int i32(int i) {
        return args[i].i32();
    }

    /** Argument {@code i}, an {@code i64}. */
    public long i64(int i) {
        return args[i].i64();
    }

    /** Argument {@code i}, a {@code u8} passed as {@code i32}. */
    public int u8(int i) throws ErrnoException {
        int v = args[i].i32();
        if ((v & ~0xFF) != 0) {
            throw new ErrnoException(Errno.INVAL, "argument " + i + " does not fit u8: " + Integer.toUnsignedString(v));
        }
        return v;
    }

    /** Argument {@code i}, a {@code u16} passed as {@code i32}. */
    public int u16(int i) throws ErrnoException {
        int v = args[i].i32();
        if ((v & ~0xFFFF) != 0) {
            throw new ErrnoException(Errno.INVAL, "argument " + i + " does not fit u16: " + Integer.toUnsignedString(v));
        }
        return v;
    }

    /** {@code EINVAL} unless {@code flags} has only bits of {@code allowed}. */
    public static int flags(int flags, int allowed) throws ErrnoException {
        if ((flags & ~allowed) != 0) {
            throw new ErrnoException(Errno.INVAL, "unknown flags 0x" + Integer.toHexString(flags & ~allowed));
        }
        return flags;
    }
}
