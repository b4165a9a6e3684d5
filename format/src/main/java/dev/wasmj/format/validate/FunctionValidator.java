package dev.wasmj.format.validate;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.Feature;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.binary.FeatureGate;

import java.util.Arrays;

/**
 * Type-checks instruction sequences (function bodies and constant expressions) in one pass with
 * the algorithm of the specification's appendix: a {@link TypeStack} of operand types and control
 * frames, local initialization tracking, and a side table of block boundaries for the
 * interpreter. Not thread safe: each task of the parallel body validation has its own, reused for
 * every body of its chunk.
 */
final class FunctionValidator {
    /** The most locals (parameters included) a function may have: an implementation limit. */
    static final int MAX_LOCALS = 1 << 20;

    private static final int[][] SIG_IN = new int[Opcode.values().length][];
    private static final int[][] SIG_OUT = new int[Opcode.values().length][];
    /** Instructions typed by their signature alone (no index or memory immediates). */
    private static final boolean[] SIMPLE = new boolean[Opcode.values().length];

    static {
        for (Opcode op : Opcode.values()) {
            String sig = op.signature();
            if (sig == null) {
                continue;
            }
            int colon = sig.indexOf(':');
            SIG_IN[op.ordinal()] = types(sig.substring(0, colon));
            SIG_OUT[op.ordinal()] = types(sig.substring(colon + 1));
            SIMPLE[op.ordinal()] = switch (op.imm()) {
                case NONE, I32, I64, F32, F64, V128 -> true;
                default -> false;
            };
        }
    }

    private static int[] types(String letters) {
        int[] ts = new int[letters.length()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = switch (letters.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'l' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'd' -> ValType.F64;
                case 'v' -> ValType.V128;
                default -> throw new IllegalStateException("bad signature " + letters);
            };
        }
        return ts;
    }

    final ModuleContext m;
    final TypeContext types;
    final Subtyping sub;
    final TypeStack s;
    private final GcValidator gc;
    private final boolean[] enabled = new boolean[Opcode.values().length];
    private final FeatureGate gate;
    CodeReader r;

    // locals: the first `expanded` one by one; the others (many locals in a small body) by declaration
    private int[] localTypes = new int[16];
    private boolean[] localInit = new boolean[16];
    private int localCount;
    private int expanded;
    private final CompactLocals tail = new CompactLocals();
    private int[] initStack = new int[16];
    private int initSp;

    // side table: triples (block start, else or first catch, end), offsets relative to the body
    private int[] side = new int[48];
    private int sideCount;
    private int codeStart;
    private int[] funcResults;
    private boolean constant;
    /** In a constant expression, the number of globals it may read. */
    private int constGlobals;

    /** One-element result types for blocks with a single result, by value type. */
    private final SingletonCache singletons = new SingletonCache();

    FunctionValidator(ModuleContext m) {
        this.m = m;
        this.types = m.types;
        this.sub = m.sub;
        this.s = new TypeStack(m.types);
        this.gc = new GcValidator(this);
        for (Opcode op : Opcode.values()) {
            enabled[op.ordinal()] = op.feature() == null || m.features.has(op.feature());
        }
        this.gate = new FeatureGate(m.features);
    }

    // ---- entry points ----

    /** Validates the body of function {@code funcIndex} and describes it for the interpreter. */
    FunctionInfo validateFunction(int funcIndex, FunctionBody body) {
        FuncType ft = m.funcType[funcIndex];
        Bytes code = body.code();
        s.at = code.start();
        setUpLocals(ft.params(), body);
        constant = false;
        funcResults = ft.results();
        run(code);
        return new FunctionInfo(s.maxHeight(), s.maxDepth(), Arrays.copyOf(side, sideCount * 3));
    }

    /**
     * Validates a constant expression producing {@code type} (closed form) that may read the
     * first {@code globals} globals. Assumes {@link ConstantExpressions} found only constant
     * instructions.
     */
    void validateConstant(Bytes expr, int type, int globals) {
        localCount = 0;
        expanded = 0;
        constant = true;
        constGlobals = globals;
        funcResults = singleton(type);
        run(expr);
    }

