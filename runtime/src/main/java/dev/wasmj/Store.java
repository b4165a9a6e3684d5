package dev.wasmj;

import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.StoreContext;
import java.util.Objects;

/**
 * The place where instances live: their functions, memories, tables, globals and GC objects, plus
 * a value of the embedder's ({@code T}, reachable from host functions through
 * {@link Caller#data()}). Cheap to create and to drop: typically one per request.
 *
 * <p>Handles ({@link Func}, {@link Memory}, {@link Instance}, ...) belong to the store that made
 * them; passing one to another store is an {@link IllegalArgumentException}.
 *
 * <p>A store is used by one thread at a time. A thread that enters a store (calls a function,
 * instantiates, reads memory, ...) while another thread is inside it gets an
 * {@link IllegalStateException}; the store is not affected.
 *
 * <p>{@link #close()} frees the store's linear memories at once; a store never closed frees them
 * when the garbage collector finds it unreachable. WebAssembly GC objects are JVM objects,
 * collected by the JVM's collector.
 *
 * @param <T> the type of the embedder's data
 */
public final class Store<T> implements AutoCloseable {
    private final Engine engine;
    private final StoreContext context;
    private T data;
    private final LimiterBridge limiter = new LimiterBridge();
    /** The thread inside the store, or null; set by compare-and-set when a thread enters. */
    private volatile Thread owner;
    /** How many times the owner entered (calls nest through host functions); only the owner touches it. */
    private int depth;
    private volatile boolean closed;

    /** A store of {@code engine} with no data. */
    public Store(Engine engine) {
        this(engine, null);
    }

    /** A store of {@code engine} holding {@code data}. */
    public Store(Engine engine, T data) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.data = data;
        this.context = new StoreContext(engine.registry(), limiter);
        this.context.codeGenerator(engine.codeGenerator());
    }

    public Engine engine() {
        return engine;
    }

    /** The embedder's data. */
    public T data() {
        return data;
    }

    /** Replaces the embedder's data. */
    public void setData(T data) {
        this.data = data;
    }

    /**
     * Installs the limiter asked before memories and tables grow and instances, tables and memories
     * are created; {@link StoreLimits#defaults()} until then. It applies to later growth and
     * creation.
     */
    public Store<T> limiter(ResourceLimiter limiter) {
        this.limiter.current = Objects.requireNonNull(limiter, "limiter");
        return this;
    }

    /** The limiter in use. */
    public ResourceLimiter limiter() {
        return limiter.current;
    }

    /**
     * Asks for a garbage collection. WebAssembly GC objects are plain JVM objects, so this is the
     * JVM's collector ({@link System#gc()}); like Wasmtime's, it is only ever needed for tests.
     */
    public void gc() {
        System.gc();
    }

    /**
     * Frees the store's memories now. The store and its handles cannot be used afterwards. Closing
     * a closed store does nothing.
     *
     * @throws IllegalStateException if another thread is inside the store
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        enter();
        try {
            closed = true;
            context.close();
        } finally {
            exit();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    StoreContext context() {
        return context;
    }

    /**
     * Enters the store on this thread (reentrant); pair with {@link #exit()}.
     *
     * @throws IllegalStateException if another thread is inside the store, or it is closed
     */
    void enter() {
        Thread me = Thread.currentThread();
        if (owner != me && !OWNER.compareAndSet(this, null, me)) {
            Thread other = owner;
            throw new IllegalStateException("store is in use by thread "
                    + (other == null ? "(another)" : other.getName()) + "; a store is used by one thread at a time");
        }
        depth++;
        if (closed) {
            exit();
            throw new IllegalStateException("store is closed");
        }
    }

    void exit() {
        if (--depth == 0) {
            owner = null;
        }
    }

    private static final java.lang.invoke.VarHandle OWNER;

    static {
        try {
            OWNER = java.lang.invoke.MethodHandles.lookup().findVarHandle(Store.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Fails unless {@code other} is this store. */
    void check(Store<?> other, Object what) {
        if (other != this) {
            throw new IllegalArgumentException(what + " belongs to another store");
        }
    }

    /** Fails unless {@code engine} is this store's engine. */
    void checkEngine(Engine other, Object what) {
        if (other != engine) {
            throw new IllegalArgumentException(what + " belongs to another engine");
        }
    }

    /**
     * The internal limiter: asks whatever {@link ResourceLimiter} the store has now. Memories keep
     * their limiter, and the store's cleaner keeps its memories: so this must not refer to the
     * store, or a store that is never closed would never be collected.
     */
    private static final class LimiterBridge implements Limiter {
        volatile ResourceLimiter current = StoreLimits.defaults();

        @Override
        public boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes) {
            return current.memoryGrowing(currentBytes, desiredBytes, maximumBytes);
        }

        @Override
        public boolean tableGrowing(long currentElements, long desired, long maximum) {
            return current.tableGrowing(currentElements, desired, maximum);
        }

        @Override
        public int instances() {
            return current.instances();
        }

        @Override
        public int tables() {
            return current.tables();
        }

        @Override
        public int memories() {
            return current.memories();
        }
    }
}
