package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.ModuleInstance;

import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * Tiered compilation: the call sites through which compiled code calls the functions of its module
 * that had no class yet when it was generated ({@link ClassShape#invoke}). One {@link MutableCallSite}
 * per callee and module, shared by all its callers in all instances: it first calls the function of
 * the instance passed (the caller's, the last argument) through the slots convention (compiled or on
 * the interpreter, whichever it is at the time of the call), and is retargeted to the
 * function's own method once it has its class ({@link #install}), which the JIT then inlines like an
 * {@code invokestatic}. Public only because generated classes link their {@code invokedynamic}s here.
 */
public final class CallSites {
    /** The bootstrap method of those {@code invokedynamic}s: {@link #bootstrap}. */
    static final DirectMethodHandleDesc BOOTSTRAP = ConstantDescs.ofCallsiteBootstrap(
            ClassDesc.of(CallSites.class.getName()), "bootstrap", ConstantDescs.CD_CallSite, ConstantDescs.CD_int);

    private static final MethodHandle CALL_BOXED;

    static {
        try {
            CALL_BOXED = MethodHandles.lookup().findStatic(CallSites.class, "callBoxed",
                    MethodType.methodType(Object.class, int.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int imported;
    /** Per defined function: its call site, once some compiled code calls it through one. */
    private final MutableCallSite[] sites;
    /** Per defined function: its own method, once its class is loaded (compiled or a stub). */
    private final MethodHandle[] methods;

    CallSites(dev.wasmj.format.WasmModule module) {
        this.imported = module.importedFuncCount();
        int n = module.codes().size();
        this.sites = new MutableCallSite[n];
        this.methods = new MethodHandle[n];
    }

    /** Links an {@code invokedynamic} of generated code that calls function {@code funcIndex} of its instance. */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int funcIndex) {
        CodeLoader loader = (CodeLoader) caller.lookupClass().getClassLoader();
        return loader.callSites().site(funcIndex, type);
    }

    private synchronized CallSite site(int funcIndex, MethodType type) {
        int d = funcIndex - imported;
        if (sites[d] == null) {
            MethodHandle target = methods[d] != null ? methods[d] : throughSlots(funcIndex, type);
            sites[d] = new MutableCallSite(target);
        }
        return sites[d];
    }

    /** Function {@code funcIndex}'s own method (unboxed, of the type its callers use) is {@code method} from now on. */
    synchronized void install(int funcIndex, MethodHandle method) {
        int d = funcIndex - imported;
        methods[d] = method;
        if (sites[d] != null) {
            sites[d].setTarget(method);
        }
    }

    /** A method of {@code type} that calls function {@code funcIndex} through the slots convention. */
    private MethodHandle throughSlots(int funcIndex, MethodType type) {
        return MethodHandles.insertArguments(CALL_BOXED, 0, funcIndex)
                .asCollector(Object[].class, type.parameterCount())
                .asType(type);
    }

    /**
     * Calls function {@code funcIndex} with boxed arguments (Integer for i32 and f32 bits, Long for i64
     * and f64 bits, references as they are), the last one the instance whose function it is; returns
     * its boxed result, null for none, a {@code long[]} for several.
     */
    private static Object callBoxed(int funcIndex, Object[] args) {
        ModuleInstance instance = (ModuleInstance) args[args.length - 1];
        var type = instance.functions[funcIndex].funcType();
        char[] ps = FunctionCompiler.kinds(type.params());
        char[] rs = FunctionCompiler.kinds(type.results());
        int n = Math.max(Math.max(FunctionCompiler.slotCount(ps), FunctionCompiler.slotCount(rs)), 1);
        long[] slots = new long[n];
        Object[] refs = new Object[n];
        int[] pos = FunctionCompiler.slotPositions(ps);
        for (int k = 0, a = 0; k < ps.length; k++) { // a: the JVM argument (a v128 is two longs)
            switch (ps[k]) {
                case 'I' -> slots[pos[k]] = (Integer) args[a++];
                case 'J' -> slots[pos[k]] = (Long) args[a++];
                case 'V' -> {
                    slots[pos[k]] = (Long) args[a++];
                    slots[pos[k] + 1] = (Long) args[a++];
                }
                default -> refs[pos[k]] = args[a++];
            }
        }
        CompilerSupport.call(instance, funcIndex, slots, refs);
        if (rs.length == 0) {
            return null;
        }
        if (RefResults.applies(rs)) {
            return RefResults.box(java.nio.CharBuffer.wrap(rs), slots, refs);
        }
        if (FunctionCompiler.resultsInArray(rs)) {
            return java.util.Arrays.copyOf(slots, FunctionCompiler.slotCount(rs));
        }
        return switch (rs[0]) {
            case 'I' -> (int) slots[0];
            case 'J' -> slots[0];
            default -> refs[0];
        };
    }
}
