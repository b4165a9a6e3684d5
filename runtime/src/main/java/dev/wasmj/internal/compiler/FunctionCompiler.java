package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.validate.TypeContext;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the JVM code of one Wasm function: Wasm locals in JVM locals, the operand stack on the
 * JVM's, blocks as labels. A branch that leaves values below its results on the stack moves the results
 * through scratch locals. Values are {@code int} (i32, f32 as raw bits), {@code long} (i64, f64 as raw
 * bits) or {@code Object} (references), so NaN payloads travel unchanged. Throws {@link Unsupported}
 * for what it does not handle yet: the function then runs on the interpreter.
 */
final class FunctionCompiler {
    private static final int K_BLOCK = 0, K_LOOP = 1, K_IF = 2, K_FUNC = 3;

    /** A control frame: a block, loop, if or the function itself. */
    private static final class Ctl {
        final int kind;
        final int height;
        final char[] params;
        final char[] results;
        final Label label;
        Label elseLabel;
        boolean hasElse;
        boolean targeted;

        Ctl(int kind, int height, char[] params, char[] results, Label label) {
            this.kind = kind;
            this.height = height;
            this.params = params;
            this.results = results;
            this.label = label;
        }

        char[] branchTypes() {
            return kind == K_LOOP ? params : results;
        }
    }

    private final ClassShape shape;
    private final WasmFunction function;
    private final CodeBuilder cb;
    private final ModuleInstance instance;
    private final TypeContext types;

    private char[] stack = new char[16];
    private int sp;
    private final List<Ctl> ctls = new ArrayList<>();
    private boolean dead;
    private int skipDepth;

    private char[] results;
    private Label start;
    private int[] localSlot;
    private char[] localKind;
    private int[] memLocals;
    private final Temps temps;

    FunctionCompiler(ClassShape shape, WasmFunction function, CodeBuilder cb) {
        this.shape = shape;
        this.function = function;
        this.cb = cb;
        this.instance = function.instance();
        this.types = instance.module().types();
        this.temps = new Temps(cb);
    }

    // ---- types

    /** The JVM kind of a Wasm value type: I (i32, f32), J (i64, f64) or A (references). */
    static char kind(int valType) {
        return switch (valType) {
            case ValType.I32, ValType.F32 -> 'I';
            case ValType.I64, ValType.F64 -> 'J';
            default -> {
                if (ValType.isRef(valType)) {
                    yield 'A';
                }
                throw new Unsupported("value type " + ValType.name(valType));
            }
        };
    }

    static ClassDesc desc(char kind) {
        return switch (kind) {
            case 'I' -> ConstantDescs.CD_int;
            case 'J' -> ConstantDescs.CD_long;
            default -> ConstantDescs.CD_Object;
        };
    }

    static char[] kinds(int[] valTypes) {
        char[] k = new char[valTypes.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = kind(valTypes[i]);
        }
        return k;
    }

