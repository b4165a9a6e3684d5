package dev.wasmj.bench;

/** A benchmark program's kernel, loaded on one engine: {@code run(n)} of bench/programs/NAME.c. */
@FunctionalInterface
public interface Kernel {
    /** Calls the kernel; returns its checksum (an i32 as Java int). */
    int run(int n);
}
