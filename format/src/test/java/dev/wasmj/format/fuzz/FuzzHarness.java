package dev.wasmj.format.fuzz;

import dev.wasmj.format.WasmFormatException;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs inputs through a front-end entry point and checks the one rule of bad input: the entry
 * point either returns or throws a {@link WasmFormatException}, within a time limit. Anything else
 * (another exception, an Error such as StackOverflowError or OutOfMemoryError, a hang) is a
 * {@link Finding} carrying the input that caused it.
 */
final class FuzzHarness<T> implements AutoCloseable {

    /** An input that broke the rule. */
    static final class Finding extends AssertionError {
        final transient Object input;

        Finding(String message, Object input, Throwable cause) {
            super(message, cause);
            this.input = input;
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        // a modest stack: input-driven recursion must not be able to overflow even this
        Thread t = new Thread(null, r, "fuzz-worker", 1L << 20);
        t.setDaemon(true);
        return t;
    });
    private final Consumer<T> target;
    private final Duration perInputLimit;
    int accepted;
    int rejected;

    FuzzHarness(Consumer<T> target, Duration perInputLimit) {
        this.target = target;
        this.perInputLimit = perInputLimit;
    }

    void run(T input) {
        Future<Boolean> f = worker.submit(() -> {
            try {
                target.accept(input);
                return true;
            } catch (WasmFormatException e) {
                return false;
            }
        });
        try {
            if (f.get(perInputLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                accepted++;
            } else {
                rejected++;
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Finding("no answer within " + perInputLimit, input, null);
        } catch (ExecutionException e) {
            throw new Finding("escaped: " + e.getCause(), input, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
