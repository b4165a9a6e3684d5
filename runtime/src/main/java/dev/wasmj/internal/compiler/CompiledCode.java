package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.internal.runtime.CallContext;
import dev.wasmj.internal.runtime.HostCode;
import dev.wasmj.internal.runtime.ModuleInstance;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry into one compiled function, in the slots calling convention of {@link HostCode}: every
 * call into compiled code from outside it (the host, the interpreter, another instance) goes through
 * here. This is the boundary where what leaves compiled code becomes a {@link Trap} with a Wasm
 * backtrace: {@link TrapSignal}s, {@link IndexOutOfBoundsException}s of memory accesses and
 * {@link StackOverflowError}s. Frames come from the Java stack trace: the generated methods are named
 * {@code f<index>} and their line numbers are offsets in the function's code.
 */
final class CompiledCode implements HostCode {
    private final MethodHandle invoker;
    private final MethodHandle direct;
    private final ModuleInstance instance;
    private final String classPrefix;
    private final int[] codeStarts;
    private final int imported;
    /** Whether the function is tail-calling: it may return with a call pending ({@link Trampoline}). */
    private final boolean tailCalling;

    CompiledCode(MethodHandle invoker, MethodHandle direct, ModuleInstance instance, String classPrefix,
            int[] codeStarts, int imported, boolean tailCalling) {
        this.invoker = invoker;
        this.direct = direct;
        this.instance = instance;
        this.classPrefix = classPrefix;
        this.codeStarts = codeStarts;
        this.imported = imported;
        this.tailCalling = tailCalling;
    }

    /** The function's own method (unboxed parameters and result), or null if its type has none. */
    MethodHandle direct() {
        return direct;
    }

    @Override
    public void call(CallContext ctx, long[] slots, Object[] refs) {
        enter(slots, refs, tailCalling);
    }

    @Override
    public boolean tailCalling() {
        return tailCalling;
    }

    /**
     * Runs the function for the {@link Trampoline}'s loop, called from compiled code of {@code caller}:
     * a tail call it makes stays pending. Within its own instance without a boundary (a trap's backtrace
     * is made where the loop's caller entered compiled code), else behind one.
     */
    void callOnce(ModuleInstance caller, long[] slots, Object[] refs) {
        if (caller != instance) {
            enter(slots, refs, false);
            return;
        }
        try {
            invoker.invokeExact(slots, refs, instance);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The boundary: runs the function (and its pending tail calls if {@code finish}), traps get backtraces. */
    private void enter(long[] slots, Object[] refs, boolean finish) {
        try {
            invoker.invokeExact(slots, refs, instance);
            if (finish) {
                Trampoline.finish(slots, refs);
            }
        } catch (TrapSignal s) {
            throw withBacktrace(s.trap, s);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw e;
        } catch (IndexOutOfBoundsException e) {
            throw withBacktrace(new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access"), e);
        } catch (StackOverflowError e) {
            Trampoline.clear();
            throw withBacktrace(new Trap(TrapCode.STACK_OVERFLOW, "call stack exhausted"), e);
        } catch (Error e) {
            Trampoline.clear();
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code trap} with the frames of this instance's compiled code found in {@code cause}'s stack trace. */
    private Trap withBacktrace(Trap trap, Throwable cause) {
        if (!trap.backtrace().isEmpty()) {
            return trap;
        }
        List<Trap.Frame> frames = new ArrayList<>();
        int inSplit = -1; // the function whose region's frame was the last one taken: its callers are not frames
        for (StackTraceElement e : cause.getStackTrace()) {
            if (e.getClassName().equals(CompiledCode.class.getName()) && e.getMethodName().equals("enter")) {
                break;
            }
            if (!e.getClassName().startsWith(classPrefix) || !e.getMethodName().startsWith("f")) {
                continue;
            }
            String method = e.getMethodName();
            int part = method.indexOf('$'); // f<index>$<offset>: a region of a split function (RegionCompiler)
            int index = Integer.parseInt(method.substring(1, part < 0 ? method.length() : part));
            if (index == inSplit) {
                if (part < 0) {
                    inSplit = -1; // the function's own method: the regions' callers end here
                }
                continue;
            }
            int base = part < 0 ? 0 : Integer.parseInt(method.substring(part + 1));
            inSplit = part < 0 ? -1 : index;
            int line = e.getLineNumber();
            int offset = line > 0 ? codeStarts[index - imported] + base + line - 1 : -1;
            String name = instance.module().module().names().functions().get(index);
            frames.add(new Trap.Frame(instance.name(), index, name, offset));
        }
        return new Trap(trap.code(), trap.getMessage(), frames);
    }
}
