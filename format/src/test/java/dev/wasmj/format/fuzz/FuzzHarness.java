package dev.wasmj.format.fuzz;

import dev.wasmj.format.InvalidException;
import dev.wasmj.format.WasmFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs inputs through a front-end entry point and checks the one rule of bad input: the entry
 * point either returns or throws a {@link WasmFormatException} that names a position, within a
 * time limit and without allocating far more than the input's size. Anything else (another
 * exception, an Error such as StackOverflowError or OutOfMemoryError, a hang, a huge allocation)
 * is a {@link Finding} carrying the input that caused it.
 *
 * <p>A {@linkplain #campaign campaign} runs seeded inputs until a time budget or an iteration
 * count is used up ({@code -Dwasmj.fuzz.seconds}, {@code -Dwasmj.fuzz.iterations},
 * {@code -Dwasmj.fuzz.seed}); every finding is printed with its seed, iteration and input in hex
 * and written to {@code target/fuzz-findings/}. With {@code -Dwasmj.fuzz.keepGoing=true} a
 * campaign collects distinct findings instead of stopping at the first.
 */
final class FuzzHarness<T> implements AutoCloseable {
    static final long SEED = Long.getLong("wasmj.fuzz.seed", 0x5EED_F00DL);
    static final Path FINDINGS = Path.of("target", "fuzz-findings");

    /** An input that broke the rule. */
    static final class Finding extends AssertionError {
        final transient Object input;
        /** What went wrong, without the input: findings of one kind are one bug (usually). */
        final String kind;

        Finding(String message, String kind, Object input, Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.input = input;
        }
    }

    /** What a campaign did. */
    record Stats(long inputs, long accepted, long malformed, long invalid, long slowestMillis, String slowest,
                 List<Finding> findings, Map<String, Long> reasons) {
        @Override
        public String toString() {
            StringBuilder top = new StringBuilder();
            reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> top.append("\n    ").append(e.getValue()).append(" ").append(e.getKey()));
            return inputs + " inputs: " + accepted + " accepted, " + malformed + " malformed, " + invalid
                    + " invalid; slowest " + slowestMillis + " ms (" + slowest + "); " + findings.size() + " findings; top reasons:" + top;
        }
    }

    /** A reason without its numbers and names, to count reasons by kind. */
    private static String reasonKind(String reason) {
        int quote = reason.indexOf('"');
        return (quote < 0 ? reason : reason.substring(0, quote)).replaceAll("[0-9]+", "#");
    }

    private ExecutorService worker = newWorker();
    private final String name;
    private final Consumer<T> target;
    private final Function<T, byte[]> bytesOf;
    private final BiFunction<T, WasmFormatException, String> errorCheck;
    private final Duration perInputLimit;
    private final java.util.Set<String> reported = new java.util.HashSet<>();
    private final Map<String, Long> reasons = new java.util.HashMap<>();
    long accepted;
    long malformed;
    long invalid;
    long slowestNanos;
    String slowest;
    /** The bytes the last input allocated (on the worker thread). */
    volatile long lastAllocated;

    /**
     * @param name       names the target in messages and finding files (also their extension)
     * @param target     the entry point
     * @param bytesOf    the input as bytes, for the findings directory and the hex dump
     * @param errorCheck null when a rejection's exception is acceptable for the input, else what is wrong
     */
    FuzzHarness(String name, Consumer<T> target, Function<T, byte[]> bytesOf,
                BiFunction<T, WasmFormatException, String> errorCheck, Duration perInputLimit) {
        this.name = name;
        this.target = target;
        this.bytesOf = bytesOf;
        this.errorCheck = errorCheck;
        this.perInputLimit = perInputLimit;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            // a modest stack: input-driven recursion must not be able to overflow even this
            Thread t = new Thread(null, r, "fuzz-worker", 1L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /** The most bytes one input may allocate: generous, but far below what a declared count of 2^32 asks for. */
    static long allocationLimit(int inputLength) {
        return 64L * 1024 * 1024 + 256L * inputLength;
    }

    private static final Object THREADS;
    private static final Method ALLOCATED;

    static {
        // by reflection: the test classes are patched into module dev.wasmj.format, which reads no management module
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The bytes the current thread has allocated so far. */
    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one input; throws a {@link Finding} (described by {@code what}) if it breaks the rule. */
    void run(T input, String what) {
        Future<String> f = worker.submit(() -> {
            long before = allocatedBytes();
            String problem;
            try {
                target.accept(input);
                accepted++;
                problem = null;
            } catch (WasmFormatException e) {
                if (e instanceof InvalidException) invalid++; else malformed++;
                reasons.merge(reasonKind(e.reason()), 1L, Long::sum);
                problem = e.reason() == null || e.reason().isBlank() ? "no reason in " + e : errorCheck.apply(input, e);
                if (problem != null) {
                    problem = problem + ": " + e;
                }
            }
            long allocated = allocatedBytes() - before;
            lastAllocated = allocated;
            int length = bytesOf.apply(input).length;
            if (problem == null && allocated > allocationLimit(length)) {
                problem = "allocated " + allocated + " bytes for an input of " + length;
            }
            return problem;
        });
        long t0 = System.nanoTime();
        try {
            String problem = f.get(perInputLimit.toMillis(), TimeUnit.MILLISECONDS);
            long nanos = System.nanoTime() - t0;
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowest = what;
            }
            if (problem != null) {
                throw finding(what, problem, input, null);
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow(); // the stuck thread is a daemon; the next input gets a fresh one
            worker = newWorker();
            throw finding(what, "no answer within " + perInputLimit, input, null);
        } catch (ExecutionException e) {
            throw finding(what, "escaped " + e.getCause(), input, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code inputOf(mutator, iteration)} for iterations 0, 1, ... until the budget is used up;
     * each iteration has its own seeded {@link Mutator}, so any one can be replayed alone.
     */
    Stats campaign(Duration budget, long iterations, BiFunction<Mutator, Long, T> inputOf) {
        boolean keepGoing = Boolean.getBoolean("wasmj.fuzz.keepGoing");
        Map<String, Finding> distinct = new LinkedHashMap<>();
        long deadline = System.nanoTime() + budget.toNanos();
        long i = 0;
        for (; i < iterations && System.nanoTime() < deadline; i++) {
            T input = inputOf.apply(new Mutator(Mutator.seedOf(SEED, i)), i);
            try {
                run(input, name + " seed " + SEED + " iteration " + i);
            } catch (Finding finding) {
                if (!keepGoing) {
                    throw finding;
                }
                distinct.putIfAbsent(signature(finding), finding);
            }
        }
        distinct.values().forEach(f -> System.err.println("DISTINCT FINDING " + f.getMessage()));
        return new Stats(i, accepted, malformed, invalid, slowestNanos / 1_000_000, slowest, new ArrayList<>(distinct.values()),
                Map.copyOf(reasons));
    }

    /** Findings with the same kind and place of failure count once. */
    private static String signature(Finding f) {
        return signature(f.kind, f.getCause());
    }

    private static String signature(String kind, Throwable cause) {
        if (cause == null) {
            return kind.replaceAll("[0-9]+", "#");
        }
        StackTraceElement[] st = cause.getStackTrace();
        return cause.getClass().getName() + (st.length > 0 ? " at " + st[0] : "");
    }

    /** A finding; the first of its kind is printed and its input written to {@link #FINDINGS}. */
    private Finding finding(String what, String problem, T input, Throwable cause) {
        byte[] bytes = bytesOf.apply(input);
        String message = what + ": " + problem;
        String slug = message.replaceAll("[^A-Za-z0-9]+", "-");
        Path file = FINDINGS.resolve(slug.substring(0, Math.min(100, slug.length())) + "." + name);
        boolean first = reported.add(signature(problem, cause));
        if (first) {
            try {
                Files.createDirectories(FINDINGS);
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 4096));
        Finding f = new Finding(message + "\n  input (" + bytes.length + " bytes"
                + (first ? ", written to " + file.toAbsolutePath() : "") + "): " + hex
                + (bytes.length > 4096 ? "..." : ""), problem, input, cause);
        if (first) {
            System.err.println("FUZZ FINDING " + f.getMessage());
            if (cause != null) {
                cause.printStackTrace();
            }
        }
        return f;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
