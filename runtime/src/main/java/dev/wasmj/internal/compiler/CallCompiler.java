package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * Calls for {@link FunctionCompiler}: call (a direct {@code invokestatic} to a function compiled in this
 * instance, else through {@link CompilerSupport}), return_call of the function itself (a jump to its
 * start), call_indirect, call_ref and throw, and the slots convention they use when they leave compiled
 * code: arguments and results travel in a {@code long[]} (numbers) and an {@code Object[]} (references).
 */
final class CallCompiler {
    private final FunctionCompiler fc;
    private final CodeBuilder cb;

    CallCompiler(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    void call(int index) {
        FunctionInstance callee = fc.instance.functions[index];
        FuncType t = callee.funcType();
        MethodTypeDesc d = FunctionCompiler.descriptor(t);
        if (callee instanceof WasmFunction w && w.instance() == fc.instance && d != null) {
            fc.instanceRef();
            fc.shape.invoke(cb, index, d);
            char[] rs = FunctionCompiler.kinds(t.results());
            if (FunctionCompiler.resultsInArray(rs)) {
                int array = fc.temps.next('A');
                cb.astore(array);
                for (int i = 0; i < t.params().length; i++) {
                    fc.pop();
                }
                int[] pos = FunctionCompiler.slotPositions(rs);
                for (int k = 0; k < t.results().length; k++) {
                    char rk = rs[k];
                    if (RefResults.applies(rs)) {
                        RefResults.load(cb, rk, k, array);
                    } else {
                        fromSlot(rk, pos[k], array, -1);
                    }
                    fc.push(rk);
                }
            } else {
                popPush(t);
            }
        } else {
            callThroughSlots(t, () -> {
                fc.instanceRef();
                cb.loadConstant(index);
            }, "call", MethodTypeDesc.of(ConstantDescs.CD_void, Descs.MODULE_INSTANCE, ConstantDescs.CD_int,
                    Descs.LONGS, Descs.OBJECTS));
        }
        fc.reloadMemory();
    }

    /** return_call: only of the function itself, which sets its parameters and jumps to its start. */
    void returnCall(int index) {
        if (index != fc.function.index()) {
            throw new Unsupported("return_call of another function");
        }
        int n = fc.function.funcType().params().length;
        for (int p = n - 1; p >= 0; p--) {
            fc.pop();
            fc.store(fc.localKind[p], fc.localSlot[p]);
        }
        cb.goto_(fc.start);
        fc.dead = true;
    }

    void callIndirect(int typeIndex, int table) {
        boolean table64 = fc.instance.tables[table].declaredType().is64();
        FuncType t = fc.types.funcType(typeIndex);
        int typeId = fc.types.id(typeIndex);
        fc.pop();
        fc.instanceRef();
        cb.loadConstant(table);
        cb.loadConstant(typeId);
        cb.invokestatic(Descs.SUPPORT, "indirect", MethodTypeDesc.of(Descs.FUNCTION_INSTANCE,
                table64 ? ConstantDescs.CD_long : ConstantDescs.CD_int,
                Descs.MODULE_INSTANCE, ConstantDescs.CD_int, ConstantDescs.CD_int));
        int f = fc.temps.next('A');
        cb.astore(f);
        callFunction(t, f);
    }

    /**
     * Calls the function instance in scratch local {@code f} (of type {@code t}, checked): a compiled
     * callee through its method and an inline cache ({@link InlineCache}), any other through the slots
     * convention.
     */
    private void callFunction(FuncType t, int f) {
        MethodTypeDesc d = FunctionCompiler.descriptor(t);
        char[] ps = FunctionCompiler.kinds(t.params());
        int[] args = storeArgs(ps);
        Label slow = cb.newLabel();
        Label done = cb.newLabel();
        boolean fast = d != null && !FunctionCompiler.resultsInArray(FunctionCompiler.kinds(t.results()));
        if (fast) {
            // a compiled callee: its method through an inline cache (InlineCache), no boxing
            int h = fc.temps.next('A');
            cb.aload(f);
            cb.invokestatic(Descs.SUPPORT, "directHandle", MethodTypeDesc.of(Descs.METHOD_HANDLE, Descs.FUNCTION_INSTANCE));
            cb.astore(h);
            cb.aload(h);
            cb.ifnull(slow);
            // with the callee's own instance (code is shared by the instances of a module): usually
            // the caller's, passed as such so that the JIT shares what both load from it
            int callee = fc.temps.next('A');
            cb.aload(f);
            cb.checkcast(Descs.WASM_FUNCTION);
            cb.invokevirtual(Descs.WASM_FUNCTION, "instance", MethodTypeDesc.of(Descs.MODULE_INSTANCE));
            cb.astore(callee);
            Label other = cb.newLabel();
            cb.aload(callee);
            fc.instanceRef();
            cb.if_acmpne(other);
            for (int same = 1; same >= 0; same--) {
                cb.aload(h);
                for (int k = 0; k < ps.length; k++) {
                    fc.load(ps[k], args[k]);
                }
                cb.aload(same == 1 ? fc.instanceSlot : callee);
                cb.invokedynamic(java.lang.constant.DynamicCallSiteDesc.of(InlineCache.BOOTSTRAP, "call",
                        d.insertParameterTypes(0, Descs.METHOD_HANDLE)));
                cb.goto_(done);
                if (same == 1) {
                    cb.labelBinding(other);
                }
            }
        }
        cb.labelBinding(slow);
        callThroughSlots(t, args, () -> {
            fc.instanceRef();
            cb.aload(f);
        }, "invoke", MethodTypeDesc.of(ConstantDescs.CD_void, Descs.MODULE_INSTANCE, Descs.FUNCTION_INSTANCE,
                Descs.LONGS, Descs.OBJECTS));
        cb.labelBinding(done);
        fc.reloadMemory();
    }

    void callRef(int typeIndex) {
        FuncType t = fc.types.funcType(typeIndex);
        fc.pop();
        int f = fc.temps.next('A');
        cb.astore(f);
        cb.aload(f);
        Label ok = cb.newLabel();
        cb.ifnonnull(ok);
        nullTrap("null function reference");
        cb.labelBinding(ok);
        int g = fc.temps.next('A');
        cb.aload(f);
        cb.checkcast(Descs.FUNCTION_INSTANCE);
        cb.astore(g);
        callFunction(t, g);
    }

    /** throw: the exception of tag {@code tag}, its arguments from the stack in the slots convention. */
    void throwTag(int tag) {
        FuncType t = fc.instance.tags[tag].type().funcType();
        char[] ps = FunctionCompiler.kinds(t.params());
        int[] args = storeArgs(ps);
        int n = Math.max(FunctionCompiler.slotCount(ps), 1);
        int[] arrays = packArguments(ps, args, n);
        int slots = arrays[0];
        int refs = arrays[1];
        fc.instanceRef();
        cb.loadConstant(tag);
        cb.aload(slots);
        cb.aload(refs);
        cb.invokestatic(Descs.SUPPORT, "exception", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION,
                Descs.MODULE_INSTANCE, ConstantDescs.CD_int, Descs.LONGS, Descs.OBJECTS));
        cb.athrow();
        fc.dead = true;
    }