    private void setUpLocals(int[] params, FunctionBody body) {
        long total = params.length + body.localCount();
        if (total > MAX_LOCALS) {
            throw new InvalidException("too many locals", body.code().start());
        }
        int n = (int) total;
        int[] counts = body.localCounts();
        int[] declaredTypes = body.localTypes();
        // expand no more locals than the body's size allows for: the rest are looked up by
        // declaration, so that a body of a few bytes declaring a million locals costs little
        expanded = (int) Math.min(n, params.length + 64L + 4L * (body.code().length() + counts.length));
        if (localTypes.length < expanded) {
            int size = Math.max(expanded, localTypes.length * 2);
            localTypes = new int[size];
            localInit = new boolean[size];
        }
        System.arraycopy(params, 0, localTypes, 0, params.length);
        Arrays.fill(localInit, 0, params.length, true);
        tail.clear();
        long i = params.length;
        for (int d = 0; d < counts.length; d++) {
            int t = declaredTypes[d];
            checkValType(t);
            int g = types.toGlobal(t);
            boolean init = ValType.isDefaultable(t);
            long end = i + Integer.toUnsignedLong(counts[d]);
            if (i < expanded) {
                int to = (int) Math.min(end, expanded);
                Arrays.fill(localTypes, (int) i, to, g);
                Arrays.fill(localInit, (int) i, to, init);
            }
            if (end > expanded && end > i) {
                tail.add((int) end, g, init);
            }
            i = end;
        }
        localCount = n;
        initSp = 0;
    }

    private void run(Bytes code) {
        // Like the reference interpreter, read on past the body's end if its instructions do not
        // end there, so a missing or early `end` gets the testsuite's message.
        r = new CodeReader(code.array(), code.start(), code.array().length);
        r.reader().inSections();
        codeStart = code.start();
        sideCount = 0;
        s.reset();
        s.pushFrame(TypeStack.FUNC, TypeStack.EMPTY, funcResults, 0, -1);
        int end = code.end();
        while (true) {
            int at = r.pos();
            s.at = at;
            Opcode op = r.next();
            int o = op.ordinal();
            if (!enabled[o]) {
                gate.require(op.feature(), op.text(), at);
            }
            if (SIMPLE[o]) {
                s.popAll(SIG_IN[o]);
                s.pushAll(SIG_OUT[o]);
                continue;
            }
            if (instruction(op, at)) {
                if (r.pos() != end) {
                    throw new MalformedException("section size mismatch", r.pos());
                }
                return;
            }
        }
    }

