package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.validate.TypeContext;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the JVM code of one Wasm function: Wasm locals in JVM locals, the operand stack on the
 * JVM's, blocks as labels. Values are {@code int} (i32, f32 as raw bits), {@code long} (i64, f64 as raw
 * bits) or {@code Object} (references), so NaN payloads travel unchanged. Throws {@link Unsupported}
 * for what it does not handle yet: the function then runs on the interpreter.
 *
 * <p>This class is the driver: the instruction loop, locals, globals, loads and stores, numeric
 * instructions and the model of the operand stack (the JVM kind of each value on it). It hands control
 * flow to {@link ControlCompiler}, calls to {@link CallCompiler}, the other memory and table
 * instructions to {@link BulkCompiler} and exception handling to {@link ExceptionCompiler}, which share
 * its state.
 */
final class FunctionCompiler {
    final ClassShape shape;
    final WasmFunction function;
    final CodeBuilder cb;
    final ModuleInstance instance;
    final TypeContext types;

    /** The model stack: the JVM kind of each operand ({@link #kind}); {@code sp} values are on it. */
    char[] stack = new char[16];
    int sp;
    /** Whether the current instruction is unreachable. */
    boolean dead;

    /** Where a self tail call jumps, with the new parameters set. */
    Label start;
    int[] localSlot;
    char[] localKind;
    /** The f32 and f64 locals kept as JVM floats and doubles ({@link FloatLocals}; none with a hook). */
    FloatLocals floatLocals = FloatLocals.NONE;
    int[] memLocals;
    /** The JVM local of the instance the code runs for: its method's last parameter. */
    int instanceSlot = -1;
    /** Per memory, the JVM local its MemoryInstance is hoisted into ({@link #hoistInstance}). */
    int[] memoryInstances;
    /** Per global, the JVM local its GlobalInstance is hoisted into, -1 if the method does not use it. */
    int[] globalInstances;
    /** Whether the method's code has instructions on memories (then they are all hoisted). */
    boolean usesMemory;
    /** Loads and stores in fewer loops than this go out of line ({@link #inlineDepth}). */
    int inlineDepth;
    final Temps temps;
    final ControlCompiler control;
    final CallCompiler calls;
    private final BulkCompiler bulk;
    private final GcCompiler gc;
    private final TailCallCompiler tailCalls;
    final ExceptionCompiler exceptions;
    private final SimdCompiler simd;
    final AtomicCompiler atomics;
    /** Sees each instruction first and may take it over (splitting large functions); null if none. */
    InstructionHook hook;
    private final CountedBackEdges backEdges;
    /**
     * Where the last instruction {@link #instruction} compiled starts and ends in the code: the
     * instruction before the current one if it ends where the current one starts ({@link CountedBackEdges}).
     */
    private int previousStart = -1;
    private int previousEnd = -1;

    FunctionCompiler(ClassShape shape, WasmFunction function, CodeBuilder cb) {
        this.shape = shape;
        this.function = function;
        this.cb = cb;
        this.instance = function.instance();
        this.types = instance.module().types();
        this.temps = new Temps(cb);
        this.control = new ControlCompiler(this);
        this.calls = new CallCompiler(this);
        this.bulk = new BulkCompiler(this);
        this.gc = new GcCompiler(this, control);
        this.tailCalls = new TailCallCompiler(this);
        this.exceptions = new ExceptionCompiler(this, control);
        this.simd = new SimdCompiler(this);
        this.atomics = new AtomicCompiler(this);
        this.backEdges = new CountedBackEdges(this);
    }

    // ---- types

    /** The JVM kind of a Wasm value type: I (i32, f32), J (i64, f64), V (v128: two longs) or A (references). */
    static char kind(int valType) {
        return switch (valType) {
            case ValType.I32, ValType.F32 -> 'I';
            case ValType.I64, ValType.F64 -> 'J';
            case ValType.V128 -> 'V';
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
            case 'J', 'V' -> ConstantDescs.CD_long; // a v128 is two: low, then high
            default -> ConstantDescs.CD_Object;
        };
    }

