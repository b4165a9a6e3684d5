package dev.wasmj.internal.compiler;

import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The inline cache of one {@code call_indirect} or {@code call_ref} site of compiled code that calls a
 * compiled callee. The site's {@code invokedynamic} takes the callee's direct method
 * ({@link CompiledCode#direct()}: its unboxed {@code f<index>}, or the {@code t<index>} wrapper of a
 * tail-calling function) and the arguments. Its target tests that method against the ones seen at
 * this site before, each a constant, and calls the one that matches directly, so the JIT can inline
 * the callee as if the call were an {@code invokestatic}. A method not seen yet adds a test in front
 * ({@link #MAX_ENTRIES} at most); after {@link #MAX_RELINKS} such additions the site stays generic
 * ({@code invokeExact} on the method passed, which the JIT cannot inline). Tables, types and traps
 * are checked before, by the caller, exactly as without the cache. Public only because generated
 * classes link their {@code invokedynamic}s here.
 */
public final class InlineCache extends MutableCallSite {
    /** The bootstrap method of those {@code invokedynamic}s: {@link #bootstrap}. */
    static final DirectMethodHandleDesc BOOTSTRAP = ConstantDescs.ofCallsiteBootstrap(
            ClassDesc.of(InlineCache.class.getName()), "bootstrap", ConstantDescs.CD_CallSite);

    /** Callees a site tests for before it stays generic. */
    static final int MAX_ENTRIES = 4;
    /** Misses a site relinks on (callees recompiled by tiering get new methods) before it stays generic. */
    static final int MAX_RELINKS = 8;

    private static final MethodHandle SAME;
    private static final MethodHandle MISS;

    static {
        try {
            var lookup = MethodHandles.lookup();
            SAME = lookup.findStatic(InlineCache.class, "same",
                    MethodType.methodType(boolean.class, MethodHandle.class, MethodHandle.class));
            MISS = lookup.findVirtual(InlineCache.class, "miss",
                    MethodType.methodType(MethodHandle.class, MethodHandle.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Calls the method passed: the generic path, {@code (MethodHandle, params...)R}. */
    private final MethodHandle generic;
    /** Relinks, then calls the method passed. */
    private final MethodHandle miss;
    private int entries;
    private int relinks;

    private InlineCache(MethodType type) {
        super(type);
        this.generic = MethodHandles.exactInvoker(type.dropParameterTypes(0, 1));
        this.miss = MethodHandles.foldArguments(
                MethodHandles.dropArguments(generic, 1, MethodHandle.class), MISS.bindTo(this));
        setTarget(miss);
    }

    /**
     * Links an {@code invokedynamic} of type {@code (MethodHandle method, params...)R} that calls
     * {@code method} (of type {@code (params...)R}).
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
        return new InlineCache(type);
    }

    /** Whether the site's callee is {@code cached} (a reference comparison with a constant). */
    private static boolean same(MethodHandle cached, MethodHandle method) {
        return cached == method;
    }

    /** A miss on {@code method}: tests for it from now on if the site may still grow; returns it to be called. */
    private synchronized MethodHandle miss(MethodHandle method) {
        if (relinks >= MAX_RELINKS || !method.type().equals(type().dropParameterTypes(0, 1))) {
            return method; // a thread that read the old target before the site went generic; or a
                           // method of another type, for invokeExact to reject as without the cache
        }
        relinks++;
        if (entries < MAX_ENTRIES && relinks < MAX_RELINKS) {
            entries++;
            MethodHandle test = MethodHandles.insertArguments(SAME, 0, method);
            MethodHandle call = MethodHandles.dropArguments(method, 0, MethodHandle.class);
            setTarget(MethodHandles.guardWithTest(test, call, getTarget()));
        } else {
            setTarget(generic);
        }
        return method;
    }
}