    /** Checks one instruction; true when it was the {@code end} of the whole sequence. */
    private boolean instruction(Opcode op, int at) {
        CodeReader r = this.r;
        TypeStack s = this.s;
        switch (op) {
            case UNREACHABLE -> s.setUnreachable();
            case BLOCK, LOOP -> openBlock(op == Opcode.BLOCK ? TypeStack.BLOCK : TypeStack.LOOP, r.blockType, at);
            case IF -> openBlock(TypeStack.IF, r.blockType, at);
            case ELSE -> {
                if (s.topKind() != TypeStack.IF) {
                    throw new MalformedException("END opcode expected", at);
                }
                nextPart(TypeStack.ELSE, at);
                s.pushAll(s.params(s.depth() - 1));
            }
            case END -> {
                return end(at);
            }
            case BR -> {
                s.popAll(s.labelTypes(s.label(r.a)));
                s.setUnreachable();
            }
            case BR_IF -> {
                int[] lt = s.labelTypes(s.label(r.a));
                s.pop(ValType.I32);
                s.popAll(lt);
                s.pushAll(lt);
            }
            case BR_TABLE -> brTable();
            case RETURN -> {
                s.popAll(funcResults);
                s.setUnreachable();
            }
            case CALL -> {
                FuncType ft = funcTypeOfFunction(r.a);
                s.popAll(ft.params());
                s.pushAll(ft.results());
            }
            case RETURN_CALL -> returnCall(funcTypeOfFunction(r.a));
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                int table = table(r.b);
                FuncType ft = funcType(r.a);
                if (!sub.isSubtype(m.tableElem[table], ValType.FUNCREF)) {
                    throw s.invalid("type mismatch: instruction requires table of function type but table has "
                            + "element type " + types.name(m.tableElem[table]));
                }
                if (op == Opcode.RETURN_CALL_INDIRECT) {
                    checkReturnCall(ft);
                }
                s.pop(tableAddress(table));
                s.popAll(ft.params());
                if (op == Opcode.CALL_INDIRECT) {
                    s.pushAll(ft.results());
                } else {
                    s.setUnreachable();
                }
            }
            case CALL_REF, RETURN_CALL_REF -> {
                FuncType ft = funcType(r.a);
                if (op == Opcode.RETURN_CALL_REF) {
                    checkReturnCall(ft);
                }
                s.pop(ValType.ref(true, types.id(r.a)));
                s.popAll(ft.params());
                if (op == Opcode.CALL_REF) {
                    s.pushAll(ft.results());
                } else {
                    s.setUnreachable();
                }
            }
            case THROW -> {
                s.popAll(tagParams(r.a));
                s.setUnreachable();
            }
            case THROW_REF -> {
                s.pop(ValType.EXNREF);
                s.setUnreachable();
            }
            case TRY -> openBlock(TypeStack.TRY, r.blockType, at);
            case CATCH -> {
                int k = s.topKind();
                if (k != TypeStack.TRY && k != TypeStack.CATCH) {
                    throw new MalformedException("END opcode expected", at);
                }
                int[] params = tagParams(r.a);
                nextPart(TypeStack.CATCH, at);
                s.pushAll(params);
            }
            case CATCH_ALL -> {
                int k = s.topKind();
                if (k != TypeStack.TRY && k != TypeStack.CATCH) {
                    throw new MalformedException("END opcode expected", at);
                }
                nextPart(TypeStack.CATCH_ALL, at);
            }
            case DELEGATE -> delegate(at);
            case RETHROW -> {
                int f = s.label(r.a);
                int k = s.kind(f);
                if (k != TypeStack.CATCH && k != TypeStack.CATCH_ALL) {
                    throw s.invalid("invalid rethrow label");
                }
                s.setUnreachable();
            }
            case TRY_TABLE -> tryTable(at);
            case DROP -> s.pop();
            case SELECT -> select();
            case SELECT_T -> {
                if (r.typeCount != 1) {
                    throw s.invalid("invalid result arity");
                }
                checkValType(r.types[0]);
                int t = types.toGlobal(r.types[0]);
                s.pop(ValType.I32);
                s.pop(t);
                s.pop(t);
                s.push(t);
            }
            case LOCAL_GET -> {
                int x = local(r.a);
                if (x < expanded ? !localInit[x] : !tail.isInitialized(x)) {
                    throw s.invalid("uninitialized local");
                }
                s.push(localType(x));
            }
            case LOCAL_SET -> {
                int x = local(r.a);
                s.pop(localType(x));
                initLocal(x);
            }
            case LOCAL_TEE -> {
                int x = local(r.a);
                int t = localType(x);
                s.pop(t);
                s.push(t);
                initLocal(x);
            }
            case GLOBAL_GET -> s.push(m.globalType[global(r.a)]);
            case GLOBAL_SET -> {
                int g = global(r.a);
                if (!m.globalMutable[g]) {
                    throw s.invalid("immutable global");
                }
                s.pop(m.globalType[g]);
            }
            case TABLE_GET -> {
                int t = table(r.a);
                s.pop(tableAddress(t));
                s.push(m.tableElem[t]);
            }
            case TABLE_SET -> {
                int t = table(r.a);
                s.pop(m.tableElem[t]);
                s.pop(tableAddress(t));
            }
            case TABLE_SIZE -> s.push(tableAddress(table(r.a)));
            case TABLE_GROW -> {
                int t = table(r.a);
                s.pop(tableAddress(t));
                s.pop(m.tableElem[t]);
                s.push(tableAddress(t));
            }
            case TABLE_FILL -> {
                int t = table(r.a);
                s.pop(tableAddress(t));
                s.pop(m.tableElem[t]);
                s.pop(tableAddress(t));
            }
            case TABLE_COPY -> {
                int dst = table(r.a);
                int src = table(r.b);
                if (!sub.isSubtype(m.tableElem[src], m.tableElem[dst])) {
                    throw s.invalid("type mismatch: source element type " + types.name(m.tableElem[src])
                            + " does not match destination element type " + types.name(m.tableElem[dst]));
                }
                boolean dst64 = m.table64[dst];
                boolean src64 = m.table64[src];
                s.pop(dst64 && src64 ? ValType.I64 : ValType.I32);
                s.pop(src64 ? ValType.I64 : ValType.I32);
                s.pop(dst64 ? ValType.I64 : ValType.I32);
            }
            case TABLE_INIT -> {
                int t = table(r.b);
                int e = elem(r.a);
                if (!sub.isSubtype(m.elemType[e], m.tableElem[t])) {
                    throw s.invalid("type mismatch: element segment's type " + types.name(m.elemType[e])
                            + " does not match table's element type " + types.name(m.tableElem[t]));
                }
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.pop(tableAddress(t));
            }
            case ELEM_DROP -> elem(r.a);
            case MEMORY_SIZE -> s.push(memoryAddress(memory(r.a)));
            case MEMORY_GROW -> {
                int a = memoryAddress(memory(r.a));
                s.pop(a);
                s.push(a);
            }
            case MEMORY_FILL -> {
                int a = memoryAddress(memory(r.a));
                s.pop(a);
                s.pop(ValType.I32);
                s.pop(a);
            }
            case MEMORY_COPY -> {
                boolean dst64 = m.memory64[memory(r.a)];
                boolean src64 = m.memory64[memory(r.b)];
                s.pop(dst64 && src64 ? ValType.I64 : ValType.I32);
                s.pop(src64 ? ValType.I64 : ValType.I32);
                s.pop(dst64 ? ValType.I64 : ValType.I32);
            }
            case MEMORY_INIT -> {
                requireDataCount(at);
                int a = memoryAddress(memory(r.b));
                data(r.a);
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.pop(a);
            }
            case DATA_DROP -> {
                requireDataCount(at);
                data(r.a);
            }
            case REF_NULL -> {
                checkHeapType(r.a);
                s.push(ValType.ref(true, types.toGlobalHeap(r.a)));
            }
            case REF_IS_NULL -> {
                s.popRef();
                s.push(ValType.I32);
            }
            case REF_FUNC -> {
                int f = function(r.a);
                if (!constant && !m.declared[f]) {
                    throw s.invalid("undeclared function reference");
                }
                s.push(ValType.ref(false, m.funcHeap[f]));
            }
            case REF_EQ -> {
                s.pop(ValType.EQREF);
                s.pop(ValType.EQREF);
                s.push(ValType.I32);
            }
            case REF_AS_NON_NULL -> s.push(ValType.ref(false, ValType.heapType(s.popRef())));
            case BR_ON_NULL -> {
                s.peekRef();
                int[] lt = s.labelTypes(s.label(r.a));
                int t = s.popRef();
                s.popAll(lt);
                s.pushAll(lt);
                s.push(ValType.ref(false, ValType.heapType(t)));
            }
            case BR_ON_NON_NULL -> {
                int[] lt = s.labelTypes(s.label(r.a));
                int n = lt.length;
                if (n == 0 || !ValType.isRef(lt[n - 1])) {
                    throw s.invalid("type mismatch: instruction requires reference type but label has "
                            + types.names(lt, 0, n));
                }
                s.pop(ValType.ref(true, ValType.heapType(lt[n - 1])));
                s.popAll(lt, 0, n - 1);
                s.pushAll(lt, 0, n - 1);
            }
            default -> {
                switch (op.imm()) {
                    case MEMARG -> memoryAccess(op, checkMemarg(op));
                    case MEMARG_LANE -> {
                        int mem = checkMemarg(op);
                        if (r.a >= 16 >> op.align()) {
                            throw s.invalid("invalid lane index");
                        }
                        memoryAccess(op, mem);
                    }
                    case LANE -> {
                        if (r.a >= op.align()) {
                            throw s.invalid("invalid lane index");
                        }
                        simple(op);
                    }
                    case SHUFFLE -> {
                        for (byte lane : r.lanes) {
                            if ((lane & 0xFF) >= 32) {
                                throw s.invalid("invalid lane index");
                            }
                        }
                        simple(op);
                    }
                    case ZERO_BYTE -> simple(op);
                    default -> gc.instruction(op);
                }
            }
        }
        return false;
    }

    private void simple(Opcode op) {
        s.popAll(SIG_IN[op.ordinal()]);
        s.pushAll(SIG_OUT[op.ordinal()]);
    }

    // ---- blocks ----

    private int[] blockParams;
    private int[] blockResults;

    /** Sets {@link #blockParams} and {@link #blockResults} from a block type immediate. */
    private void blockType(int bt) {
        if (bt == CodeReader.BLOCK_EMPTY) {
            blockParams = TypeStack.EMPTY;
            blockResults = TypeStack.EMPTY;
        } else if (bt >= 0) {
            checkValType(bt);
            blockParams = TypeStack.EMPTY;
            blockResults = singleton(types.toGlobal(bt));
        } else {
            gate.require(Feature.MULTI_VALUE, "block type index", s.at);
            FuncType ft = funcType(~bt);
            blockParams = ft.params();
            blockResults = ft.results();
        }
    }

    private void openBlock(int kind, int bt, int at) {
        blockType(bt);
        int[] in = blockParams;
        int[] out = blockResults;
        if (kind == TypeStack.IF) {
            s.pop(ValType.I32);
        }
        s.popAll(in);
        s.pushFrame(kind, in, out, initSp, newSideEntry(at));
    }

    private int newSideEntry(int at) {
        if (sideCount * 3 == side.length) {
            side = Arrays.copyOf(side, side.length * 2);
        }
        int e = sideCount++;
        side[3 * e] = at - codeStart;
        side[3 * e + 1] = -1;
        side[3 * e + 2] = -1;
        return e;
    }

    /** Ends the current part of a block and starts the next ({@code else}, {@code catch}...). */
    private void nextPart(int kind, int at) {
        int f = s.depth() - 1;
        s.checkFrameEnd();
        resetLocals(s.initHeight(f));
        s.restartFrame(kind);
        int e = s.sideEntry(f);
        if (side[3 * e + 1] < 0) {
            side[3 * e + 1] = at - codeStart;
        }
    }

    private boolean end(int at) {
        int f = s.depth() - 1;
        int kind = s.kind(f);
        s.checkFrameEnd();
        if (kind == TypeStack.IF) {
            // an if without else: the parameters must pass through as the results
            s.restartFrame(TypeStack.ELSE);
            s.pushAll(s.params(f));
            s.checkFrameEnd();
        }
        resetLocals(s.initHeight(f));
        closeFrame(f, at);
        if (f == 0) {
            return true;
        }
        s.pushAll(s.results(f));
        return false;
    }

    private void closeFrame(int f, int at) {
        int e = s.sideEntry(f);
        if (e >= 0) {
            side[3 * e + 2] = at - codeStart;
        }
        s.dropFrame();
    }

    private void delegate(int at) {
        if (s.topKind() != TypeStack.TRY) {
            throw new MalformedException("END opcode expected", at);
        }
        int f = s.depth() - 1;
        s.checkFrameEnd();
        resetLocals(s.initHeight(f));
        int e = s.sideEntry(f);
        side[3 * e + 1] = at - codeStart;
        closeFrame(f, at);
        s.label(r.a);
        s.pushAll(s.results(f));
    }

    private void tryTable(int at) {
        blockType(r.blockType);
        int[] in = blockParams;
        int[] out = blockResults;
        for (int i = 0; i < r.catchCount; i++) {
            int kind = r.catchKinds[i];
            int[] payload = kind <= CodeReader.CATCH_REF ? tagParams(r.catchTags[i]) : TypeStack.EMPTY;
            int[] lt = s.labelTypes(s.label(r.catchLabels[i]));
            boolean withRef = kind == CodeReader.CATCH_REF || kind == CodeReader.CATCH_ALL_REF;
            if (!catchMatches(payload, withRef, lt)) {
                String handler = types.names(payload, 0, payload.length);
                if (withRef) {
                    handler = handler.substring(0, handler.length() - 1) + (payload.length > 0 ? " " : "")
                            + "(ref exn)]";
                }
                throw s.invalid("type mismatch: catch handler requires " + types.names(lt, 0, lt.length)
                        + " but label has " + handler);
            }
        }
        s.popAll(in);
        s.pushFrame(TypeStack.TRY_TABLE, in, out, initSp, newSideEntry(at));
    }

    private boolean catchMatches(int[] payload, boolean withRef, int[] label) {
        int n = payload.length + (withRef ? 1 : 0);
        if (n != label.length) {
            return false;
        }
        for (int i = 0; i < payload.length; i++) {
            if (!sub.isSubtype(payload[i], label[i])) {
                return false;
            }
        }
        return !withRef || sub.isSubtype(ValType.ref(false, HeapType.EXN), label[n - 1]);
    }

    private void brTable() {
        int[] lt = s.labelTypes(s.label(r.a));
        for (int i = 0; i < r.labelCount; i++) {
            s.label(r.labels[i]);
        }
        s.pop(ValType.I32);
        int n = lt.length;
        checkBranchTarget(lt, n);
        for (int i = 0; i < r.labelCount; i++) {
            checkBranchTarget(s.labelTypes(s.label(r.labels[i])), n);
        }
        s.popAll(lt);
        s.setUnreachable();
    }

    private void checkBranchTarget(int[] lt, int arity) {
        if (lt.length != arity || !s.topMatches(lt)) {
            throw s.mismatch(lt, 0, lt.length);
        }
    }

    private void select() {
        s.pop(ValType.I32);
        int t1 = s.pop();
        int t2 = s.pop();
        boolean ok1 = t1 == Subtyping.BOTTOM || ValType.isNumber(t1) || t1 == ValType.V128;
        boolean ok2 = t2 == Subtyping.BOTTOM || ValType.isNumber(t2) || t2 == ValType.V128;
        if (!ok1 || !ok2) {
            throw s.invalid("type mismatch: instruction requires numeric or vector type but stack has "
                    + types.name(ok1 ? t2 : t1));
        }
        if (t1 != t2 && t1 != Subtyping.BOTTOM && t2 != Subtyping.BOTTOM) {
            throw s.invalid("type mismatch: instruction requires [" + types.name(t1) + " " + types.name(t1)
                    + " i32] but stack has [" + types.name(t2) + " " + types.name(t1) + " i32]");
        }
        s.push(t1 == Subtyping.BOTTOM ? t2 : t1);
    }

    private void returnCall(FuncType ft) {
        checkReturnCall(ft);
        s.popAll(ft.params());
        s.setUnreachable();
    }

    private void checkReturnCall(FuncType ft) {
        if (!sub.isSubtype(ft.results(), funcResults)) {
            throw s.invalid("type mismatch: current function requires result type "
                    + types.names(funcResults, 0, funcResults.length) + " but callee returns "
                    + types.names(ft.results(), 0, ft.results().length));
        }
    }

    // ---- memory ----

    /** Checks a memory instruction's memory index, alignment and offset; returns the memory. */
    private int checkMemarg(Opcode op) {
        int mem = memory(r.memory);
        int natural = op.align();
        if (op.prefix() == Opcode.PREFIX_THREADS) {
            if (r.align != natural) {
                throw s.invalid("atomic alignment must be natural");
            }
        } else if (r.align > natural) {
            throw s.invalid("alignment must not be larger than natural");
        }
        if (!m.memory64[mem] && Long.compareUnsigned(r.offset, 0xFFFF_FFFFL) > 0) {
            throw s.invalid("offset out of range");
        }
        return mem;
    }

    private void memoryAccess(Opcode op, int mem) {
        int o = op.ordinal();
        s.popAll(SIG_IN[o]);
        s.pop(m.memory64[mem] ? ValType.I64 : ValType.I32);
        s.pushAll(SIG_OUT[o]);
    }

    private void requireDataCount(int at) {
        if (m.module.dataCount() < 0) {
            throw new MalformedException("data count section required", at);
        }
    }

    // ---- locals ----

    private int local(int x) {
        if (x < 0 || x >= localCount) {
            throw s.invalid("unknown local " + Integer.toUnsignedString(x));
        }
        return x;
    }

    private int localType(int x) {
        return x < expanded ? localTypes[x] : tail.type(x);
    }

    private void initLocal(int x) {
        if (x < expanded ? !localInit[x] : tail.initialize(x)) {
            if (x < expanded) {
                localInit[x] = true;
            }
            if (initSp == initStack.length) {
                initStack = Arrays.copyOf(initStack, initSp * 2);
            }
            initStack[initSp++] = x;
        }
    }

    private void resetLocals(int height) {
        while (initSp > height) {
            int x = initStack[--initSp];
            if (x < expanded) {
                localInit[x] = false;
            } else {
                tail.uninitialize(x);
            }
        }
    }

    // ---- index spaces ----

    int function(int x) {
        if (x < 0 || x >= m.funcHeap.length) {
            throw s.invalid("unknown function " + Integer.toUnsignedString(x));
        }
        return x;
    }

    FuncType funcTypeOfFunction(int x) {
        return m.funcType[function(x)];
    }

    int table(int x) {
        if (x < 0 || x >= m.tableElem.length) {
            throw s.invalid("unknown table " + Integer.toUnsignedString(x));
        }
        return x;
    }

    int tableAddress(int table) {
        return m.table64[table] ? ValType.I64 : ValType.I32;
    }

    int memory(int x) {
        if (x < 0 || x >= m.memory64.length) {
            throw s.invalid("unknown memory " + Integer.toUnsignedString(x));
        }
        return x;
    }

    int memoryAddress(int memory) {
        return m.memory64[memory] ? ValType.I64 : ValType.I32;
    }

    int global(int x) {
        int limit = constant ? constGlobals : m.globalType.length;
        if (x < 0 || x >= limit) {
            throw s.invalid("unknown global " + Integer.toUnsignedString(x));
        }
        return x;
    }

    int elem(int x) {
        if (x < 0 || x >= m.elemType.length) {
            throw s.invalid("unknown elem segment " + Integer.toUnsignedString(x));
        }
        return x;
    }

    int data(int x) {
        if (x < 0 || x >= m.dataCount) {
            throw s.invalid("unknown data segment " + Integer.toUnsignedString(x));
        }
        return x;
    }

    int[] tagParams(int x) {
        if (x < 0 || x >= m.tagType.length) {
            throw s.invalid("unknown tag " + Integer.toUnsignedString(x));
        }
        return types.registry().get(m.tagType[x]).funcType().params();
    }

    /** The defined type at index {@code x}, or fails with "unknown type". */
    DefType type(int x) {
        if (x < 0 || x >= types.typeCount()) {
            throw s.invalid("unknown type " + Integer.toUnsignedString(x));
        }
        return types.type(x);
    }

    FuncType funcType(int x) {
        DefType d = type(x);
        if (!d.isFunc()) {
            throw s.invalid("non-function type " + x);
        }
        return d.funcType();
    }

    /** Checks a value type read from the code: known type indices, enabled features. */
    void checkValType(int t) {
        gate.requireValType(t, s.at);
        if (ValType.isRef(t)) {
            checkHeapIndex(ValType.heapType(t));
        }
    }

    /** Checks a heap type read from the code. */
    void checkHeapType(int h) {
        checkValType(ValType.ref(true, h));
    }

    private void checkHeapIndex(int h) {
        if (HeapType.isConcrete(h)) {
            type(HeapType.typeIndex(h));
        } else if (HeapType.isExact(h)) {
            throw s.invalid("exact abstract heap type");
        }
    }

    /** The one-element array {@code [t]}, shared. */
    int[] singleton(int t) {
        return singletons.get(t);
    }
}