    /** Whether results of kinds {@code results} return as a {@code long[]}: several, or a v128. */
    static boolean resultsInArray(char[] results) {
        return results.length > 1 || results.length == 1 && results[0] == 'V';
    }

    /** The index of each value of kinds {@code ks} in the slots convention (a v128 takes two slots). */
    static int[] slotPositions(char[] ks) {
        int[] pos = new int[ks.length];
        for (int i = 0, p = 0; i < ks.length; p += ks[i] == 'V' ? 2 : 1, i++) {
            pos[i] = p;
        }
        return pos;
    }

    /** How many slots values of kinds {@code ks} take in the slots convention (a v128 takes two). */
    static int slotCount(char[] ks) {
        int n = 0;
        for (char k : ks) {
            n += k == 'V' ? 2 : 1;
        }
        return n;
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
     * that type are not called directly (several results with both a v128 and a reference, or
     * parameters over the JVM's 255 slots). A v128 parameter is two {@code long}s (low, high). Several
     * numeric results, or a v128 result, return as a {@code long[]} in the slots convention (i32 and
     * f32 zero-extended, a v128 in two slots), several results with a reference as an
     * {@code Object[]} ({@link RefResults}).
     */
    static MethodTypeDesc descriptor(FuncType t) {
        try {
            ClassDesc[] ps = new ClassDesc[slotCount(kinds(t.params()))];
            for (int i = 0, j = 0; i < t.params().length; i++) {
                char k = kind(t.params()[i]);
                ps[j++] = desc(k);
                if (k == 'V') {
                    ps[j++] = ConstantDescs.CD_long;
                }
            }
            ClassDesc ret;
            if (t.results().length == 0) {
                ret = ConstantDescs.CD_void;
            } else if (!resultsInArray(kinds(t.results()))) {
                ret = desc(kind(t.results()[0]));
            } else {
                char[] rs = kinds(t.results());
                if (RefResults.applies(rs)) {
                    ret = Descs.OBJECTS;
                } else {
                    for (char k : rs) {
                        if (k == 'A') {
                            return null; // a v128 and a reference
                        }
                    }
                    ret = Descs.LONGS;
                }
            }
            MethodTypeDesc d = MethodTypeDesc.of(ret, ps).insertParameterTypes(ps.length, Descs.MODULE_INSTANCE);
            int jvmSlots = 1; // the instance
            for (ClassDesc p : ps) {
                jvmSlots += p.equals(ConstantDescs.CD_long) ? 2 : 1;
            }
            return jvmSlots <= 255 ? d : null; // the JVM's limit on a method's parameters
        } catch (Unsupported e) {
            return null;
        }
    }

    // ---- the function

    /** Emits the function's body. */
    void emit() {
        if (Compiler.keptOnInterpreter(function.name())) {
            throw new Unsupported("named in " + Compiler.INTERPRET_PROPERTY);
        }
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
        int jvm = 0;
        for (int p = 0; p < ft.params().length; p++, i++) {
            localKind[i] = kind(ft.params()[p]);
            localSlot[i] = cb.parameterSlot(jvm);
            jvm += localKind[i] == 'V' ? 2 : 1;
        }
        instanceSlot = cb.parameterSlot(jvm); // the last parameter
        for (int d = 0; d < body.localCounts().length; d++) {
            char k = kind(body.localTypes()[d]);
            for (int c = 0; c < body.localCounts()[d]; c++, i++) {
                localKind[i] = k;
                localSlot[i] = cb.allocateLocal(typeKind(k));
                if (k == 'V') {
                    cb.allocateLocal(TypeKind.LONG); // the high half, at localSlot[i] + 2
                }
            }
        }
        if (hook == null) {
            floatLocals = FloatLocals.allocate(cb, ft, body);
        }
        cb.nop();
        start = cb.newBoundLabel(); // a self tail call jumps here with the new parameters set
        floatLocals.enter(cb, ft.params().length, localSlot);
        for (int d = 0, j = ft.params().length; d < body.localCounts().length; d++) {
            for (int c = 0; c < body.localCounts()[d]; c++, j++) {
                if (floatLocals.has(j)) {
                    floatLocals.zero(cb, j);
                } else {
                    pushZero(localKind[j]);
                    store(localKind[j], localSlot[j]);
                }
            }
        }
        hoistInstance(new CodeReader(body.code()));
        memLocals = new int[shape.memories()];
        for (int m = 0; m < memLocals.length; m++) {
            memLocals[m] = shape.direct()[m] && usesMemory ? cb.allocateLocal(TypeKind.REFERENCE) : -1;
        }
        atomics.enterFunction();
        reloadMemory();
        simd.enterFunction(body);
        inlineDepth = inlineDepth(body, inlinedAccesses());
        control.enterFunction(kinds(ft.results()));
        CodeReader r = new CodeReader(body.code());
        int codeStart = body.code().start();
        while (control.inFunction()) {
            Opcode op = r.next();
            if (hook != null && hook.at(op, r)) {
                continue;
            }
            if (dead) {
                control.skip(op, r);
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
        exceptions.finish();
    }

    /**
     * About how many loads and stores C2 inlines into one method: each inlined access takes 600-800
     * nodes of the 18,000 after which its parse stops inlining (see {@link MemoryAccess#outOfLine}).
     */
    private static final int INLINED_ACCESSES = 20;
    /**
     * The same for a function whose memories are all kept in arrays, whose inlined accesses are bytecode
     * of the method itself ({@link ArrayAccessEmitter}) and so do not count against C2's inlining cutoff:
     * at most this many per method, since a method of a few hundred makes the JIT give up (250 in one
     * loop: C1 "out of virtual registers", C2 "out of stack space", the method stays interpreted; 100
     * compile). The accesses past it call the small {@link MemoryAccess} helpers. Also the limit of
     * {@link #inlineDepth} for such functions, emitting or not.
     */
    static final int EMITTED_ACCESSES = 100;
    /**
     * The same for a function on arrays that does not emit its accesses ({@link #emitsAccesses}), whose
     * helper calls take about 400 nodes each (C2 inlined 41 of nbody's 95 before the cutoff). Measured
     * on nbody, matmul, interp and strings: 30 is faster than 20 or 40, 80 made nbody 3x slower.
     */
    private static final int INLINED_ARRAY_ACCESSES = 30;
    /** How many accesses this method has emitted ({@link #EMITTED_ACCESSES}). */
    private int emittedAccesses;
    /**
     * Functions with at most this many accesses call the helpers (C2 inlines about 40 before its cutoff
     * and calls the small helpers for the rest): an emitted access costs more than a helper call before
     * the JIT compiles the method (bytecode interpreter, C1: a VarHandle access there is several
     * calls), which SQLite, run in fresh instances, pays (main thread per run of 5,000 rows: base ~750
     * ms; emitting in the loops of functions with more than 30 accesses ~900, more than 90 ~790).
     */
    private static final int HELPER_ACCESSES = 90;
    /**
     * The largest function body (bytes of Wasm) that emits its accesses: larger ones, made longer by
     * the emitted code, come near the 8,000 bytes of bytecode past which a method is split (SQLite: 16,000
     * ~870 ms, 4,000 ~790 ms; nbody's function is 2,100 bytes).
     */
    private static final int EMITTING_BODY_BYTES = 4_000;
    /** Whether this function's accesses in loops are emitted ({@link ArrayAccessEmitter}); 0 unknown. */
    private int emits;

    /**
     * Whether this function emits its accesses in loops ({@link ArrayAccessEmitter}): those with more
     * than {@link #HELPER_ACCESSES}, where C2's cutoff leaves many as calls, of at most
     * {@link #EMITTING_BODY_BYTES}, and without v128 values (a method that emitted accesses make too
     * large is split, and splitting does not handle those).
     */
    private boolean emitsAccesses() {
        if (emits == 0) {
            FunctionBody body = function.body();
            boolean many = body.code().length() <= EMITTING_BODY_BYTES && !usesV128()
                    && java.util.Arrays.stream(accessesPerLoopDepth(body)).sum() > HELPER_ACCESSES;
            emits = many ? 1 : -1;
        }
        return emits > 0;
    }

    /** Whether this function has v128 parameters, results or locals, or SIMD instructions. */
    private boolean usesV128() {
        FuncType ft = function.funcType();
        FunctionBody body = function.body();
        for (int t : ft.params()) {
            if (kind(t) == 'V') {
                return true;
            }
        }
        for (int t : ft.results()) {
            if (kind(t) == 'V') {
                return true;
            }
        }
        for (int t : body.localTypes()) {
            if (kind(t) == 'V') {
                return true;
            }
        }
        CodeReader r = new CodeReader(body.code());
        int depth = 0;
        while (depth >= 0) {
            Opcode op = r.next();
            switch (op) {
                case BLOCK, IF, TRY, TRY_TABLE, LOOP -> depth++;
                case END, DELEGATE -> depth--;
                default -> {
                    if (op.prefix() == Opcode.PREFIX_SIMD) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    int inlinedAccesses() {
        for (int m = 0; m < shape.memories(); m++) {
            if (shape.direct()[m] && !inArray(m)) {
                return INLINED_ACCESSES;
            }
        }
        return emitsAccesses() ? EMITTED_ACCESSES : INLINED_ARRAY_ACCESSES;
    }

    /**
     * The loop depth from which loads and stores are inlined; those in fewer loops go out of line. The
     * smallest depth at which at most {@code limit} accesses are that deep or deeper (the deepest loops
     * run most often), but never more than the deepest loop's: 0 (all inlined) for a function with at
     * most {@code limit} accesses or none in loops, or (helpers on arrays, {@link #INLINED_ARRAY_ACCESSES})
     * with at most three times {@code limit}: then C2 inlines those that fit its budget and calls the
     * small helpers for the rest, which costs less than the out-of-line path when the code outside loops
     * runs often, as in a small function called in a loop (libc's memcpy and memset, 76 and 26
     * accesses; strings: 4.2 -> 2.1 ms). A function that emits its accesses has the limit
     * {@link #EMITTED_ACCESSES}: nbody's 95 are all emitted (2.5 -> 1.3 ms; with helper calls, C2's
     * cutoff left those after its first 41 as calls, and those outside its deepest loop went out of line).
     */
    static int inlineDepth(FunctionBody body, int limit) {
        int[] perLoopDepth = accessesPerLoopDepth(body);
        int total = 0;
        for (int c : perLoopDepth) {
            total += c;
        }
        if (limit == INLINED_ARRAY_ACCESSES && total <= limit * 3) {
            return 0;
        }
        int inlined = 0;
        for (int d = perLoopDepth.length - 1; d > 0; d--) {
            inlined += perLoopDepth[d];
            if (inlined > limit) {
                return inlined == perLoopDepth[d] ? d : d + 1;
            }
        }
        return inlined > 0 && inlined + perLoopDepth[0] > limit ? 1 : 0;
    }

    /** The number of loads and stores in {@code body} at each loop depth (index 0: outside loops). */
    static int[] accessesPerLoopDepth(FunctionBody body) {
        CodeReader r = new CodeReader(body.code());
        int depth = 0;
        int loops = 0;
        int[] perLoopDepth = new int[8];
        java.util.ArrayDeque<Boolean> isLoop = new java.util.ArrayDeque<>();
        while (depth >= 0) {
            Opcode op = r.next();
            switch (op) {
                case BLOCK, IF, TRY, TRY_TABLE, LOOP -> {
                    depth++;
                    isLoop.push(op == Opcode.LOOP);
                    if (op == Opcode.LOOP) {
                        loops++;
                    }
                }
                case END, DELEGATE -> {
                    depth--;
                    if (!isLoop.isEmpty() && isLoop.pop()) {
                        loops--;
                    }
                }
                default -> {
                    if (op.imm() == Opcode.Imm.MEMARG && op.prefix() == 0) {
                        if (loops >= perLoopDepth.length) {
                            perLoopDepth = java.util.Arrays.copyOf(perLoopDepth, loops * 2);
                        }
                        perLoopDepth[loops]++;
                    }
                }
            }
        }
        return perLoopDepth;
    }

    void instruction(Opcode op, CodeReader r) {
        int previous = previousEnd == r.start ? previousStart : -1;
        previousStart = r.start;
        previousEnd = r.pos();
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                cb.invokestatic(Descs.SUPPORT, "unreachable", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION));
                cb.athrow();
                dead = true;
            }
            case BLOCK -> control.block(ControlCompiler.K_BLOCK, r.blockType);
            case LOOP -> {
                control.block(ControlCompiler.K_LOOP, r.blockType);
                control.loopBody(r.pos());
            }
            case IF -> {
                pop();
                control.block(ControlCompiler.K_IF, r.blockType);
            }
            case ELSE -> control.elseBranch();
            case END -> control.end();
            case BR -> control.br(r.a);
            case BR_IF -> {
                int depth = r.a;
                if (!backEdges.counterTest(depth, previous, r)) {
                    control.brIf(depth);
                }
            }
            case I32_DIV_U, I32_REM_U -> {
                if (!ConstantDivisors.emit(this, op, previous, r)) {
                    numeric(op);
                }
            }
            case I32_GT_U, I32_GE_U, I32_LT_U, I32_LE_U, I64_GT_U, I64_GE_U, I64_LT_U, I64_LE_U -> {
                if (!backEdges.unsignedCompare(op, previous, r)) {
                    comparison(op, r);
                }
            }
            case I32_NE, I64_NE -> {
                if (!control.notEqualBackEdge(op == Opcode.I64_NE ? 'J' : 'I', r)) {
                    comparison(op, r);
                }
            }
            case I32_EQZ, I32_EQ, I32_LT_S, I32_GT_S, I32_LE_S, I32_GE_S, I64_EQZ, I64_EQ, I64_LT_S, I64_GT_S,
                    I64_LE_S, I64_GE_S -> comparison(op, r);
            case BR_TABLE -> control.brTable(r);
            case RETURN -> control.ret();
            case CALL -> calls.call(r.a);
            case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> tailCalls.emit(op, r);
            case CALL_REF -> calls.callRef(r.a);
            case TRY_TABLE, TRY, CATCH, CATCH_ALL, DELEGATE, RETHROW, THROW, THROW_REF -> exceptions.emit(op, r);
            case I64_ADD128, I64_SUB128, I64_MUL_WIDE_S, I64_MUL_WIDE_U -> WideArithmetic.emit(this, op);
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
                calls.nullTrap("null reference");
                cb.labelBinding(ok);
            }
            case BR_ON_NULL -> control.brOnNull(r.a);
            case BR_ON_NON_NULL -> control.brOnNonNull(r.a);
            case CALL_INDIRECT -> calls.callIndirect(r.a, r.b);
            case DROP -> {
                char k = pop();
                if (k == 'V') {
                    cb.pop2();
                    cb.pop2();
                } else if (k == 'J') {
                    cb.pop2();
                } else {
                    cb.pop();
                }
            }
            case SELECT, SELECT_T -> select();
            case LOCAL_GET -> {
                if (floatLocals.has(r.a)) {
                    floatLocals.get(cb, r.a);
                } else {
                    load(localKind[r.a], localSlot[r.a]);
                }
                push(localKind[r.a]);
            }
            case LOCAL_SET -> {
                pop();
                if (floatLocals.has(r.a)) {
                    floatLocals.set(cb, r.a);
                } else {
                    store(localKind[r.a], localSlot[r.a]);
                }
            }
            case LOCAL_TEE -> {
                if (localKind[r.a] == 'J') {
                    cb.dup2();
                } else if (localKind[r.a] != 'V') {
                    cb.dup();
                }
                if (floatLocals.has(r.a)) {
                    floatLocals.set(cb, r.a);
                } else {
                    store(localKind[r.a], localSlot[r.a]);
                }
                if (localKind[r.a] == 'V') {
                    load('V', localSlot[r.a]);
                }
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
                instanceRef();
                cb.getfield(Descs.MODULE_INSTANCE, "functions", Descs.FUNCTION_INSTANCE.arrayType());
                cb.loadConstant(r.a);
                cb.aaload();
                push('A');
            }
            case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, DATA_DROP, TABLE_GET, TABLE_SET,
                    TABLE_SIZE, TABLE_GROW, TABLE_FILL, TABLE_COPY, TABLE_INIT, ELEM_DROP -> bulk.emit(op, r);
            default -> {
                if (op.prefix() == Opcode.PREFIX_SIMD) {
                    simd.emit(op, r);
                } else if (op.imm() == Opcode.Imm.MEMARG && op.prefix() == 0) {
                    memoryAccess(op, r);
                } else if (op.prefix() == 0xFB) {
                    gc.emit(op, r);
                } else if (op.prefix() == Opcode.PREFIX_THREADS) {
                    atomics.emit(op, r);
                } else if (op.imm() == Opcode.Imm.NONE && op.signature() != null) {
                    numeric(op);
                } else {
                    throw new Unsupported(op.text());
                }
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

    // ---- globals

    private void globalGet(int index) {
        char k = kind(instance.globals[index].type().valType());
        if (k == 'V') {
            simd.globalGet(index);
            return;
        }
        global(index);
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
        if (stack[sp - 1] == 'V') {
            simd.globalSet(index);
            return;
        }
        char k = pop();
        if (k == 'A') {
            global(index);
            cb.swap();
            cb.putfield(Descs.GLOBAL_INSTANCE, "ref", ConstantDescs.CD_Object);
        } else {
            if (k == 'I') {
                cb.i2l();
            }
            global(index);
            cb.dup_x2();
            cb.pop();
            cb.putfield(Descs.GLOBAL_INSTANCE, "value", ConstantDescs.CD_long);
        }
    }

    // ---- memory

    boolean memory64(int index) {
        return instance.memories[index].is64();
    }

    /** Pushes memory {@code index} (its MemoryInstance, hoisted). */
    void memory(int index) {
        cb.aload(memoryInstances[index]);
    }

    /** Pushes global {@code index} (its GlobalInstance, hoisted). */
    void global(int index) {
        cb.aload(globalInstances[index]);
    }

    /** Pushes the instance the code runs for (the {@code ModuleInstance} parameter). */
    void instanceRef() {
        cb.aload(instanceSlot);
    }

    /**
     * At method entry ({@link #instanceSlot} set): hoists the instance's memories (if the code
     * {@code r} has instructions on memories: else none, so that a small function that calls others
     * does not reload them after each call) and its globals that the code reads or writes into JVM
     * locals. Generated code is shared by the module's instances, so it reads them from its instance
     * parameter, once.
     */
    void hoistInstance(CodeReader r) {
        int globals = instance.globals.length;
        globalInstances = new int[globals];
        java.util.Arrays.fill(globalInstances, -1);
        while (!r.atEnd()) {
            Opcode op = r.next();
            if ((op == Opcode.GLOBAL_GET || op == Opcode.GLOBAL_SET) && globalInstances[r.a] < 0) {
                globalInstances[r.a] = cb.allocateLocal(TypeKind.REFERENCE);
                instanceRef();
                cb.getfield(Descs.MODULE_INSTANCE, "globals", Descs.GLOBAL_INSTANCE.arrayType());
                cb.loadConstant(r.a);
                cb.aaload();
                cb.astore(globalInstances[r.a]);
            }
            usesMemory |= op.imm() == Opcode.Imm.MEMARG || op.imm() == Opcode.Imm.MEMARG_LANE
                    || op.imm() == Opcode.Imm.MEMORY || op.prefix() == Opcode.PREFIX_THREADS
                    || op == Opcode.MEMORY_COPY || op == Opcode.MEMORY_INIT;
        }
        memoryInstances = new int[shape.memories()];
        java.util.Arrays.fill(memoryInstances, -1);
        for (int m = 0; m < memoryInstances.length && usesMemory; m++) {
            memoryInstances[m] = cb.allocateLocal(TypeKind.REFERENCE);
            instanceRef();
            if (m == 0) {
                cb.getfield(Descs.MODULE_INSTANCE, "memory0", Descs.MEMORY_INSTANCE);
            } else {
                cb.getfield(Descs.MODULE_INSTANCE, "memories", Descs.MEMORY_INSTANCE.arrayType());
                cb.loadConstant(m);
                cb.aaload();
            }
            cb.astore(memoryInstances[m]);
        }
    }

    private void memoryAccess(Opcode op, CodeReader r) {
        if (!shape.direct()[r.memory]) {
            atomics.sharedAccess(op, r);
            return;
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
        if (control.loopDepth() < inlineDepth && !memory64(r.memory)) {
            outOfLineAccess(op, store, value, r);
            return;
        }
        if (inArray(r.memory) && control.loopDepth() > 0 && emittedAccesses < EMITTED_ACCESSES && emitsAccesses()) {
            emittedAccesses++;
            char kind = Numerics.kindOf(sig.charAt(store ? 0 : sig.length() - 1));
            ArrayAccessEmitter.emit(cb, op, r.offset, memLocals[r.memory], temps.next('I'), store ? temps.next(kind) : -1);
            pop();
            if (store) {
                pop();
            } else {
                push(kind);
            }
            return;
        }
        cb.aload(memLocals[r.memory]);
        cb.loadConstant(r.offset);
        if (store) {
            pop();
            pop();
            cb.invokestatic(Descs.MEMORY_ACCESS, name, MethodTypeDesc.of(ConstantDescs.CD_void, address,
                    value, hoisted(r.memory), ConstantDescs.CD_long));
        } else {
            pop();
            cb.invokestatic(Descs.MEMORY_ACCESS, name, MethodTypeDesc.of(value, address,
                    hoisted(r.memory), ConstantDescs.CD_long));
            push(Numerics.kindOf(sig.charAt(sig.length() - 1)));
        }
    }

    /** A load or store through {@link MemoryAccess#outOfLine} (a 32-bit address). */
    private void outOfLineAccess(Opcode op, boolean store, ClassDesc value, CodeReader r) {
        if (!store) {
            cb.lconst_0();
        } else if (value.equals(ConstantDescs.CD_int)) {
            cb.i2l();
        }
        cb.aload(memLocals[r.memory]);
        cb.loadConstant(r.offset);
        cb.loadConstant(op.code());
        cb.invokestatic(Descs.MEMORY_ACCESS, "outOfLine", MethodTypeDesc.of(ConstantDescs.CD_long,
                ConstantDescs.CD_int, ConstantDescs.CD_long, hoisted(r.memory), ConstantDescs.CD_long,
                ConstantDescs.CD_int));
        pop();
        if (store) {
            pop();
            cb.pop2();
        } else {
            char result = Numerics.kindOf(op.signature().charAt(op.signature().length() - 1));
            if (result == 'I') {
                cb.l2i();
            }
            push(result);
        }
    }

    /** Pushes the hoisted memory {@code index} (unshared): its {@link #hoisted} local. */
    void segment(int index) {
        cb.aload(memLocals[index]);
    }

    /** Whether memory {@code index} is kept in an array, which then stays ({@code MemoryInstance.pinArray}). */
    private boolean inArray(int index) {
        return instance.memories[index].pinArray();
    }

    /**
     * The type of memory {@code index}'s hoisted local: the {@code byte[]} of a memory kept in an array,
     * else its {@code MemorySegment}.
     */
    ClassDesc hoisted(int index) {
        return inArray(index) ? ConstantDescs.CD_byte.arrayType() : Descs.MEMORY_SEGMENT;
    }

    /** Reloads the hoisted memories (after anything that may have grown a memory: calls, memory.grow). */
    void reloadMemory() {
        for (int m = 0; m < memLocals.length; m++) {
            if (memLocals[m] >= 0) {
                memory(m);
                cb.getfield(Descs.MEMORY_INSTANCE, inArray(m) ? "array" : "segment", hoisted(m));
                cb.astore(memLocals[m]);
            }
        }
    }

    // ---- numeric

    /**
     * An integer comparison: with the {@code br_if} or {@code if} after it as one JVM jump
     * ({@link ControlCompiler#fusedComparison}; not with a hook, which must see every instruction), else
     * as a value; a comparison that is not one branch on its operands and whose value a {@code br_if}
     * to a loop tests, as a call of {@code NumericOps} (see {@link IntComparisons#onOperands}).
     */
    private void comparison(Opcode op, CodeReader r) {
        if (hook == null && control.fusedComparison(op, r)) {
            return;
        }
        if (!IntComparisons.onOperands(op) && control.loopBranchNext(r)) {
            call(op);
        } else {
            numeric(op);
        }
    }

    private void numeric(Opcode op) {
        if (Numerics.emitInline(op, cb)) {
            Numerics.Method m = Numerics.method(op);
            for (int i = 0; i < m.params().length; i++) {
                pop();
            }
            push(m.result());
            return;
        }
        call(op);
    }

    /** Numeric instruction {@code op} as a call of its method ({@link Numerics#method}). */
    private void call(Opcode op) {
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

    void push(char k) {
        if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = k;
    }

    char pop() {
        return stack[--sp];
    }

    static TypeKind typeKind(char k) {
        return switch (k) {
            case 'I' -> TypeKind.INT;
            case 'J', 'V' -> TypeKind.LONG; // a v128: two longs
            default -> TypeKind.REFERENCE;
        };
    }

    private void pushZero(char k) {
        switch (k) {
            case 'I' -> cb.iconst_0();
            case 'J' -> cb.lconst_0();
            case 'V' -> {
                cb.lconst_0();
                cb.lconst_0();
            }
            default -> cb.aconst_null();
        }
    }

    /** Pushes the local at {@code slot} (a v128: its low half there, its high half at slot + 2). */
    void load(char k, int slot) {
        cb.loadLocal(typeKind(k), slot);
        if (k == 'V') {
            cb.lload(slot + 2);
        }
    }

    void store(char k, int slot) {
        if (k == 'V') {
            cb.lstore(slot + 2);
        }
        cb.storeLocal(typeKind(k), slot);
    }

    /** Scratch JVM locals, by kind, reused from one instruction to the next. */
    static final class Temps {
        private final CodeBuilder cb;
        private final List<Integer> ints = new ArrayList<>();
        private final List<Integer> longs = new ArrayList<>();
        private final List<Integer> refs = new ArrayList<>();
        private final List<Integer> vectors = new ArrayList<>();
        private int nextInt;
        private int nextVector;
        private int nextLong;
        private int nextRef;

        Temps(CodeBuilder cb) {
            this.cb = cb;
        }

        void reset() {
            nextInt = 0;
            nextLong = 0;
            nextRef = 0;
            nextVector = 0;
        }

        int next(char k) {
            return switch (k) {
                case 'I' -> take(ints, nextInt++, TypeKind.INT);
                case 'J' -> take(longs, nextLong++, TypeKind.LONG);
                case 'V' -> {
                    if (nextVector == vectors.size()) {
                        vectors.add(cb.allocateLocal(TypeKind.LONG));
                        cb.allocateLocal(TypeKind.LONG); // the high half, at the low half's slot + 2
                    }
                    yield vectors.get(nextVector++);
                }
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
