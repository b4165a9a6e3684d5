package dev.wasmj.internal.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The waiters of one shared memory for {@code memory.atomic.wait} and {@code memory.atomic.notify}:
 * per address, a FIFO of parked threads.
 */
public final class WaitQueue {
    private final Map<Long, List<Waiter>> waiters = new HashMap<>();

    private static final class Waiter {
        boolean woken;
    }

    /**
     * Waits at {@code address} if {@code stillExpected} holds (checked under the queue's lock, so no
     * notify is missed): returns 0 when woken, 1 if the value was not the expected one, 2 on timeout
     * ({@code timeoutNanos} negative: no timeout).
     */
    public int await(long address, BooleanSupplier stillExpected, long timeoutNanos) throws InterruptedException {
        Waiter w = new Waiter();
        synchronized (this) {
            if (!stillExpected.getAsBoolean()) {
                return 1;
            }
            waiters.computeIfAbsent(address, a -> new ArrayList<>()).add(w);
            long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            try {
                while (!w.woken) {
                    long left = deadline - System.nanoTime();
                    if (timeoutNanos >= 0 && left <= 0) {
                        return 2;
                    }
                    if (timeoutNanos < 0) {
                        wait();
                    } else {
                        wait(left / 1_000_000, (int) (left % 1_000_000));
                    }
                }
                return 0;
            } finally {
                if (!w.woken) {
                    List<Waiter> list = waiters.get(address);
                    if (list != null) {
                        list.remove(w);
                        if (list.isEmpty()) {
                            waiters.remove(address);
                        }
                    }
                }
            }
        }
    }

    /** Wakes up to {@code count} (unsigned) waiters at {@code address}; returns how many woke. */
    public synchronized int notify(long address, long count) {
        List<Waiter> list = waiters.get(address);
        if (list == null) {
            return 0;
        }
        int n = 0;
        while (!list.isEmpty() && Long.compareUnsigned(n, count) < 0) {
            list.remove(0).woken = true;
            n++;
        }
        if (list.isEmpty()) {
            waiters.remove(address);
        }
        notifyAll();
        return n;
    }
}
