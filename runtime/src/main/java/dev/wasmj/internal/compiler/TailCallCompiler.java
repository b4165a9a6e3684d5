package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * Tail calls for {@link FunctionCompiler}: {@code return_call}, {@code return_call_indirect} and
 * {@code return_call_ref}, without growing the Java stack, through the {@link Trampoline}. A
 * {@code return_call} of the function itself stays a jump to its start ({@link CallCompiler#returnCall}).
 * Any other tail call checks what the instruction checks in the function's frame (the table element and
 * its type, the null reference: those traps still show the function in their backtrace), moves the
 * arguments to the slots convention, {@linkplain Trampoline#request records the call} and returns a dummy
 * result; the caller's side runs it.
 *
 * <p>Also generates the wrapper {@code t<index>} of each tail-calling function ({@link TailCallers}),
 * which its direct callers and its {@code call_indirect} handle use: {@code f<index>}, then the pending
 * call's result if it left one ({@link Trampoline#resultI} and friends).
 */
final class TailCallCompiler {
    /** The prefix of the wrappers' names (not {@code f}: backtraces leave them out). */
    static final String WRAPPER_PREFIX = "t";

    private final FunctionCompiler fc;
    private final CodeBuilder cb;

    TailCallCompiler(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    /** Emits {@code op}: return_call, return_call_indirect or return_call_ref. */
    void emit(Opcode op, CodeReader r) {
        switch (op) {
            case RETURN_CALL -> returnCall(r.a);
            case RETURN_CALL_INDIRECT -> returnCallIndirect(r.a, r.b);
            case RETURN_CALL_REF -> returnCallRef(r.a);
            default -> throw new IllegalArgumentException(op.text());
        }
    }

    private void returnCall(int index) {
        if (index == fc.function.index()) {
            fc.calls.returnCall(index);
            return;
        }
        FuncType t = fc.instance.functions[index].funcType();
        request(t, () -> {
            fc.instanceRef();
            cb.getfield(Descs.MODULE_INSTANCE, "functions", Descs.FUNCTION_INSTANCE.arrayType());
            cb.loadConstant(index);
            cb.aaload();
        });
    }

    private void returnCallIndirect(int typeIndex, int table) {
        if (fc.instance.tables[table].declaredType().is64()) {
            throw new Unsupported("return_call_indirect on a 64-bit table");
        }
        fc.pop();
        fc.instanceRef();
        cb.loadConstant(table);
        cb.loadConstant(fc.types.id(typeIndex));
        cb.invokestatic(Descs.SUPPORT, "indirect", MethodTypeDesc.of(Descs.FUNCTION_INSTANCE, ConstantDescs.CD_int,
                Descs.MODULE_INSTANCE, ConstantDescs.CD_int, ConstantDescs.CD_int));
        calleeThenRequest(fc.types.funcType(typeIndex));
    }

    private void returnCallRef(int typeIndex) {
        fc.pop();
        cb.dup();
        Label ok = cb.newLabel();
        cb.ifnonnull(ok);
        fc.calls.nullTrap("null function reference");
        cb.labelBinding(ok);
        cb.checkcast(Descs.FUNCTION_INSTANCE);
        calleeThenRequest(fc.types.funcType(typeIndex));
    }

    /** A tail call of the function on top of the JVM stack (above the arguments), of type {@code t}. */
    private void calleeThenRequest(FuncType t) {
        int callee = fc.temps.next('A');
        cb.astore(callee);
        request(t, () -> cb.aload(callee));
    }

    /**
     * Records a tail call of a function of type {@code t} (pushed by {@code callee}) with the arguments
     * on the stack, and returns.
     */
    private void request(FuncType t, Runnable callee) {
        char[] ps = FunctionCompiler.kinds(t.params());
        int n = Math.max(Math.max(FunctionCompiler.slotCount(ps),
                FunctionCompiler.slotCount(FunctionCompiler.kinds(t.results()))), 1);
        int[] arrays = fc.calls.packArguments(ps, fc.calls.storeArgs(ps), n);
        fc.instanceRef();
        callee.run();
        cb.aload(arrays[0]);
        cb.aload(arrays[1]);
        cb.invokestatic(Descs.TRAMPOLINE, "request", MethodTypeDesc.of(ConstantDescs.CD_void,
                Descs.MODULE_INSTANCE, Descs.FUNCTION_INSTANCE, Descs.LONGS, Descs.OBJECTS));
        dummyReturn(FunctionCompiler.kinds(fc.function.funcType().results()));
        fc.dead = true;
    }

    /** Returns a placeholder for results of kinds {@code rs} (the trampoline supplies the real ones). */
    private void dummyReturn(char[] rs) {
        if (rs.length == 0) {
            cb.return_();
        } else if (RefResults.applies(rs)) {
            for (char k : rs) { // zeros and nulls, which s<index> unpacks
                switch (k) {
                    case 'I' -> cb.iconst_0();
                    case 'J' -> cb.lconst_0();
                    default -> cb.aconst_null();
                }
            }
            RefResults.pack(fc, rs);
            cb.areturn();
        } else if (FunctionCompiler.resultsInArray(rs)) {
            cb.loadConstant(FunctionCompiler.slotCount(rs)); // s<index> copies that many results out of it
            cb.newarray(java.lang.classfile.TypeKind.LONG);
            cb.areturn();
        } else {
            switch (rs[0]) {
                case 'I' -> {
                    cb.iconst_0();
                    cb.ireturn();
                }
                case 'J' -> {
                    cb.lconst_0();
                    cb.lreturn();
                }
                case 'A' -> {
                    cb.aconst_null();
                    cb.areturn();
                }
                default -> throw new Unsupported("tail call with a result of kind " + rs[0]);
            }
        }
    }

    /**
     * The body of {@code t<index>} (descriptor {@code desc}), the wrapper of tail-calling function
     * {@code index} of type {@code type}: calls {@code f<index>} and returns its result, or that of the
     * call it left pending.
     */
    static void wrapper(CodeBuilder cb, ClassShape shape, int index, FuncType type, MethodTypeDesc desc) {
        for (int p = 0; p < desc.parameterCount(); p++) {
            cb.loadLocal(java.lang.classfile.TypeKind.from(desc.parameterType(p)), cb.parameterSlot(p));
        }
        cb.invokestatic(shape.self(), "f" + index, desc);
        ClassDesc ret = desc.returnType();
        char[] rs = FunctionCompiler.kinds(type.results());
        int results = rs.length;
        if (results == 0) {
            cb.invokestatic(Descs.TRAMPOLINE, "resultVoid", ConstantDescs.MTD_void);
            cb.return_();
        } else if (RefResults.applies(rs)) {
            cb.loadConstant(new String(rs));
            cb.invokestatic(Descs.TRAMPOLINE, "resultR", MethodTypeDesc.of(Descs.OBJECTS, Descs.OBJECTS,
                    ConstantDescs.CD_String));
            cb.areturn();
        } else if (FunctionCompiler.resultsInArray(rs)) {
            cb.loadConstant(FunctionCompiler.slotCount(rs));
            cb.invokestatic(Descs.TRAMPOLINE, "resultM", MethodTypeDesc.of(Descs.LONGS, Descs.LONGS,
                    ConstantDescs.CD_int));
            cb.areturn();
        } else {
            String result = switch (FunctionCompiler.kind(type.results()[0])) {
                case 'I' -> "resultI";
                case 'J' -> "resultJ";
                case 'A' -> "resultA";
                default -> throw new IllegalStateException("result kind " + rs[0]);
            };
            cb.invokestatic(Descs.TRAMPOLINE, result, MethodTypeDesc.of(ret, ret));
            cb.return_(java.lang.classfile.TypeKind.from(ret));
        }
    }
}