    /**
     * The descriptor of the static method of a function of type {@code t}, or null if functions of
     * that type are not called directly (a v128, or several results not all numbers). Several
     * numeric results return as a {@code long[]} (i32 and f32 zero-extended).
     */
    static MethodTypeDesc descriptor(FuncType t) {
        try {
            ClassDesc[] ps = new ClassDesc[t.params().length];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = desc(kind(t.params()[i]));
            }
            ClassDesc ret;
            if (t.results().length == 0) {
                ret = ConstantDescs.CD_void;
            } else if (t.results().length == 1) {
                ret = desc(kind(t.results()[0]));
            } else {
                for (char k : kinds(t.results())) {
                    if (k == 'A') {
                        return null;
                    }
                }
                ret = Descs.LONGS;
            }
            return MethodTypeDesc.of(ret, ps);
        } catch (Unsupported e) {
            return null;
        }
    }

    // ---- the function

    /** Emits the function's body. */
    void emit() {
        FuncType ft = function.funcType();
        FunctionBody body = function.body();
        long declared = body.localCount();
        if (declared + ft.params().length > 20_000) {
            throw new Unsupported("too many locals");
        }
        int n = ft.params().length + (int) declared;
        localSlot = new int[n];
        localKind = new char[n];
        int i = 0;
        for (int p = 0; p < ft.params().length; p++, i++) {
            localKind[i] = kind(ft.params()[p]);
            localSlot[i] = cb.parameterSlot(p);
        }
        for (int d = 0; d < body.localCounts().length; d++) {
            char k = kind(body.localTypes()[d]);
            for (int c = 0; c < body.localCounts()[d]; c++, i++) {
                localKind[i] = k;
                localSlot[i] = cb.allocateLocal(typeKind(k));
            }
        }
        cb.nop();
        start = cb.newBoundLabel(); // a self tail call jumps here with the new parameters set
        for (int d = 0, j = ft.params().length; d < body.localCounts().length; d++) {
            for (int c = 0; c < body.localCounts()[d]; c++, j++) {
                pushZero(localKind[j]);
                store(localKind[j], localSlot[j]);
            }
        }
        memLocals = new int[shape.memories()];
        for (int m = 0; m < memLocals.length; m++) {
            memLocals[m] = shape.direct()[m] ? cb.allocateLocal(TypeKind.REFERENCE) : -1;
        }
        reloadMemory();
        results = kinds(ft.results());
        ctls.add(new Ctl(K_FUNC, 0, new char[0], results, null));
        CodeReader r = new CodeReader(body.code());
        int codeStart = body.code().start();
        while (!ctls.isEmpty()) {
            Opcode op = r.next();
            if (dead) {
                skip(op);
                continue;
            }
            int line = r.start - codeStart + 1;
            if (line > 0xFFFF) {
                throw new Unsupported("function body too large for line numbers");
            }
            cb.lineNumber(line);
            temps.reset();
            instruction(op, r);
        }
    }

    /** In unreachable code: only the block structure matters. */
    private void skip(Opcode op) {
        switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> skipDepth++;
            case END, DELEGATE -> {
                if (skipDepth > 0) {
                    skipDepth--;
                } else if (op == Opcode.END) {
                    end();
                } else {
                    throw new Unsupported("delegate");
                }
            }
            case ELSE -> {
                if (skipDepth == 0) {
                    elseBranch();
                }
            }
            case CATCH, CATCH_ALL -> {
                if (skipDepth == 0) {
                    throw new Unsupported(op.text());
                }
            }
            default -> { }
        }
    }

    private void instruction(Opcode op, CodeReader r) {
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                cb.invokestatic(Descs.SUPPORT, "unreachable", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION));
                cb.athrow();
                dead = true;
            }
            case BLOCK -> block(K_BLOCK, r.blockType);
            case LOOP -> block(K_LOOP, r.blockType);
            case IF -> {
                pop();
                block(K_IF, r.blockType);
            }
            case ELSE -> elseBranch();
            case END -> end();
            case BR -> {
                branch(ctl(r.a));
                dead = true;
            }
            case BR_IF -> {
                pop();
                Ctl t = ctl(r.a);
                if (t.kind != K_FUNC && extras(t) == 0) {
                    cb.ifne(t.label);
                    t.targeted = true;
                } else {
                    Label skip = cb.newLabel();
                    cb.ifeq(skip);
                    branch(t);
                    cb.labelBinding(skip);
                }
            }
            case BR_TABLE -> brTable(r);
            case RETURN -> {
                emitReturn();
                dead = true;
            }
            case CALL -> call(r.a);
            case RETURN_CALL -> {
                if (r.a != function.index()) {
                    throw new Unsupported("return_call of another function");
                }
                int n = function.funcType().params().length;
                for (int p = n - 1; p >= 0; p--) {
                    pop();
                    store(localKind[p], localSlot[p]);
                }
                cb.goto_(start);
                dead = true;
            }
            case CALL_REF -> callRef(r.a);
            case THROW -> {
                FuncType t = instance.tags[r.a].type().funcType();
                char[] ps = kinds(t.params());
                int[] args = storeArgs(ps);
                int n = Math.max(ps.length, 1);
                int slots = temps.next('A');
                int refs = temps.next('A');
                cb.loadConstant(n);
                cb.newarray(TypeKind.LONG);
                cb.astore(slots);
                cb.loadConstant(n);
                cb.anewarray(ConstantDescs.CD_Object);
                cb.astore(refs);
                for (int k = 0; k < ps.length; k++) {
                    int j = k;
                    toSlot(ps[j], j, slots, refs, () -> load(ps[j], args[j]));
                }
                instanceRef();
                cb.loadConstant(r.a);
                cb.aload(slots);
                cb.aload(refs);
                cb.invokestatic(Descs.SUPPORT, "exception", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION,
                        Descs.MODULE_INSTANCE, ConstantDescs.CD_int, Descs.LONGS, Descs.OBJECTS));
                cb.athrow();
                dead = true;
            }
            case THROW_REF -> {
                pop();
                cb.invokestatic(Descs.SUPPORT, "rethrow", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION, ConstantDescs.CD_Object));
                cb.athrow();
                dead = true;
            }
            case REF_EQ -> {
                pop();
                pop();
                cb.invokestatic(Descs.SUPPORT, "refEq", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_Object,
                        ConstantDescs.CD_Object));
                push('I');
            }
            case REF_AS_NON_NULL -> {
                cb.dup();
                Label ok = cb.newLabel();
                cb.ifnonnull(ok);
                nullTrap("null reference");
                cb.labelBinding(ok);
            }
            case BR_ON_NULL -> {
                Label skip = cb.newLabel();
                cb.dup();
                cb.ifnonnull(skip);
                cb.pop();
                pop();
                branch(ctl(r.a));
                push('A');
                cb.labelBinding(skip);
            }
            case BR_ON_NON_NULL -> {
                Label skip = cb.newLabel();
                cb.dup();
                cb.ifnull(skip);
                branch(ctl(r.a));
                cb.labelBinding(skip);
                cb.pop();
                pop();
            }
            case CALL_INDIRECT -> callIndirect(r.a, r.b);
            case DROP -> {
                char k = pop();
                if (k == 'J') {
                    cb.pop2();
                } else {
                    cb.pop();
                }
            }
            case SELECT, SELECT_T -> select();
            case LOCAL_GET -> {
                load(localKind[r.a], localSlot[r.a]);
                push(localKind[r.a]);
            }
            case LOCAL_SET -> {
                pop();
                store(localKind[r.a], localSlot[r.a]);
            }
            case LOCAL_TEE -> {
                if (localKind[r.a] == 'J') {
                    cb.dup2();
                } else {
                    cb.dup();
                }
                store(localKind[r.a], localSlot[r.a]);
            }
            case GLOBAL_GET -> globalGet(r.a);
            case GLOBAL_SET -> globalSet(r.a);
            case I32_CONST, F32_CONST -> {
                cb.loadConstant(r.i32);
                push('I');
            }
            case I64_CONST, F64_CONST -> {
                cb.loadConstant(r.i64);
                push('J');
            }
            case REF_NULL -> {
                cb.aconst_null();
                push('A');
            }
            case REF_IS_NULL -> {
                pop();
                cb.invokestatic(Descs.SUPPORT, "isNull", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_Object));
                push('I');
            }
            case REF_FUNC -> {
                cb.getstatic(shape.self(), ClassShape.INSTANCE, Descs.MODULE_INSTANCE);
                cb.getfield(Descs.MODULE_INSTANCE, "functions", Descs.FUNCTION_INSTANCE.arrayType());
                cb.loadConstant(r.a);
                cb.aaload();
                push('A');
            }
            case MEMORY_SIZE -> {
                memory(r.a);
                bulk("memorySize", 'J', "M");
                narrow(memory64(r.a));
            }
            case MEMORY_GROW -> {
                widen(memory64(r.a));
                memory(r.a);
                bulk("memoryGrow", 'J', "JM");
                narrow(memory64(r.a));
                reloadMemory();
            }
            case MEMORY_FILL -> {
                boolean is64 = memory64(r.a);
                widen(is64, false, is64);
                memory(r.a);
                bulk("memoryFill", 'V', "JJJM");
            }
            case MEMORY_COPY -> {
                boolean d64 = memory64(r.a);
                boolean s64 = memory64(r.b);
                widen(d64, s64, d64 && s64);
                memory(r.a);
                memory(r.b);
                bulk("memoryCopy", 'V', "JJJMM");
            }
            case MEMORY_INIT -> {
                widen(memory64(r.b), false, false);
                instanceRef();
                cb.loadConstant(r.a);
                memory(r.b);
                bulk("memoryInit", 'V', "JJJXiM");
            }
            case DATA_DROP -> {
                instanceRef();
                cb.loadConstant(r.a);
                bulk("dataDrop", 'V', "Xi");
            }
            case TABLE_GET -> {
                widen(table64(r.a));
                table(r.a);
                bulk("tableGet", 'A', "JT");
            }
            case TABLE_SET -> {
                char v = pop();
                int tmp = temps.next(v);
                store(v, tmp);
                widen(table64(r.a));
                load(v, tmp);
                push(v);
                table(r.a);
                bulk("tableSet", 'V', "JAT");
            }
            case TABLE_SIZE -> {
                table(r.a);
                bulk("tableSize", 'J', "T");
                narrow(table64(r.a));
            }
            case TABLE_GROW -> {
                widen(table64(r.a));
                table(r.a);
                bulk("tableGrow", 'J', "AJT");
                narrow(table64(r.a));
            }
            case TABLE_FILL -> {
                boolean is64 = table64(r.a);
                widen(is64, false, is64);
                table(r.a);
                bulk("tableFill", 'V', "JAJT");
            }
            case TABLE_COPY -> {
                boolean d64 = table64(r.a);
                boolean s64 = table64(r.b);
                widen(d64, s64, d64 && s64);
                table(r.a);
                table(r.b);
                bulk("tableCopy", 'V', "JJJTT");
            }
            case TABLE_INIT -> {
                widen(table64(r.b), false, false);
                instanceRef();
                cb.loadConstant(r.a);
                table(r.b);
                bulk("tableInit", 'V', "JJJXiT");
            }
            case ELEM_DROP -> {
                instanceRef();
                cb.loadConstant(r.a);
                bulk("elemDrop", 'V', "Xi");
            }
            default -> {
                if (op.imm() == Opcode.Imm.MEMARG && op.prefix() == 0) {
                    memoryAccess(op, r);
                } else if (op.imm() == Opcode.Imm.NONE && op.signature() != null) {
                    numeric(op);
                } else {
                    throw new Unsupported(op.text());
                }
            }
        }
    }

    // ---- control

    private Ctl ctl(int depth) {
        return ctls.get(ctls.size() - 1 - depth);
    }

    private void block(int kind, int blockType) {
        char[] params;
        char[] results;
        if (blockType == CodeReader.BLOCK_EMPTY) {
            params = new char[0];
            results = new char[0];
        } else if (blockType >= 0) {
            params = new char[0];
            results = new char[] {kind(blockType)};
        } else {
            FuncType t = types.funcType(~blockType);
            params = kinds(t.params());
            results = kinds(t.results());
        }
        Ctl c = new Ctl(kind, sp - params.length, params, results, cb.newLabel());
        ctls.add(c);
        if (kind == K_LOOP) {
            cb.labelBinding(c.label);
        } else if (kind == K_IF) {
            c.elseLabel = cb.newLabel();
            cb.ifeq(c.elseLabel);
        }
    }

    private void elseBranch() {
        Ctl c = ctls.get(ctls.size() - 1);
        if (!dead) {
            cb.goto_(c.label);
            c.targeted = true;
        }
        cb.labelBinding(c.elseLabel);
        c.hasElse = true;
        sp = c.height;
        for (char k : c.params) {
            push(k);
        }
        dead = false;
    }

    private void end() {
        Ctl c = ctls.remove(ctls.size() - 1);
        if (c.kind == K_FUNC) {
            if (!dead) {
                emitReturn();
            }
            return;
        }
        boolean reachable = !dead;
        if (c.kind == K_IF && !c.hasElse) {
            cb.labelBinding(c.elseLabel);
            reachable = true;
        }
        if (c.kind != K_LOOP) {
            cb.labelBinding(c.label);
            reachable |= c.targeted;
        }
        sp = c.height;
        for (char k : c.results) {
            push(k);
        }
        dead = !reachable;
    }

    /** How many values lie between the branch values for {@code t} and its base. */
    private int extras(Ctl t) {
        return sp - t.branchTypes().length - t.height;
    }

    /** Branches to {@code t} with its values on top of the stack (the model stack is left as is). */
    private void branch(Ctl t) {
        if (t.kind == K_FUNC) {
            emitReturn();
            return;
        }
        char[] values = t.branchTypes();
        int extras = extras(t);
        if (extras > 0) {
            temps.reset();
            int[] saved = new int[values.length];
            for (int k = values.length - 1; k >= 0; k--) {
                saved[k] = temps.next(values[k]);
                store(values[k], saved[k]);
            }
            for (int e = sp - values.length - 1; e >= t.height; e--) {
                if (stack[e] == 'J') {
                    cb.pop2();
                } else {
                    cb.pop();
                }
            }
            for (int k = 0; k < values.length; k++) {
                load(values[k], saved[k]);
            }
        }
        cb.goto_(t.label);
        t.targeted = true;
    }

    private void brTable(CodeReader r) {
        pop();
        int n = r.labelCount;
        int[] depths = new int[n + 1];
        System.arraycopy(r.labels, 0, depths, 0, n);
        depths[n] = r.a;
        Label[] targets = new Label[n + 1];
        List<Label> stubs = new ArrayList<>();
        List<Ctl> stubTargets = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            Ctl t = ctl(depths[i]);
            if (t.kind != K_FUNC && extras(t) == 0) {
                targets[i] = t.label;
                t.targeted = true;
            } else {
                Label s = cb.newLabel();
                stubs.add(s);
                stubTargets.add(t);
                targets[i] = s;
            }
        }
        if (n == 0) {
            cb.pop();
            cb.goto_(targets[0]);
        } else {
            List<SwitchCase> cases = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cases.add(SwitchCase.of(i, targets[i]));
            }
            cb.tableswitch(0, n - 1, targets[n], cases);
        }
        for (int i = 0; i < stubs.size(); i++) {
            cb.labelBinding(stubs.get(i));
            branch(stubTargets.get(i));
        }
        dead = true;
    }

    private void emitReturn() {
        if (results.length > 1) {
            int[] saved = new int[results.length];
            for (int k = results.length - 1; k >= 0; k--) {
                saved[k] = temps.next(results[k]);
                store(results[k], saved[k]);
            }
            int array = temps.next('A');
            cb.loadConstant(results.length);
            cb.newarray(TypeKind.LONG);
            cb.astore(array);
            for (int k = 0; k < results.length; k++) {
                int j = k;
                toSlot(results[j], j, array, -1, () -> load(results[j], saved[j]));
            }
            cb.aload(array);
            cb.areturn();
        } else if (results.length == 0) {
            cb.return_();
        } else {
            switch (results[0]) {
                case 'I' -> cb.ireturn();
                case 'J' -> cb.lreturn();
                default -> cb.areturn();
            }
        }
    }

    private void select() {
        pop();
        char k = pop();
        pop();
        int c = temps.next('I');
        int b = temps.next(k);
        int a = temps.next(k);
        cb.istore(c);
        store(k, b);
        store(k, a);
        Label second = cb.newLabel();
        Label done = cb.newLabel();
        cb.iload(c);
        cb.ifeq(second);
        load(k, a);
        cb.goto_(done);
        cb.labelBinding(second);
        load(k, b);
        cb.labelBinding(done);
        push(k);
    }

    // ---- calls

    private void call(int index) {
        FunctionInstance callee = instance.functions[index];
        FuncType t = callee.funcType();
        MethodTypeDesc d = descriptor(t);
        if (callee instanceof WasmFunction w && w.instance() == instance && d != null) {
            cb.invokestatic(shape.owner(index), "f" + index, d);
            if (t.results().length > 1) {
                int array = temps.next('A');
                cb.astore(array);
                for (int i = 0; i < t.params().length; i++) {
                    pop();
                }
                for (int k = 0; k < t.results().length; k++) {
                    char rk = kind(t.results()[k]);
                    fromSlot(rk, k, array, -1);
                    push(rk);
                }
            } else {
                popPush(t);
            }
        } else {
            callThroughSlots(t, () -> {
                cb.getstatic(shape.self(), ClassShape.INSTANCE, Descs.MODULE_INSTANCE);
                cb.loadConstant(index);
            }, "call", MethodTypeDesc.of(ConstantDescs.CD_void, Descs.MODULE_INSTANCE, ConstantDescs.CD_int,
                    Descs.LONGS, Descs.OBJECTS));
        }
        reloadMemory();
    }

    private void callIndirect(int typeIndex, int table) {
        if (instance.tables[table].declaredType().is64()) {
            throw new Unsupported("call_indirect on a 64-bit table");
        }
        FuncType t = types.funcType(typeIndex);
        int typeId = types.id(typeIndex);
        pop();
        cb.getstatic(shape.self(), ClassShape.INSTANCE, Descs.MODULE_INSTANCE);
        cb.loadConstant(table);
        cb.loadConstant(typeId);
        cb.invokestatic(Descs.SUPPORT, "indirect", MethodTypeDesc.of(Descs.FUNCTION_INSTANCE, ConstantDescs.CD_int,
                Descs.MODULE_INSTANCE, ConstantDescs.CD_int, ConstantDescs.CD_int));
        int f = temps.next('A');
        cb.astore(f);
        MethodTypeDesc d = descriptor(t);
        char[] ps = kinds(t.params());
        int[] args = storeArgs(ps);
        Label slow = cb.newLabel();
        Label done = cb.newLabel();
        boolean fast = d != null && t.results().length <= 1;
        if (fast) {
            // a compiled callee: invokeExact on its method, no boxing
            int h = temps.next('A');
            cb.aload(f);
            cb.invokestatic(Descs.SUPPORT, "directHandle", MethodTypeDesc.of(Descs.METHOD_HANDLE, Descs.FUNCTION_INSTANCE));
            cb.astore(h);
            cb.aload(h);
            cb.ifnull(slow);
            cb.aload(h);
            for (int k = 0; k < ps.length; k++) {
                load(ps[k], args[k]);
            }
            cb.invokevirtual(Descs.METHOD_HANDLE, "invokeExact", d);
            cb.goto_(done);
        }
        cb.labelBinding(slow);
        callThroughSlots(t, args, () -> {
            cb.getstatic(shape.self(), ClassShape.INSTANCE, Descs.MODULE_INSTANCE);
            cb.aload(f);
        }, "invoke", MethodTypeDesc.of(ConstantDescs.CD_void, Descs.MODULE_INSTANCE, Descs.FUNCTION_INSTANCE,
                Descs.LONGS, Descs.OBJECTS));
        cb.labelBinding(done);
        reloadMemory();
    }

    private void callRef(int typeIndex) {
        FuncType t = types.funcType(typeIndex);
        pop();
        int f = temps.next('A');
        cb.astore(f);
        cb.aload(f);
        Label ok = cb.newLabel();
        cb.ifnonnull(ok);
        nullTrap("null function reference");
        cb.labelBinding(ok);
        callThroughSlots(t, () -> {
            cb.getstatic(shape.self(), ClassShape.INSTANCE, Descs.MODULE_INSTANCE);
            cb.aload(f);
            cb.checkcast(Descs.FUNCTION_INSTANCE);
        }, "invoke", MethodTypeDesc.of(ConstantDescs.CD_void, Descs.MODULE_INSTANCE, Descs.FUNCTION_INSTANCE,
                Descs.LONGS, Descs.OBJECTS));
        reloadMemory();
    }

    /** Throws the null-reference trap with {@code message}. */
    private void nullTrap(String message) {
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
        callThroughSlots(t, storeArgs(kinds(t.params())), prefix, helper, helperType);
    }

    /** Moves the arguments of kinds {@code ps} from the stack to scratch locals, which it returns. */
    private int[] storeArgs(char[] ps) {
        int[] args = new int[ps.length];
        for (int k = ps.length - 1; k >= 0; k--) {
            args[k] = temps.next(ps[k]);
            store(ps[k], args[k]);
            pop();
        }
        return args;
    }

    /** {@link #callThroughSlots(FuncType, Runnable, String, MethodTypeDesc)} with the arguments in {@code args}. */
    private void callThroughSlots(FuncType t, int[] args, Runnable prefix, String helper, MethodTypeDesc helperType) {
        char[] ps = kinds(t.params());
        char[] rs = kinds(t.results());
        int n = Math.max(Math.max(ps.length, rs.length), 1);
        int slots = temps.next('A');
        int refs = temps.next('A');
        cb.loadConstant(n);
        cb.newarray(TypeKind.LONG);
        cb.astore(slots);
        cb.loadConstant(n);
        cb.anewarray(ConstantDescs.CD_Object);
        cb.astore(refs);
        for (int k = 0; k < ps.length; k++) {
            int j = k;
            toSlot(ps[j], j, slots, refs, () -> load(ps[j], args[j]));
        }
        prefix.run();
        cb.aload(slots);
        cb.aload(refs);
        cb.invokestatic(Descs.SUPPORT, helper, helperType);
        for (int k = 0; k < rs.length; k++) {
            fromSlot(rs[k], k, slots, refs);
            push(rs[k]);
        }
    }

    /** Stores the value {@code value} pushes, of kind {@code kind}, at index {@code k} of slots/refs. */
    private void toSlot(char kind, int k, int slots, int refs, Runnable value) {
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
            pop();
        }
        for (int r : t.results()) {
            push(kind(r));
        }
    }

    // ---- globals

    private void globalGet(int index) {
        char k = kind(instance.globals[index].type().valType());
        cb.getstatic(shape.self(), ClassShape.global(index), Descs.GLOBAL_INSTANCE);
        if (k == 'A') {
            cb.getfield(Descs.GLOBAL_INSTANCE, "ref", ConstantDescs.CD_Object);
        } else {
            cb.getfield(Descs.GLOBAL_INSTANCE, "value", ConstantDescs.CD_long);
            if (k == 'I') {
                cb.l2i();
            }
        }
        push(k);
    }

    private void globalSet(int index) {
        char k = pop();
        if (k == 'A') {
            cb.getstatic(shape.self(), ClassShape.global(index), Descs.GLOBAL_INSTANCE);
            cb.swap();
            cb.putfield(Descs.GLOBAL_INSTANCE, "ref", ConstantDescs.CD_Object);
        } else {
            if (k == 'I') {
                cb.i2l();
            }
            cb.getstatic(shape.self(), ClassShape.global(index), Descs.GLOBAL_INSTANCE);
            cb.dup_x2();
            cb.pop();
            cb.putfield(Descs.GLOBAL_INSTANCE, "value", ConstantDescs.CD_long);
        }
    }

    // ---- memory

    private boolean memory64(int index) {
        return instance.memories[index].is64();
    }

    private boolean table64(int index) {
        return instance.tables[index].declaredType().is64();
    }

    /** Pushes memory {@code index} (its MemoryInstance). */
    private void memory(int index) {
        cb.getstatic(shape.self(), ClassShape.memory(index), Descs.MEMORY_INSTANCE);
    }

    /** Pushes table {@code index} (its TableInstance). */
    private void table(int index) {
        instanceRef();
        cb.getfield(Descs.MODULE_INSTANCE, "tables", Descs.TABLE_INSTANCE.arrayType());
        cb.loadConstant(index);
        cb.aaload();
    }

    private void instanceRef() {
        cb.getstatic(shape.self(), ClassShape.INSTANCE, Descs.MODULE_INSTANCE);
    }

    /**
     * Makes the top {@code wide.length} operands (numbers) longs: an i32 operand is zero-extended unless
     * its flag says it is already an i64. The model stack then has them as J.
     */
    private void widen(boolean... wide) {
        int n = wide.length;
        int[] saved = new int[n];
        char[] kinds = new char[n];
        for (int k = n - 1; k >= 0; k--) {
            kinds[k] = pop();
            saved[k] = temps.next(kinds[k]);
            store(kinds[k], saved[k]);
        }
        for (int k = 0; k < n; k++) {
            load(kinds[k], saved[k]);
            if (kinds[k] == 'I') {
                cb.i2l();
                cb.loadConstant(0xFFFF_FFFFL);
                cb.land();
            }
            push('J');
        }
    }

    /** Turns the long result on top into an i32 unless the memory or table is 64-bit. */
    private void narrow(boolean is64) {
        if (!is64) {
            cb.l2i();
            pop();
            push('I');
        }
    }

    /**
     * Calls {@link BulkOps} method {@code name}; {@code operands} lists its parameters: J/A operands
     * from the model stack (popped), and X (the instance), i (an immediate), M (a memory), T (a table)
     * pushed just before the call. {@code result}: V (none), J or A.
     */
    private void bulk(String name, char result, String operands) {
        ClassDesc[] ps = new ClassDesc[operands.length()];
        for (int i = 0; i < ps.length; i++) {
            char c = operands.charAt(i);
            ps[i] = switch (c) {
                case 'J' -> ConstantDescs.CD_long;
                case 'A' -> ConstantDescs.CD_Object;
                case 'X' -> Descs.MODULE_INSTANCE;
                case 'i' -> ConstantDescs.CD_int;
                case 'M' -> Descs.MEMORY_INSTANCE;
                default -> Descs.TABLE_INSTANCE;
            };
            if (c == 'J' || c == 'A') {
                pop();
            }
        }
        ClassDesc ret = switch (result) {
            case 'V' -> ConstantDescs.CD_void;
            case 'J' -> ConstantDescs.CD_long;
            default -> ConstantDescs.CD_Object;
        };
        cb.invokestatic(Descs.BULK_OPS, name, MethodTypeDesc.of(ret, ps));
        if (result != 'V') {
            push(result);
        }
    }

    private void memoryAccess(Opcode op, CodeReader r) {
        if (!shape.direct()[r.memory]) {
            throw new Unsupported("load or store on a shared memory");
        }
        String sig = op.signature();
        String name = switch (op) {
            case F32_LOAD -> "i32Load";
            case F64_LOAD -> "i64Load";
            case F32_STORE -> "i32Store";
            case F64_STORE -> "i64Store";
            default -> Numerics.camel(op.text());
        };
        boolean store = sig.endsWith(":");
        ClassDesc value = desc(Numerics.kindOf(sig.charAt(store ? 0 : sig.length() - 1)));
        ClassDesc address = memory64(r.memory) ? ConstantDescs.CD_long : ConstantDescs.CD_int;
        cb.aload(memLocals[r.memory]);
        cb.loadConstant(r.offset);
        if (store) {
            pop();
            pop();
            cb.invokestatic(Descs.MEMORY_ACCESS, name, MethodTypeDesc.of(ConstantDescs.CD_void, address,
                    value, Descs.MEMORY_SEGMENT, ConstantDescs.CD_long));
        } else {
            pop();
            cb.invokestatic(Descs.MEMORY_ACCESS, name, MethodTypeDesc.of(value, address,
                    Descs.MEMORY_SEGMENT, ConstantDescs.CD_long));
            push(Numerics.kindOf(sig.charAt(sig.length() - 1)));
        }
    }

    /** Reloads the hoisted segments (after anything that may have grown a memory: calls, memory.grow). */
    private void reloadMemory() {
        for (int m = 0; m < memLocals.length; m++) {
            if (memLocals[m] >= 0) {
                memory(m);
                cb.getfield(Descs.MEMORY_INSTANCE, "segment", Descs.MEMORY_SEGMENT);
                cb.astore(memLocals[m]);
            }
        }
    }

    // ---- numeric

    private void numeric(Opcode op) {
        if (Numerics.emitInline(op, cb)) {
            Numerics.Method m = Numerics.method(op);
            for (int i = 0; i < m.params().length; i++) {
                pop();
            }
            push(m.result());
            return;
        }
        Numerics.Method m = Numerics.method(op);
        if (m == null) {
            throw new Unsupported(op.text());
        }
        cb.invokestatic(m.owner(), m.name(), m.type());
        for (int i = 0; i < m.params().length; i++) {
            pop();
        }
        push(m.result());
    }

    // ---- the model stack and JVM locals

    private void push(char k) {
        if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = k;
    }

    private char pop() {
        return stack[--sp];
    }

    static TypeKind typeKind(char k) {
        return switch (k) {
            case 'I' -> TypeKind.INT;
            case 'J' -> TypeKind.LONG;
            default -> TypeKind.REFERENCE;
        };
    }

    private void pushZero(char k) {
        switch (k) {
            case 'I' -> cb.iconst_0();
            case 'J' -> cb.lconst_0();
            default -> cb.aconst_null();
        }
    }

    private void load(char k, int slot) {
        cb.loadLocal(typeKind(k), slot);
    }

    private void store(char k, int slot) {
        cb.storeLocal(typeKind(k), slot);
    }

    /** Scratch JVM locals, by kind, reused from one instruction to the next. */
    private static final class Temps {
        private final CodeBuilder cb;
        private final List<Integer> ints = new ArrayList<>();
        private final List<Integer> longs = new ArrayList<>();
        private final List<Integer> refs = new ArrayList<>();
        private int nextInt;
        private int nextLong;
        private int nextRef;

        Temps(CodeBuilder cb) {
            this.cb = cb;
        }

        void reset() {
            nextInt = 0;
            nextLong = 0;
            nextRef = 0;
        }

        int next(char k) {
            return switch (k) {
                case 'I' -> take(ints, nextInt++, TypeKind.INT);
                case 'J' -> take(longs, nextLong++, TypeKind.LONG);
                default -> take(refs, nextRef++, TypeKind.REFERENCE);
            };
        }

        private int take(List<Integer> pool, int i, TypeKind kind) {
            if (i == pool.size()) {
                pool.add(cb.allocateLocal(kind));
            }
            return pool.get(i);
        }
    }
}
