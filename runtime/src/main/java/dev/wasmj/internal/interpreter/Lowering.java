package dev.wasmj.internal.interpreter;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.validate.TypeContext;
import dev.wasmj.internal.ops.SimdDispatch;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.StructLayout;
import dev.wasmj.internal.runtime.WasmFunction;

import java.util.Arrays;

/**
 * Lowers a validated function body into {@link Code}: one pass over the instructions, tracking the
 * operand stack's height and the category of each value (number, v128, reference), so that every
 * branch knows where its target is and which values it keeps, and locals, selects and globals get
 * the variant for their category. Code after an unconditional branch is not lowered.
 */
final class Lowering {
    static final byte NUM = 0, VEC = 1, REF = 2;

    private final WasmFunction function;
    private final ModuleInstance instance;
    private final WasmModule module;
    private final TypeContext types;

    private int[] out = new int[64];
    private int[] offs = new int[64];
    private int len;

    private byte[] cats = new byte[16]; // per value on the operand stack
    private int values;                  // values on the operand stack
    private int height;                  // slots on the operand stack (a v128 takes two)
    private int maxHeight;
    private final byte[] localCats;
    private final int[] localSlot;       // per local, its slot relative to the frame base
    private final int locals;            // slots of all locals
    private final int paramSlots;

    // control frames
    private int depth;
    private int[] ctlKind = new int[8];
    private int[] ctlHeight = new int[8];
    private int[] ctlValues = new int[8];
    private int[] ctlBlockType = new int[8];
    private int[] ctlLoopPc = new int[8];
    private int[] ctlPatch = new int[8];
    private int[] ctlElsePatch = new int[8];

    private static final int K_BLOCK = 0, K_LOOP = 1, K_IF = 2, K_FUNC = 3, K_TRY = 4, K_CATCH = 5, K_TRY_TABLE = 6;

    /** Handler kinds: the try_table clause kinds of {@link CodeReader}, then the legacy ones. */
    static final int H_LEGACY_CATCH = 4, H_LEGACY_CATCH_ALL = 5, H_DELEGATE = 6;
    /** Ints per handler entry: start, end, kind, tag, pad, base height, hidden slot (legacy) or resume pc. */
    static final int HANDLER_SIZE = 7;

    private int[] ctlStartPc = new int[8];
    private int[] ctlTryEnd = new int[8];
    private int[] ctlHidden = new int[8];
    private int[] ctlPending = new int[8];
    private int legacyDepth;
    private int hiddenCount;
    private final IntBuffer handlers = new IntBuffer();
    private final IntBuffer pending = new IntBuffer();
    private final IntBuffer hiddenUses = new IntBuffer();

    private boolean unreachable;
    private int skipDepth;
    /** Whether each loop starts with {@link Op#LOOP}, which counts its iterations (tiered compilation). */
    private final boolean countLoops;

    private Lowering(WasmFunction function) {
        this.function = function;
        var generator = function.instance().store().codeGenerator();
        this.countLoops = generator != null && generator.countsLoops(function);
        this.instance = function.instance();
        this.module = instance.module().module();
        this.types = instance.module().types();
        FunctionBody body = function.body();
        FuncType ft = function.funcType();
        long n = ft.params().length + body.localCount();
        if (n > 50_000_000) {
            throw new IllegalStateException("too many locals");
        }
        localCats = new byte[(int) n];
        localSlot = new int[(int) n];
        int i = 0;
        int slot = 0;
        for (int p : ft.params()) {
            localSlot[i] = slot;
            localCats[i++] = cat(p);
            slot += size(cat(p));
        }
        paramSlots = slot;
        for (int d = 0; d < body.localCounts().length; d++) {
            byte c = cat(body.localTypes()[d]);
            for (int k = 0; k < body.localCounts()[d]; k++) {
                localSlot[i] = slot;
                localCats[i++] = c;
                slot += size(c);
            }
        }
        locals = slot;
    }

    static int size(byte cat) {
        return cat == VEC ? 2 : 1;
    }

    /** The slots values of {@code types} take. */
    static int slots(int[] types) {
        int n = 0;
        for (int t : types) {
            n += size(cat(t));
        }
        return n;
    }

    /** Lowers {@code f}'s body. */
    static Code lower(WasmFunction f) {
        return new Lowering(f).run();
    }

    static byte cat(int valType) {
        return valType == ValType.V128 ? VEC : ValType.isRef(valType) ? REF : NUM;
    }

