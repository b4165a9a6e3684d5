package dev.wasmj.bench;

/** Which time a measurement is in. */
enum Clock {
    /** Wall-clock time: what a user waits for; on a busy machine it includes waiting for a processor. */
    WALL,
    /** CPU time of the thread that runs the kernel (in node, of the process): steadier on a busy machine. */
    CPU
}
