package dev.wasmj.internal.compiler;

import dev.wasmj.internal.interpreter.Interpreter;
import dev.wasmj.internal.runtime.CallContext;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.HostCode;
import dev.wasmj.internal.runtime.HostFunctionInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.util.Arrays;

/**
 * Tail calls of compiled code without growing the Java stack. A tail call ({@code return_call} of
 * another function, {@code return_call_indirect}, {@code return_call_ref}) does not call its callee: it
 * {@linkplain #request records} the callee and its arguments (slots convention) in this thread's
 * pending call and returns at once, with a dummy result. Whoever called the function that tail-called
 * then runs the pending call, and the pending call that one leaves, and so on, in a loop
 * ({@link #run}) in its own frame: the frames that tail-called are gone, as in the interpreter
 * (also from backtraces; their exception handlers do not apply either).
 *
 * <p>Only a function that contains such a tail call (a <em>tail-calling</em> function, see
 * {@link TailCallers}) can return with a call pending, so only calls of those functions look for one:
 * their direct callers and their {@code call_indirect} handle use the wrapper {@code t<index>} (the
 * function's {@code f<index>}, then {@link #resultI} and friends), and their {@link CompiledCode}
 * finishes the pending call ({@link #finish}). Calls of other functions cost nothing more.
 *
 * <p>Between {@link #request} and the wrapper taking the call only returns run; an error thrown there
 * (a {@link StackOverflowError} at the wrapper's call of {@code result*}) leaves a stale pending call,
 * which the boundary that catches it drops ({@link #clear}). Public only because generated classes live
 * in another (unnamed) module.
 */
public final class Trampoline {
    private Trampoline() {}

    /** The pending tail call of one thread: callee null when there is none. */
    private static final class Pending {
        ModuleInstance caller;
        FunctionInstance callee;
        long[] slots;
        Object[] refs;
    }

    private static final ThreadLocal<Pending> PENDING = ThreadLocal.withInitial(Pending::new);

    // ---- generated code

    /**
     * A tail call of {@code callee} from compiled code of {@code caller}, its arguments in slots/refs
     * (arrays long enough for its results too); the caller returns right after.
     */
    public static void request(ModuleInstance caller, FunctionInstance callee, long[] slots, Object[] refs) {
        Pending p = PENDING.get();
        p.caller = caller;
        p.callee = callee;
        p.slots = slots;
        p.refs = refs;
    }

    /** The result of a tail-calling function that returned {@code result}: its pending call's, if any. */
    public static int resultI(int result) {
        Pending p = PENDING.get();
        if (p.callee == null) {
            return result;
        }
        long[] slots = run(p);
        p.refs = null;
        return (int) slots[0];
    }

    /** {@link #resultI} for an i64 or f64 result. */
    public static long resultJ(long result) {
        Pending p = PENDING.get();
        if (p.callee == null) {
            return result;
        }
        long[] slots = run(p);
        p.refs = null;
        return slots[0];
    }

    /** {@link #resultI} for a reference result. */
    public static Object resultA(Object result) {
        Pending p = PENDING.get();
        if (p.callee == null) {
            return result;
        }
        run(p);
        Object r = p.refs[0];
        p.refs = null;
        return r;
    }

    /** {@link #resultI} for a function without results. */
    public static void resultVoid() {
        Pending p = PENDING.get();
        if (p.callee != null) {
            run(p);
            p.refs = null;
        }
    }

    /** {@link #resultI} for {@code n} numeric results (a {@code long[]}). */
    public static long[] resultM(long[] result, int n) {
        Pending p = PENDING.get();
        if (p.callee == null) {
            return result;
        }
        long[] slots = run(p);
        p.refs = null;
        return Arrays.copyOf(slots, n);
    }

    /**
     * {@link #resultI} for several results with a reference ({@link RefResults}: an {@code Object[]},
     * numbers boxed as {@code Long}s), of kinds {@code kinds} ('I', 'J', 'A').
     */
    public static Object[] resultR(Object[] result, String kinds) {
        Pending p = PENDING.get();
        if (p.callee == null) {
            return result;
        }
        long[] slots = run(p);
        Object[] refs = p.refs;
        p.refs = null;
        return RefResults.box(kinds, slots, refs);
    }

    // ---- the slots convention (CompiledCode)

    /**
     * Runs the pending call, if any, of a tail-calling function just called in the slots convention,
     * and moves its results to slots/refs.
     */
    static void finish(long[] slots, Object[] refs) {
        Pending p = PENDING.get();
        if (p.callee == null) {
            return;
        }
        long[] s = run(p);
        Object[] r = p.refs;
        p.refs = null;
        System.arraycopy(s, 0, slots, 0, Math.min(s.length, slots.length));
        System.arraycopy(r, 0, refs, 0, Math.min(r.length, refs.length));
    }

    /** Drops a stale pending call (an error left compiled code between a request and its run). */
    static void clear() {
        Pending p = PENDING.get();
        p.caller = null;
        p.callee = null;
        p.slots = null;
        p.refs = null;
    }

    // ---- the loop

    /**
     * Runs the pending call of {@code p}, then the one it leaves, until one returns without; returns
     * the last one's slots, its refs left in {@code p.refs} (the caller clears it).
     */
    private static long[] run(Pending p) {
        for (;;) {
            ModuleInstance caller = p.caller;
            FunctionInstance callee = p.callee;
            long[] slots = p.slots;
            Object[] refs = p.refs;
            p.caller = null;
            p.callee = null;
            p.slots = null;
            p.refs = null;
            callOnce(caller, callee, slots, refs);
            if (p.callee == null) {
                p.refs = refs;
                return slots;
            }
        }
    }

    /**
     * Calls {@code f} for the loop: compiled code is run without finishing the tail call it makes,
     * which stays pending for the loop; anything else runs to its end.
     */
    private static void callOnce(ModuleInstance caller, FunctionInstance f, long[] slots, Object[] refs) {
        if (f instanceof HostFunctionInstance h) {
            h.code().call(new CallContext(caller.store(), caller), slots, refs);
            return;
        }
        WasmFunction w = (WasmFunction) f;
        HostCode code = w.compiled;
        if (code instanceof LazyCode lazy) {
            code = lazy.load();
        }
        if (code instanceof CompiledCode c) {
            c.callOnce(caller, slots, refs);
        } else if (code == null) {
            Interpreter.invoke(caller.store(), w, slots, refs);
        } else {
            code.call(new CallContext(caller.store(), caller), slots, refs);
        }
    }
}
