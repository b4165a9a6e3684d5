package dev.wasmj.cli.difftest;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one engine's steps on a thread of its own, each within a time limit, so that code that
 * never ends (an engine's bug, or a module that waits forever) fails a differential test instead
 * of hanging it. After a step ran out of time the thread is {@linkplain #stuck() stuck}: the step
 * may still be running and holding its store, so no further step runs.
 */
final class TimedThread {
    private final long timeoutMillis;
    // one daemon thread, ended when idle: an abandoned step never keeps the JVM alive
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "difftest-engine");
                t.setDaemon(true);
                return t;
            });
    private boolean stuck;

    TimedThread(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Whether a step ran out of time. */
    boolean stuck() {
        return stuck;
    }

    /** The result of {@code step}, or a note that it had none within the time limit (or that the thread is stuck). */
    String run(Supplier<String> step) {
        if (stuck) {
            return "not run: an earlier step ran out of time";
        }
        Future<String> future = thread.submit(step::get);
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck = true;
            future.cancel(true);
            return "no outcome within " + timeoutMillis + " ms";
        } catch (ExecutionException e) {
            throw new IllegalStateException("an engine's step crashed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