    /**
     * Allocates the slots convention's arrays ({@code n} long, into scratch locals) and moves the
     * arguments of kinds {@code ps} from the scratch locals {@code args} into them.
     *
     * @return the scratch locals of the {@code long[]} slots and the {@code Object[]} refs
     */
    int[] packArguments(char[] ps, int[] args, int n) {
        int slots = fc.temps.next('A');
        int refs = fc.temps.next('A');
        cb.loadConstant(n);
        cb.newarray(TypeKind.LONG);
        cb.astore(slots);
        cb.loadConstant(n);
        cb.anewarray(ConstantDescs.CD_Object);
        cb.astore(refs);
        int[] pos = FunctionCompiler.slotPositions(ps);
        for (int k = 0; k < ps.length; k++) {
            int j = k;
            toSlot(ps[j], pos[j], slots, refs, () -> fc.load(ps[j], args[j]));
        }
        return new int[] {slots, refs};
    }

    /** Throws the null-reference trap with {@code message}. */
    void nullTrap(String message) {
        cb.loadConstant(message);
        cb.invokestatic(Descs.SUPPORT, "nullReference", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION, ConstantDescs.CD_String));
        cb.athrow();
    }

    /**
     * Calls through a {@link CompilerSupport} method in the slots convention: the arguments move from
     * the stack to fresh arrays, {@code prefix} pushes the helper's leading arguments, and the results
     * come back from the arrays.
     */
    private void callThroughSlots(FuncType t, Runnable prefix, String helper, MethodTypeDesc helperType) {
        callThroughSlots(t, storeArgs(FunctionCompiler.kinds(t.params())), prefix, helper, helperType);
    }

    /** Moves the arguments of kinds {@code ps} from the stack to scratch locals, which it returns. */
    int[] storeArgs(char[] ps) {
        int[] args = new int[ps.length];
        for (int k = ps.length - 1; k >= 0; k--) {
            args[k] = fc.temps.next(ps[k]);
            fc.store(ps[k], args[k]);
            fc.pop();
        }
        return args;
    }

    /** {@link #callThroughSlots(FuncType, Runnable, String, MethodTypeDesc)} with the arguments in {@code args}. */
    private void callThroughSlots(FuncType t, int[] args, Runnable prefix, String helper, MethodTypeDesc helperType) {
        char[] ps = FunctionCompiler.kinds(t.params());
        char[] rs = FunctionCompiler.kinds(t.results());
        int n = Math.max(Math.max(FunctionCompiler.slotCount(ps), FunctionCompiler.slotCount(rs)), 1);
        int[] arrays = packArguments(ps, args, n);
        int slots = arrays[0];
        int refs = arrays[1];
        prefix.run();
        cb.aload(slots);
        cb.aload(refs);
        cb.invokestatic(Descs.SUPPORT, helper, helperType);
        int[] pos = FunctionCompiler.slotPositions(rs);
        for (int k = 0; k < rs.length; k++) {
            fromSlot(rs[k], pos[k], slots, refs);
            fc.push(rs[k]);
        }
    }

    /** Stores the value {@code value} pushes, of kind {@code kind}, at index {@code k} of slots/refs. */
    void toSlot(char kind, int k, int slots, int refs, Runnable value) {
        if (kind == 'V') { // two slots: low, high
            value.run();
            int v = fc.temps.next('V');
            fc.store('V', v);
            for (int half = 0; half < 2; half++) {
                cb.aload(slots);
                cb.loadConstant(k + half);
                cb.lload(v + 2 * half);
                cb.lastore();
            }
            return;
        }
        cb.aload(kind == 'A' ? refs : slots);
        cb.loadConstant(k);
        value.run();
        switch (kind) {
            case 'I' -> {
                cb.i2l();
                cb.lastore();
            }
            case 'J' -> cb.lastore();
            default -> cb.aastore();
        }
    }

    /** Pushes the value at index {@code k} of slots/refs, of kind {@code kind}. */
    private void fromSlot(char kind, int k, int slots, int refs) {
        if (kind == 'V') { // two slots: low, high
            for (int half = 0; half < 2; half++) {
                cb.aload(slots);
                cb.loadConstant(k + half);
                cb.laload();
            }
            return;
        }
        cb.aload(kind == 'A' ? refs : slots);
        cb.loadConstant(k);
        switch (kind) {
            case 'I' -> {
                cb.laload();
                cb.l2i();
            }
            case 'J' -> cb.laload();
            default -> cb.aaload();
        }
    }

    private void popPush(FuncType t) {
        for (int i = 0; i < t.params().length; i++) {
            fc.pop();
        }
        for (int r : t.results()) {
            fc.push(FunctionCompiler.kind(r));
        }
    }
}
