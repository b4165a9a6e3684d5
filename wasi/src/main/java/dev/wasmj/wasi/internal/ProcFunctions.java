package dev.wasmj.wasi.internal;

import dev.wasmj.wasi.WasiExit;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** {@code proc_exit}, {@code proc_raise}, {@code sched_yield}, {@code random_get}. */
final class ProcFunctions {
    private static final int SIGCHLD = 16;
    private static final int SIGCONT = 17;
    private static final int SIGSTOP = 18;
    private static final int SIGTSTP = 19;
    private static final int SIGTTIN = 20;
    private static final int SIGTTOU = 21;
    private static final int SIGURG = 22;
    private static final int SIGWINCH = 27;
    private static final int SIGSYS = 30;

    private ProcFunctions() {}

    /** Flushes stdout and stderr and ends the program: {@link WasiExit} with the status (unsigned, as given). */
    static void exit(WasiState state, int status) {
        state.beforeBlocking();
        throw new WasiExit(status);
    }

    /**
     * {@code proc_raise}: signal 0 and signals whose default action is to be ignored (CHLD, CONT,
     * URG, WINCH) do nothing; the stop signals (STOP, TSTP, TTIN, TTOU) are {@code ENOSYS} (a guest
     * cannot be stopped); every other signal terminates the program as an uncaught signal does:
     * {@link WasiExit} with status 128 + the signal number, the way a shell reports it. EINVAL for
     * a number that is no signal.
     */
    static int raise(WasiCall c) throws ErrnoException {
        int signal = c.u8(0);
        if (signal > SIGSYS) {
            throw new ErrnoException(Errno.INVAL, "no signal " + signal);
        }
        return switch (signal) {
            case 0, SIGCHLD, SIGCONT, SIGURG, SIGWINCH -> 0;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> throw new ErrnoException(Errno.NOSYS, "a guest cannot be stopped");
            default -> {
                exit(c.state(), 128 + signal);
                yield 0;
            }
        };
    }

    static int schedYield(WasiCall c) {
        Thread.yield();
        return 0;
    }

    /** Fills the buffer from the context's {@link java.security.SecureRandom}, 64 KiB at a time. */
    static int randomGet(WasiCall c) throws ErrnoException {
        int ptr = c.i32(0);
        long length = Integer.toUnsignedLong(c.i32(1));
        long offset = c.memory().check(ptr, length);
        MemorySegment segment = c.memory().segment();
        byte[] chunk = new byte[(int) Math.min(length, 64 * 1024)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            c.state().random().nextBytes(chunk);
            MemorySegment.copy(chunk, 0, segment, ValueLayout.JAVA_BYTE, offset + done, n);
        }
        return 0;
    }
}
