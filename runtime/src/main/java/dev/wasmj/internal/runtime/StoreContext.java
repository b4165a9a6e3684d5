package dev.wasmj.internal.runtime;

import dev.wasmj.format.validate.Subtyping;
import dev.wasmj.format.validate.TypeRegistry;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine-side state of one store: the type registry its modules were validated against, the
 * limiter, the counts of what it holds, and the memories it must free when closed.
 *
 * <p>Memories live off-heap. {@link #close()} frees them at once; a store that is never closed
 * frees them when it becomes unreachable (through a {@link Cleaner}).
 */
public final class StoreContext implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final TypeRegistry registry;
    private final Subtyping subtyping;
    private final Limiter limiter;
    private final Resources resources = new Resources();
    private final Cleaner.Cleanable cleanable;
    private int instances;
    private int tables;
    private volatile CodeGenerator codeGenerator;

    /** A store over {@code registry} (the engine's) limited by {@code limiter}. */
    public StoreContext(TypeRegistry registry, Limiter limiter) {
        this.registry = registry;
        this.subtyping = new Subtyping(registry);
        this.limiter = limiter;
        this.cleanable = CLEANER.register(this, resources);
    }

    /** The code generator new instances' functions go through, or null if they all run on the interpreter. */
    public CodeGenerator codeGenerator() {
        return codeGenerator;
    }

    /** Sets the code generator for instances made from now on (null: the interpreter runs everything). */
    public void codeGenerator(CodeGenerator generator) {
        this.codeGenerator = generator;
    }

    public TypeRegistry registry() {
        return registry;
    }

    /** Subtyping over the store's registry, for types in closed form. */
    public Subtyping subtyping() {
        return subtyping;
    }

    public Limiter limiter() {
        return limiter;
    }

    /** Frees the store's memories; using them afterwards fails. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** Counts a new instance; false if the limiter's count is reached. */
    boolean addInstance() {
        if (instances >= limiter.instances()) {
            return false;
        }
        instances++;
        return true;
    }

    /** Counts a new table; false if the limiter's count is reached. */
    boolean addTable() {
        if (tables >= limiter.tables()) {
            return false;
        }
        tables++;
        return true;
    }

    /** Counts and tracks a new memory (to free on close); false if the limiter's count is reached. */
    boolean addMemory(MemoryInstance memory) {
        synchronized (resources) {
            if (resources.memories.size() >= limiter.memories()) {
                return false;
            }
            resources.memories.add(memory);
            return true;
        }
    }

    /** What the cleaner frees: must not refer to the store itself. */
    private static final class Resources implements Runnable {
        final List<MemoryInstance> memories = new ArrayList<>();

        @Override
        public void run() {
            synchronized (this) {
                for (MemoryInstance m : memories) {
                    m.free();
                }
                memories.clear();
            }
        }
    }
}