    private Code run() {
        FuncType ft = function.funcType();
        pushControl(K_FUNC, ~0, -1);
        ctlBlockType[0] = Integer.MIN_VALUE; // the function's own type
        CodeReader r = new CodeReader(function.body().code());
        while (depth > 0) {
            Opcode op = r.next();
            if (unreachable) {
                skip(op, r);
                continue;
            }
            lowerOne(op, r);
        }
        int p = ft.params().length;
        int refs = 0;
        for (int i = p; i < localCats.length; i++) {
            if (localCats[i] == REF) refs++;
        }
        int[] refLocals = new int[refs];
        refs = 0;
        for (int i = p; i < localCats.length; i++) {
            if (localCats[i] == REF) refLocals[refs++] = localSlot[i];
        }
        int hiddenBase = locals + maxHeight + 2;
        for (int i = 0; i < hiddenUses.size(); i++) {
            int at = hiddenUses.get(i);
            out[at] += hiddenBase;
        }
        int[] hs = handlers.toArray();
        for (int i = 0; i < hs.length; i += HANDLER_SIZE) {
            if (hs[i + 2] == H_LEGACY_CATCH || hs[i + 2] == H_LEGACY_CATCH_ALL) {
                hs[i + 6] += hiddenBase;
            }
        }
        return new Code(function, instance, Arrays.copyOf(out, len), Arrays.copyOf(offs, len), paramSlots, locals,
                slots(ft.results()), hiddenBase + hiddenCount, refLocals, hs);
    }

    /** In unreachable code: only the structure matters. */
    private void skip(Opcode op, CodeReader r) {
        switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> skipDepth++;
            case DELEGATE -> {
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    lowerOne(op, r);
                }
            }
            case END -> {
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    lowerOne(op, r);
                }
            }
            case ELSE, CATCH, CATCH_ALL -> {
                if (skipDepth == 0) {
                    lowerOne(op, r);
                }
            }
            default -> { }
        }
    }

    // ---- emitting

    private void emitOp(int op, int at) {
        ensure(1);
        lastStart = len;
        offs[len] = at;
        out[len++] = op;
    }

    /** Where the last instruction was emitted, and the first index no branch lands after. */
    private int lastStart = -1;
    private int barrier;

    /**
     * The fused jump for a conditional jump taken when the i32 comparison just emitted holds
     * ({@code negate}: when it does not), or -1 when there is none or a branch may land between
     * the two. On success the comparison is removed from the code.
     */
    private int fuseCompare(boolean negate) {
        if (lastStart < barrier || lastStart != len - 1) {
            return -1;
        }
        int jump = switch (out[lastStart]) {
            case Op.I32_EQ -> negate ? Op.JIF_NE : Op.JIF_EQ;
            case Op.I32_NE -> negate ? Op.JIF_EQ : Op.JIF_NE;
            case Op.I32_LT_S -> negate ? Op.JIF_GE_S : Op.JIF_LT_S;
            case Op.I32_LT_U -> negate ? Op.JIF_GE_U : Op.JIF_LT_U;
            case Op.I32_GT_S -> negate ? Op.JIF_LE_S : Op.JIF_GT_S;
            case Op.I32_GT_U -> negate ? Op.JIF_LE_U : Op.JIF_GT_U;
            case Op.I32_LE_S -> negate ? Op.JIF_GT_S : Op.JIF_LE_S;
            case Op.I32_LE_U -> negate ? Op.JIF_GT_U : Op.JIF_LE_U;
            case Op.I32_GE_S -> negate ? Op.JIF_LT_S : Op.JIF_GE_S;
            case Op.I32_GE_U -> negate ? Op.JIF_LT_U : Op.JIF_GE_U;
            case Op.I32_EQZ -> negate ? Op.BR_IF : Op.JIF_EQZ;
            default -> -1;
        };
        if (jump >= 0) {
            len = lastStart;
        }
        return jump;
    }

    private void emit(int v) {
        ensure(1);
        out[len++] = v;
    }

    private void ensure(int n) {
        if (len + n > out.length) {
            out = Arrays.copyOf(out, out.length * 2 + n);
            offs = Arrays.copyOf(offs, out.length);
        }
    }

    // ---- operand stack

    private void push(byte c) {
        if (values == cats.length) {
            cats = Arrays.copyOf(cats, values * 2);
        }
        cats[values++] = c;
        height += size(c);
        if (height > maxHeight) {
            maxHeight = height;
        }
    }

    private void pushType(int valType) {
        push(cat(valType));
    }

    private void pushTypes(int[] ts) {
        for (int t : ts) {
            pushType(t);
        }
    }

    /** Pops {@code n} values. */
    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            height -= size(cats[--values]);
        }
    }

    /** The slots of the top {@code n} values. */
    private int topSlots(int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += size(cats[values - 1 - i]);
        }
        return k;
    }

    // ---- control

    private int[] blockParams(int bt) {
        if (bt == Integer.MIN_VALUE) {
            return function.funcType().params();
        }
        if (bt >= 0) {
            return EMPTY;
        }
        return types.funcType(~bt).params();
    }

    private int[] blockResults(int bt) {
        if (bt == Integer.MIN_VALUE) {
            return function.funcType().results();
        }
        if (bt == CodeReader.BLOCK_EMPTY) {
            return EMPTY;
        }
        if (bt >= 0) {
            return new int[] {bt};
        }
        return types.funcType(~bt).results();
    }

    private static final int[] EMPTY = new int[0];

    private void pushControl(int kind, int blockType, int loopPc) {
        if (depth == ctlKind.length) {
            int n = depth * 2;
            ctlKind = Arrays.copyOf(ctlKind, n);
            ctlHeight = Arrays.copyOf(ctlHeight, n);
            ctlValues = Arrays.copyOf(ctlValues, n);
            ctlBlockType = Arrays.copyOf(ctlBlockType, n);
            ctlLoopPc = Arrays.copyOf(ctlLoopPc, n);
            ctlPatch = Arrays.copyOf(ctlPatch, n);
            ctlElsePatch = Arrays.copyOf(ctlElsePatch, n);
            ctlStartPc = Arrays.copyOf(ctlStartPc, n);
            ctlTryEnd = Arrays.copyOf(ctlTryEnd, n);
            ctlHidden = Arrays.copyOf(ctlHidden, n);
            ctlPending = Arrays.copyOf(ctlPending, n);
        }
        ctlKind[depth] = kind;
        ctlBlockType[depth] = blockType;
        int params = kind == K_FUNC ? 0 : blockParams(blockType).length;
        ctlHeight[depth] = height - topSlots(params);
        ctlValues[depth] = values - params;
        ctlLoopPc[depth] = loopPc;
        ctlPatch[depth] = -1;
        ctlElsePatch[depth] = -1;
        ctlStartPc[depth] = kind == K_FUNC ? -1 : len;
        ctlTryEnd[depth] = -1;
        ctlHidden[depth] = -1;
        ctlPending[depth] = pending.size();
        depth++;
    }

    /** Emits the target of a branch to label {@code label}: for a forward branch, a patch link. */
    private void emitTarget(int frame) {
        if (ctlKind[frame] == K_LOOP) {
            emit(ctlLoopPc[frame]);
        } else {
            emit(ctlPatch[frame]);
            ctlPatch[frame] = len - 1;
        }
    }

    private int arity(int frame) {
        int bt = ctlBlockType[frame];
        return slots(ctlKind[frame] == K_LOOP ? blockParams(bt) : blockResults(bt));
    }

    private void patchAll(int head, int target) {
        while (head != -1) {
            int next = out[head];
            out[head] = target;
            head = next;
        }
    }

    /** Emits a branch to label {@code label}: plain when nothing is dropped, else with the drop. */
    private void branch(int plainOp, int dropOp, int label, int at) {
        int frame = depth - 1 - label;
        if (plainOp == Op.BR_IF && ctlKind[frame] != K_FUNC && height - arity(frame) == ctlHeight[frame]) {
            int cmpAt = offs[Math.max(lastStart, 0)];
            int fused = fuseCompare(false);
            if (fused >= 0) {
                emitOp(fused, cmpAt);
                emitTarget(frame);
                return;
            }
        }
        if (ctlKind[frame] == K_FUNC) {
            if (plainOp == Op.JUMP) {
                emitOp(Op.RETURN_X, at);
            } else {
                condBranch(dropOp, label, at);
            }
            return;
        }
        int arity = arity(frame);
        if (height - arity == ctlHeight[frame]) {
            emitOp(plainOp, at);
            emitTarget(frame);
        } else {
            emitOp(dropOp, at);
            emitTarget(frame);
            emit(locals + ctlHeight[frame]);
            emit(arity);
        }
    }

    // ---- instructions

    private void lowerOne(Opcode op, CodeReader r) {
        lowerInstruction(op, r);
        switch (op) {
            case BLOCK, LOOP, IF, ELSE, END, TRY, TRY_TABLE, CATCH, CATCH_ALL, DELEGATE -> barrier = len;
            default -> { }
        }
    }

    private void lowerInstruction(Opcode op, CodeReader r) {
        int at = r.start;
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                emitOp(Op.UNREACHABLE, at);
                unreachable = true;
            }
            case BLOCK -> pushControl(K_BLOCK, r.blockType, -1);
            case LOOP -> {
                if (countLoops) {
                    emitOp(Op.LOOP, at);
                }
                pushControl(K_LOOP, r.blockType, countLoops ? len - 1 : len);
            }
            case IF -> {
                pop(1);
                int cmpAt = offs[Math.max(lastStart, 0)];
                int fused = fuseCompare(true);
                emitOp(fused >= 0 ? fused : Op.IF_FALSE, fused >= 0 ? cmpAt : at);
                emit(-1);
                pushControl(K_IF, r.blockType, -1);
                ctlElsePatch[depth - 1] = len - 1;
            }
            case ELSE -> {
                int f = depth - 1;
                if (!unreachable) {
                    emitOp(Op.JUMP, at);
                    emitTarget(f);
                }
                out[ctlElsePatch[f]] = len;
                ctlElsePatch[f] = -1;
                height = ctlHeight[f];
                values = ctlValues[f];
                pushTypes(blockParams(ctlBlockType[f]));
                unreachable = false;
            }
            case END -> {
                int f = depth - 1;
                if (ctlKind[f] == K_FUNC) {
                    if (!unreachable) {
                        emitOp(Op.RETURN_X, at);
                    }
                    depth--;
                    return;
                }
                if (ctlElsePatch[f] != -1) {
                    out[ctlElsePatch[f]] = len;
                }
                closeTry(f);
                patchAll(ctlPatch[f], len);
                height = ctlHeight[f];
                values = ctlValues[f];
                pushTypes(blockResults(ctlBlockType[f]));
                depth--;
                unreachable = false;
            }
            case TRY_TABLE -> tryTable(r, at);
            case TRY -> {
                emitOp(Op.NOP, at);
                pushControl(K_TRY, r.blockType, -1);
                ctlHidden[depth - 1] = legacyDepth++;
                hiddenCount = Math.max(hiddenCount, legacyDepth);
            }
            case CATCH, CATCH_ALL -> legacyCatch(op == Opcode.CATCH ? r.a : -1, at);
            case DELEGATE -> {
                int f = depth - 1;
                int target = depth - 2 - r.a;
                handlers.add(ctlStartPc[f], len, H_DELEGATE, -1, -1, 0, ctlKind[target] == K_FUNC ? -1
                        : ctlKind[target] == K_CATCH ? ctlTryEnd[target] : ctlStartPc[target]);
                legacyDepth--;
                patchAll(ctlPatch[f], len);
                height = ctlHeight[f];
                values = ctlValues[f];
                pushTypes(blockResults(ctlBlockType[f]));
                depth--;
                unreachable = false;
            }
            case RETHROW -> {
                emitOp(Op.RETHROW, at);
                emit(ctlHidden[depth - 1 - r.a]);
                hiddenUses.add(len - 1);
                unreachable = true;
            }
            case THROW -> {
                emitOp(Op.THROW, at);
                emit(r.a);
                pop(types.funcType(module.tagType(r.a).typeIndex()).params().length);
                unreachable = true;
            }
            case THROW_REF -> {
                emitOp(Op.THROW_REF, at);
                unreachable = true;
            }
            case BR -> {
                branch(Op.JUMP, Op.BR_DROP, r.a, at);
                unreachable = true;
            }
            case BR_IF -> {
                pop(1);
                branch(Op.BR_IF, Op.BR_IF_DROP, r.a, at);
            }
            case BR_TABLE -> {
                pop(1);
                emitOp(Op.BR_TABLE_X, at);
                int n = r.labelCount;
                emit(n);
                for (int i = 0; i <= n; i++) {
                    int label = i < n ? r.labels[i] : r.a;
                    int frame = depth - 1 - label;
                    int arity = arity(frame);
                    if (ctlKind[frame] == K_FUNC) {
                        emit(RETURN_TARGET);
                        emit(0);
                        emit(arity);
                    } else {
                        emitTarget(frame);
                        emit(locals + ctlHeight[frame]);
                        emit(arity);
                    }
                }
                unreachable = true;
            }
            case RETURN -> {
                emitOp(Op.RETURN_X, at);
                unreachable = true;
            }
            case CALL, RETURN_CALL -> {
                FuncType t = types.funcType(module.funcTypeIndex(r.a));
                emitOp(op == Opcode.CALL ? Op.CALL : Op.RETURN_CALL, at);
                emit(r.a);
                afterCall(t, op == Opcode.RETURN_CALL);
            }
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                FuncType t = types.funcType(r.a);
                pop(1);
                emitOp(op == Opcode.CALL_INDIRECT ? Op.CALL_INDIRECT : Op.RETURN_CALL_INDIRECT, at);
                emit(types.id(r.a));
                emit(r.b);
                afterCall(t, op == Opcode.RETURN_CALL_INDIRECT);
            }
            case CALL_REF, RETURN_CALL_REF -> {
                FuncType t = types.funcType(r.a);
                pop(1);
                emitOp(op == Opcode.CALL_REF ? Op.CALL_REF : Op.RETURN_CALL_REF, at);
                afterCall(t, op == Opcode.RETURN_CALL_REF);
            }
            case DROP -> {
                byte c = cats[values - 1];
                pop(1);
                for (int i = 0; i < size(c); i++) { // a v128 takes two slots
                    emitOp(Op.DROP, at);
                }
            }
            case SELECT -> {
                byte c = cats[values - 2];
                pop(3);
                push(c);
                emitOp(c == VEC ? Op.SELECT_V : c == REF ? Op.SELECT_REF : Op.SELECT, at);
            }
            case SELECT_T -> {
                byte c = cat(r.types[0]);
                pop(3);
                push(c);
                emitOp(c == VEC ? Op.SELECT_V : c == REF ? Op.SELECT_REF : Op.SELECT, at);
            }
            case LOCAL_GET -> {
                byte c = localCats[r.a];
                emitOp(c == VEC ? Op.LOCAL_GET_V : c == REF ? Op.LOCAL_GET_REF : Op.LOCAL_GET, at);
                emit(localSlot[r.a]);
                push(c);
            }
            case LOCAL_SET -> {
                byte c = localCats[r.a];
                emitOp(c == VEC ? Op.LOCAL_SET_V : c == REF ? Op.LOCAL_SET_REF : Op.LOCAL_SET, at);
                emit(localSlot[r.a]);
                pop(1);
            }
            case LOCAL_TEE -> {
                byte c = localCats[r.a];
                emitOp(c == VEC ? Op.LOCAL_TEE_V : c == REF ? Op.LOCAL_TEE_REF : Op.LOCAL_TEE, at);
                emit(localSlot[r.a]);
            }
            case GLOBAL_GET -> {
                byte c = cat(module.globalType(r.a).valType());
                emitOp(c == VEC ? Op.GLOBAL_GET_V : c == REF ? Op.GLOBAL_GET_REF : Op.GLOBAL_GET, at);
                emit(r.a);
                push(c);
            }
            case GLOBAL_SET -> {
                byte c = cat(module.globalType(r.a).valType());
                emitOp(c == VEC ? Op.GLOBAL_SET_V : c == REF ? Op.GLOBAL_SET_REF : Op.GLOBAL_SET, at);
                emit(r.a);
                pop(1);
            }
            case TABLE_GET -> simple(Op.TABLE_GET, at, 1, REF, r.a);
            case TABLE_SET -> {
                emitOp(Op.TABLE_SET, at);
                emit(r.a);
                pop(2);
            }
            case MEMORY_SIZE -> simple(Op.MEMORY_SIZE, at, 0, NUM, r.a);
            case MEMORY_GROW -> simple(Op.MEMORY_GROW, at, 1, NUM, r.a);
            case I32_CONST, F32_CONST -> {
                emitOp(Op.I32_CONST, at);
                emit(r.i32);
                push(NUM);
            }
            case I64_CONST, F64_CONST -> {
                emitOp(Op.I64_CONST, at);
                emit((int) r.i64);
                emit((int) (r.i64 >>> 32));
                push(NUM);
            }
            case REF_NULL -> simple(Op.REF_NULL, at, 0, REF);
            case REF_IS_NULL -> simple(Op.REF_IS_NULL, at, 1, NUM);
            case REF_FUNC -> simple(Op.REF_FUNC, at, 0, REF, r.a);
            case REF_EQ -> simple(Op.REF_EQ, at, 2, NUM);
            case REF_AS_NON_NULL -> simple(Op.REF_AS_NON_NULL, at, 1, REF);
            case BR_ON_NULL -> {
                pop(1);
                condBranch(Op.BR_ON_NULL_DROP, r.a, at);
                push(REF);
            }
            case BR_ON_NON_NULL -> {
                condBranch(Op.BR_ON_NON_NULL_DROP, r.a, at);
                pop(1);
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> condBranch(op == Opcode.BR_ON_CAST ? Op.BR_ON_CAST_X
                    : Op.BR_ON_CAST_FAIL_X, r.a, at, types.toGlobalHeap(r.ht2), (r.c & 2) != 0 ? 1 : 0);
            case BR_ON_CAST_DESC_EQ, BR_ON_CAST_DESC_EQ_FAIL -> {
                pop(1);
                condBranch(op == Opcode.BR_ON_CAST_DESC_EQ ? Op.BR_ON_CAST_DESC_EQ_X : Op.BR_ON_CAST_DESC_EQ_FAIL_X,
                        r.a, at, (r.c & 2) != 0 ? 1 : 0);
            }
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> simple(op.ordinal(), at, 2, REF);
            case REF_GET_DESC -> simple(Op.REF_GET_DESC, at, 1, REF);
            case STRUCT_NEW_DESC -> simple(Op.STRUCT_NEW_DESC, at, types.type(r.a).structType().fields().size() + 1,
                    REF, r.a);
            case STRUCT_NEW_DEFAULT_DESC -> simple(Op.STRUCT_NEW_DEFAULT_DESC, at, 1, REF, r.a);
            case REF_TEST, REF_TEST_NULL -> simple(op.ordinal(), at, 1, NUM, types.toGlobalHeap(r.a));
            case REF_CAST, REF_CAST_NULL -> simple(op.ordinal(), at, 1, REF, types.toGlobalHeap(r.a));
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { }
            case REF_I31 -> simple(Op.REF_I31, at, 1, REF);
            case I31_GET_S, I31_GET_U -> simple(op.ordinal(), at, 1, NUM);
            case STRUCT_NEW -> simple(Op.STRUCT_NEW, at, types.type(r.a).structType().fields().size(), REF, r.a);
            case STRUCT_NEW_DEFAULT -> simple(Op.STRUCT_NEW_DEFAULT, at, 0, REF, r.a);
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                int st = types.type(r.a).structType().fields().get(r.b).storageType();
                StructLayout l = StructLayout.of(types.type(r.a));
                simple(Op.STRUCT_GET, at, 1, cat(ValType.unpacked(st)), l.index()[r.b], fieldKind(st, op));
            }
            case STRUCT_SET -> {
                int st = types.type(r.a).structType().fields().get(r.b).storageType();
                StructLayout l = StructLayout.of(types.type(r.a));
                simple(Op.STRUCT_SET, at, 2, (byte) -1, l.index()[r.b], fieldKind(st, op));
            }
            case ARRAY_NEW -> simple(Op.ARRAY_NEW, at, 2, REF, r.a);
            case ARRAY_NEW_DEFAULT -> simple(Op.ARRAY_NEW_DEFAULT, at, 1, REF, r.a);
            case ARRAY_NEW_FIXED -> simple(Op.ARRAY_NEW_FIXED, at, r.b, REF, r.a, r.b);
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> simple(op.ordinal(), at, 2, REF, r.a, r.b);
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                int st = types.type(r.a).arrayType().element().storageType();
                simple(Op.ARRAY_GET, at, 2, cat(ValType.unpacked(st)), fieldKind(st, op));
            }
            case ARRAY_SET -> {
                int st = types.type(r.a).arrayType().element().storageType();
                simple(Op.ARRAY_SET, at, 3, (byte) -1, fieldKind(st, op));
            }
            case ARRAY_LEN -> simple(Op.ARRAY_LEN, at, 1, NUM);
            case ARRAY_FILL -> simple(Op.ARRAY_FILL, at, 4, (byte) -1, r.a);
            case ARRAY_COPY -> simple(Op.ARRAY_COPY, at, 5, (byte) -1, r.a, r.b);
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> simple(op.ordinal(), at, 4, (byte) -1, r.a, r.b);
            case MEMORY_INIT -> simple(Op.MEMORY_INIT, at, 3, (byte) -1, r.a, r.b);
            case DATA_DROP -> simple(Op.DATA_DROP, at, 0, (byte) -1, r.a);
            case MEMORY_COPY -> simple(Op.MEMORY_COPY, at, 3, (byte) -1, r.a, r.b);
            case MEMORY_FILL -> simple(Op.MEMORY_FILL, at, 3, (byte) -1, r.a);
            case TABLE_INIT -> simple(Op.TABLE_INIT, at, 3, (byte) -1, r.a, r.b);
            case ELEM_DROP -> simple(Op.ELEM_DROP, at, 0, (byte) -1, r.a);
            case TABLE_COPY -> simple(Op.TABLE_COPY, at, 3, (byte) -1, r.a, r.b);
            case TABLE_GROW -> simple(Op.TABLE_GROW, at, 2, NUM, r.a);
            case TABLE_SIZE -> simple(Op.TABLE_SIZE, at, 0, NUM, r.a);
            case TABLE_FILL -> simple(Op.TABLE_FILL, at, 3, (byte) -1, r.a);
            default -> lowerBySignature(op, r, at);
        }
    }

    /** How a field or element of storage type {@code st} is read by {@code op}: see {@link GcOps}. */
    private static int fieldKind(int st, Opcode op) {
        return switch (st) {
            case ValType.I8 -> op == Opcode.STRUCT_GET_S || op == Opcode.ARRAY_GET_S ? GcOps.I8_S : GcOps.I8_U;
            case ValType.I16 -> op == Opcode.STRUCT_GET_S || op == Opcode.ARRAY_GET_S ? GcOps.I16_S : GcOps.I16_U;
            case ValType.V128 -> GcOps.V128;
            default -> ValType.isRef(st) ? GcOps.REFERENCE : GcOps.NUMBER;
        };
    }

    /**
     * A conditional branch with the layout [op, target, height, arity, extra...]; to the function's
     * label, its target is a return placed after the instruction (and skipped by a jump).
     */
    private void condBranch(int op, int label, int at, int... extra) {
        int frame = depth - 1 - label;
        int arity = arity(frame);
        emitOp(op, at);
        int targetSlot = len;
        if (ctlKind[frame] == K_FUNC) {
            emit(-1);
            emit(locals);
        } else {
            emitTarget(frame);
            emit(locals + ctlHeight[frame]);
        }
        emit(arity);
        for (int e : extra) {
            emit(e);
        }
        if (ctlKind[frame] == K_FUNC) {
            emitOp(Op.JUMP, at);
            int skipSlot = len;
            emit(-1);
            out[targetSlot] = len;
            emitOp(Op.RETURN_X, at);
            out[skipSlot] = len;
            barrier = len;
        }
    }

    /** try_table: the clauses' landing pads (branches to their labels), then the body. */
    private void tryTable(CodeReader r, int at) {
        int n = r.catchCount;
        int[] kinds = Arrays.copyOf(r.catchKinds, n);
        int[] tags = Arrays.copyOf(r.catchTags, n);
        int[] labels = Arrays.copyOf(r.catchLabels, n);
        int base = height - topSlots(blockParams(r.blockType).length);
        emitOp(Op.JUMP, at);
        int skip = len;
        emit(-1);
        int[] pads = new int[n];
        for (int i = 0; i < n; i++) {
            pads[i] = len;
            int frame = depth - 1 - labels[i];
            if (ctlKind[frame] == K_FUNC) {
                emitOp(Op.RETURN_X, at);
            } else {
                emitOp(Op.BR_DROP, at);
                emitTarget(frame);
                emit(locals + ctlHeight[frame]);
                emit(arity(frame));
            }
        }
        out[skip] = len;
        pushControl(K_TRY_TABLE, r.blockType, -1);
        for (int i = 0; i < n; i++) {
            pending.add(kinds[i], tags[i], pads[i], locals + base);
        }
    }

    /** A legacy catch or catch_all ({@code tag} -1) of the innermost try. */
    private void legacyCatch(int tag, int at) {
        int f = depth - 1;
        if (!unreachable) {
            emitOp(Op.JUMP, at);
            emitTarget(f);
        }
        if (ctlTryEnd[f] < 0) {
            ctlTryEnd[f] = len;
        }
        handlers.add(ctlStartPc[f], ctlTryEnd[f], tag >= 0 ? H_LEGACY_CATCH : H_LEGACY_CATCH_ALL, tag, len,
                locals + ctlHeight[f], ctlHidden[f]);
        ctlKind[f] = K_CATCH;
        height = ctlHeight[f];
        values = ctlValues[f];
        if (tag >= 0) {
            pushTypes(types.funcType(module.tagType(tag).typeIndex()).params());
        }
        unreachable = false;
    }

    /** At the end of frame {@code f}: a try_table's clauses become handlers; a legacy try ends. */
    private void closeTry(int f) {
        if (ctlKind[f] == K_TRY_TABLE) {
            for (int i = ctlPending[f]; i < pending.size(); i += 4) {
                handlers.add(ctlStartPc[f], len, pending.get(i), pending.get(i + 1), pending.get(i + 2),
                        pending.get(i + 3), 0);
            }
            pending.truncate(ctlPending[f]);
        } else if (ctlKind[f] == K_TRY || ctlKind[f] == K_CATCH) {
            legacyDepth--;
        }
    }

    /** The target written for a br_table entry that returns from the function. */
    static final int RETURN_TARGET = -2;

    private void afterCall(FuncType t, boolean tail) {
        pop(t.params().length);
        if (tail) {
            unreachable = true;
        } else {
            pushTypes(t.results());
        }
    }

    private void simple(int op, int at, int pops, byte pushCat, int... imms) {
        emitOp(op, at);
        for (int i : imms) {
            emit(i);
        }
        pop(pops);
        if (pushCat >= 0) {
            push(pushCat);
        }
    }

    private void lowerBySignature(Opcode op, CodeReader r, int at) {
        String sig = op.signature();
        if (sig == null) {
            throw new UnsupportedOperationException("instruction not supported by the interpreter yet: " + op.text());
        }
        int colon = sig.indexOf(':');
        int pops = colon;
        Opcode.Imm imm = op.imm();
        boolean memory = imm == Opcode.Imm.MEMARG || imm == Opcode.Imm.MEMARG_LANE;
        if (memory) {
            pops++;
            boolean fast = r.memory == 0 && !module.memoryType(0).is64() && !module.memoryType(0).shared()
                    && r.offset >= 0 && r.offset <= Integer.MAX_VALUE && imm == Opcode.Imm.MEMARG
                    && (op.prefix() == 0 || op == Opcode.V128_LOAD || op == Opcode.V128_STORE);
            if (fast) {
                emitOp(op.ordinal(), at);
                emit((int) r.offset);
            } else {
                emitOp(Op.MEM_SLOW, at);
                emit(op.ordinal());
                emit(r.memory);
                emit((int) r.offset);
                emit((int) (r.offset >>> 32));
                emit(r.a);
            }
        } else if (op.prefix() == Opcode.PREFIX_SIMD && op != Opcode.V128_CONST && op != Opcode.I8X16_SHUFFLE) {
            emitOp(Op.SIMD_X, at);
            emit(op.code());
            emit(imm == Opcode.Imm.LANE ? r.a : 0);
            emit(SimdDispatch.operandSlots(op));
            emit(SimdDispatch.resultSlots(op));
        } else {
            emitOp(op.ordinal(), at);
            switch (imm) {
                case NONE -> { }
                case LANE -> emit(r.a);
                case V128 -> {
                    emit((int) r.v128Low);
                    emit((int) (r.v128Low >>> 32));
                    emit((int) r.v128High);
                    emit((int) (r.v128High >>> 32));
                }
                case SHUFFLE -> {
                    for (int i = 0; i < 16; i += 4) {
                        emit((r.lanes[i] & 0xFF) | (r.lanes[i + 1] & 0xFF) << 8 | (r.lanes[i + 2] & 0xFF) << 16
                                | (r.lanes[i + 3] & 0xFF) << 24);
                    }
                }
                case ZERO_BYTE -> { }
                default -> throw new UnsupportedOperationException(
                        "instruction not supported by the interpreter yet: " + op.text());
            }
        }
        pop(pops);
        for (int i = colon + 1; i < sig.length(); i++) {
            push(sig.charAt(i) == 'v' ? VEC : NUM);
        }
    }
}
