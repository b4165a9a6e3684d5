package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exception handling for {@link FunctionCompiler}: throw, throw_ref, try_table with its catch clauses,
 * and the legacy proposal's try, catch, catch_all, rethrow and delegate, with the interpreter's
 * semantics.
 *
 * <p>A Wasm exception is a {@link dev.wasmj.WasmException} carrying the exnref (an
 * {@link dev.wasmj.internal.runtime.ExceptionObject}); whoever throws it (compiled code, the
 * interpreter, a host function) throws it as a Java exception, so a try region is an entry of the JVM
 * method's exception table catching {@code WasmException} over the region's code. Traps
 * ({@link TrapSignal}, {@link IndexOutOfBoundsException}, {@link StackOverflowError}) are other types
 * and pass every handler. The handler compares the tag with each clause's in order, and branches to
 * the clause's label with the payload (catch, catch_ref) and the exnref (catch_ref, catch_all_ref), or
 * throws the exception on: its code lies outside its own region and inside the regions around it.
 *
 * <p>The JVM empties the operand stack when it enters a handler, so a region saves the values below it
 * that its handlers need (those below the targets of its clauses; for a legacy try, all below it) in
 * <em>spill</em> locals when it starts, and its handler reloads them. Values below a region stay the
 * same while it runs, so a spill local per stack position and kind serves every region.
 *
 * <p>The exception table lists inner regions first (the JVM takes the first entry that covers the
 * instruction): each region's entry is added when its code ends, which happens inner first. A legacy
 * {@code delegate} region's entry goes straight to the handler of the region its label leads to (or to
 * a stub after the function's code, outside every region, that throws the exception out of the
 * function), passing the regions between.
 */
final class ExceptionCompiler {
    private static final ClassDesc WASM_EXCEPTION = ClassDesc.of("dev.wasmj.WasmException");
    private static final ClassDesc EXCEPTION_OBJECT = ClassDesc.of("dev.wasmj.internal.runtime.ExceptionObject");
    private static final ClassDesc TAG_INSTANCE = ClassDesc.of("dev.wasmj.internal.runtime.TagInstance");

    /** An open or closed try region: a try_table or a legacy try. */
    private final class Try {
        final boolean legacy;
        /** The index of its control frame ({@link ControlCompiler#frames()} - 1 once open). */
        int frame;
        /** The innermost region around it whose handlers apply at its start (null: none in this function). */
        final Try outer;
        /** The kinds of the values below it that it saved in spill locals. */
        final char[] spilled;
        final Label start = cb.newLabel();
        final Label end = cb.newLabel();
        final Label handler = cb.newLabel();
        /** Whether it has a handler of its own: a try_table with clauses, a legacy try with catches. */
        boolean hasHandler;
        /** Legacy: in its catch clauses (its handlers no longer apply). */
        boolean catching;
        /** Legacy: the local holding the caught exception, for rethrow. */
        int caught = -1;
        /** Legacy: where the test of the next clause goes (null before the first and after catch_all). */
        Label next;
        /** Legacy: ended by delegate, whose region gets the exceptions its body throws. */
        boolean delegated;
        Try delegateTarget;

        Try(boolean legacy, Try outer, char[] spilled) {
            this.legacy = legacy;
            this.outer = outer;
            this.spilled = spilled;
        }
    }

    /** An entry of the exception table: the code [start, end) of {@code region}. */
    private record Range(Label start, Label end, Try region) {}

    private final FunctionCompiler fc;
    private final ControlCompiler control;
    private final CodeBuilder cb;
    private final List<Try> open = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();
    private final Map<Integer, Integer> spillLocals = new HashMap<>();
    /** The local of the caught exception per legacy nesting level. */
    private final List<Integer> legacyLocals = new ArrayList<>();
    /** The local of the exception in a try_table's handler, or -1 before the first. */
    private int tableCaught = -1;
    /** The stub that throws an exception out of the function, once one region needs it. */
    private Label outward;

    ExceptionCompiler(FunctionCompiler fc, ControlCompiler control) {
        this.fc = fc;
        this.control = control;
        this.cb = fc.cb;
    }

    /** Emits {@code op}: throw, throw_ref, try_table, try, catch, catch_all, delegate or rethrow. */
    void emit(Opcode op, CodeReader r) {
        switch (op) {
            case THROW -> fc.calls.throwTag(r.a);
            case THROW_REF -> {
                fc.pop();
                cb.invokestatic(Descs.SUPPORT, "rethrow", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION, ConstantDescs.CD_Object));
                cb.athrow();
                fc.dead = true;
            }
            case TRY_TABLE -> tryTable(r);
            case TRY -> legacyTry(r.blockType);
            case CATCH -> legacyCatch(r.a);
            case CATCH_ALL -> legacyCatch(-1);
            case DELEGATE -> delegate(r.a);
            case RETHROW -> rethrow(r.a);
            default -> throw new IllegalArgumentException(op.text());
        }
    }

    /** After the function's code: the exception table and the stub that throws out of the function. */
    void finish() {
        Label[] handlers = new Label[ranges.size()];
        for (int i = 0; i < handlers.length; i++) {
            handlers[i] = handlerOf(ranges.get(i).region());
        }
        if (outward != null) {
            cb.labelBinding(outward);
            cb.athrow();
        }
        for (int i = 0; i < handlers.length; i++) {
            Range range = ranges.get(i);
            cb.exceptionCatch(range.start(), range.end(), handlers[i], WASM_EXCEPTION);
        }
    }

    // ---- try_table

    private void tryTable(CodeReader r) {
        int n = r.catchCount;
        int[] kinds = Arrays.copyOf(r.catchKinds, n);
        int[] tags = Arrays.copyOf(r.catchTags, n);
        int[] labels = Arrays.copyOf(r.catchLabels, n);
        int need = 0;
        for (int label : labels) {
            need = Math.max(need, control.height(label));
        }
        Try t = new Try(false, handlerAt(control.frames() - 1, null), spill(need));
        t.hasHandler = n > 0;
        control.block(ControlCompiler.K_BLOCK, r.blockType, () -> endTryTable(t, kinds, tags, labels));
        enter(t);
    }

    /**
     * The end of a try_table (its frame closed, its body's end jumped over): the region's entry and
     * its handler, which tests the clauses in order and branches to the first that matches.
     */
    private void endTryTable(Try t, int[] kinds, int[] tags, int[] labels) {
        leave(t);
        cb.labelBinding(t.end);
        if (!t.hasHandler) {
            return;
        }
        ranges.add(new Range(t.start, t.end, t));
        char[] model = Arrays.copyOf(fc.stack, fc.stack.length);
        int sp = fc.sp;
        if (tableCaught < 0) {
            tableCaught = cb.allocateLocal(TypeKind.REFERENCE);
        }
        int caught = tableCaught;
        cb.labelBinding(t.handler);
        cb.astore(caught);
        fc.reloadMemory();
        boolean all = false;
        for (int i = 0; i < kinds.length && !all; i++) {
            boolean withTag = kinds[i] == CodeReader.CATCH || kinds[i] == CodeReader.CATCH_REF;
            Label miss = null;
            if (withTag) {
                miss = cb.newLabel();
                testTag(caught, tags[i], miss);
            }
            int height = control.height(labels[i]);
            fc.sp = 0;
            for (int p = 0; p < height; p++) {
                fc.push(t.spilled[p]);
            }
            reload(t.spilled, height);
            if (withTag) {
                pushPayload(caught, tags[i]);
            }
            if (kinds[i] == CodeReader.CATCH_REF || kinds[i] == CodeReader.CATCH_ALL_REF) {
                cb.aload(caught);
                cb.invokevirtual(WASM_EXCEPTION, "exception", MethodTypeDesc.of(EXCEPTION_OBJECT));
                fc.push('A');
            }
            control.br(labels[i]);
            if (withTag) {
                cb.labelBinding(miss);
            } else {
                all = true;
            }
        }
        if (!all) {
            cb.aload(caught);
            cb.athrow();
        }
        fc.stack = model;
        fc.sp = sp;
        fc.dead = true;
    }

    // ---- the legacy proposal

    private void legacyTry(int blockType) {
        int legacyDepth = 0;
        for (Try o : open) {
            if (o.legacy) {
                legacyDepth++;
            }
        }
        if (legacyDepth == legacyLocals.size()) {
            legacyLocals.add(cb.allocateLocal(TypeKind.REFERENCE));
        }
        Try t = new Try(true, handlerAt(control.frames() - 1, null), spill(fc.sp - paramCount(blockType)));
        t.caught = legacyLocals.get(legacyDepth);
        control.block(ControlCompiler.K_BLOCK, blockType, () -> endLegacy(t));
        enter(t);
    }

    /**
     * catch (a tag) or catch_all ({@code tag} -1) of the innermost try. The first ends the try's region
     * and starts its handler, which keeps the exception for rethrow; each tests its tag and, if it
     * does not match, goes on to the next clause's test.
     */
    private void legacyCatch(int tag) {
        Try t = innermost();
        char[] payload = tag >= 0 ? FunctionCompiler.kinds(tagType(tag).params()) : new char[0];
        control.nextPart(payload);
        if (!t.catching) {
            t.catching = true;
            t.hasHandler = true;
            cb.labelBinding(t.end);
            ranges.add(new Range(t.start, t.end, t));
            cb.labelBinding(t.handler);
            cb.astore(t.caught);
            fc.reloadMemory();
        } else {
            cb.labelBinding(t.next);
        }
        t.next = null;
        if (tag >= 0) {
            t.next = cb.newLabel();
            testTag(t.caught, tag, t.next);
        }
        reload(t.spilled, t.spilled.length);
        if (tag >= 0) {
            pushPayload(t.caught, tag);
        }
    }

    /** delegate: ends the innermost try, whose body's exceptions go to the handlers at label {@code depth}. */
    private void delegate(int depth) {
        Try t = innermost();
        t.delegated = true;
        t.delegateTarget = handlerAt(t.frame - 1 - depth, t);
        control.end();
    }

    /** The end of a legacy try (its frame closed): an exception no catch matched goes on. */
    private void endLegacy(Try t) {
        leave(t);
        if (t.delegated) {
            cb.labelBinding(t.end);
            ranges.add(new Range(t.start, t.end, t));
        } else if (t.next != null) {
            cb.labelBinding(t.next);
            cb.aload(t.caught);
            cb.athrow();
            fc.dead = true;
        }
    }

    /** rethrow: the exception caught by the try at label {@code depth}, in one of its catches. */
    private void rethrow(int depth) {
        int frame = control.frames() - 1 - depth;
        for (Try t : open) {
            if (t.frame == frame && t.legacy && t.catching) {
                cb.aload(t.caught);
                cb.athrow();
                fc.dead = true;
                return;
            }
        }
        throw new Unsupported("rethrow of label " + depth + " outside a catch");
    }

    // ---- regions

    /** Opens {@code t}, whose control frame was just pushed. */
    private void enter(Try t) {
        t.frame = control.frames() - 1;
        open.add(t);
        cb.labelBinding(t.start);
    }

    private void leave(Try t) {
        if (open.isEmpty() || open.remove(open.size() - 1) != t) {
            throw new IllegalStateException("try regions out of order");
        }
    }

    private Try innermost() {
        Try t = open.isEmpty() ? null : open.get(open.size() - 1);
        if (t == null || !t.legacy || t.frame != control.frames() - 1) {
            throw new IllegalStateException("no legacy try to continue");
        }
        return t;
    }

    /**
     * The innermost open region (other than {@code except}) whose handlers apply to code in the frame
     * of index {@code frame}: one around that frame (or that frame itself) not in its catch clauses.
     */
    private Try handlerAt(int frame, Try except) {
        for (int i = open.size() - 1; i >= 0; i--) {
            Try o = open.get(i);
            if (o != except && o.frame <= frame && !o.catching) {
                return o;
            }
        }
        return null;
    }

    /** Where the JVM sends an exception that reaches the handlers of {@code t}. */
    private Label handlerOf(Try t) {
        while (t != null) {
            if (t.delegated) {
                t = t.delegateTarget;
            } else if (t.hasHandler) {
                return t.handler;
            } else {
                t = t.outer;
            }
        }
        if (outward == null) {
            outward = cb.newLabel();
        }
        return outward;
    }

    // ---- values

    /**
     * Saves the bottom {@code n} values of the stack in spill locals (the values above them pass
     * through scratch locals) and puts them all back; returns the kinds saved.
     */
    private char[] spill(int n) {
        char[] kinds = Arrays.copyOf(fc.stack, n);
        int low = control.phys(); // the values below are in locals already (a loop around moved them)
        if (n <= low) {
            return kinds;
        }
        int[] where = new int[fc.sp];
        for (int i = fc.sp - 1; i >= low; i--) {
            char k = fc.stack[i];
            where[i] = i < n ? spillLocal(i, k) : fc.temps.next(k);
            fc.store(k, where[i]);
        }
        for (int i = low; i < fc.sp; i++) {
            fc.load(fc.stack[i], where[i]);
        }
        return kinds;
    }

    /**
     * Pushes the bottom {@code n} saved values of kinds {@code kinds} from their spill locals (those
     * on the JVM stack: below {@link ControlCompiler#phys()} they stay in the locals a loop moved them to).
     */
    private void reload(char[] kinds, int n) {
        for (int i = control.phys(); i < n; i++) {
            fc.load(kinds[i], spillLocal(i, kinds[i]));
        }
    }

    private int spillLocal(int position, char kind) {
        return spillLocals.computeIfAbsent(position * 4 + "IJAV".indexOf(kind), key -> {
            int slot = cb.allocateLocal(FunctionCompiler.typeKind(kind));
            if (kind == 'V') {
                cb.allocateLocal(TypeKind.LONG); // the high half, at slot + 2
            }
            return slot;
        });
    }

    /** Jumps to {@code miss} unless the exception in local {@code caught} has tag {@code tag}. */
    private void testTag(int caught, int tag, Label miss) {
        cb.aload(caught);
        cb.invokevirtual(WASM_EXCEPTION, "exception", MethodTypeDesc.of(EXCEPTION_OBJECT));
        cb.invokevirtual(EXCEPTION_OBJECT, "tag", MethodTypeDesc.of(TAG_INSTANCE));
        fc.instanceRef();
        cb.getfield(Descs.MODULE_INSTANCE, "tags", TAG_INSTANCE.arrayType());
        cb.loadConstant(tag);
        cb.aaload();
        cb.if_acmpne(miss);
    }

    /** Pushes the payload of the exception in local {@code caught}, of tag {@code tag}. */
    private void pushPayload(int caught, int tag) {
        char[] ps = FunctionCompiler.kinds(tagType(tag).params());
        for (int k = 0; k < ps.length; k++) {
            cb.aload(caught);
            cb.invokevirtual(WASM_EXCEPTION, "exception", MethodTypeDesc.of(EXCEPTION_OBJECT));
            if (ps[k] == 'A') {
                cb.invokevirtual(EXCEPTION_OBJECT, "refs", MethodTypeDesc.of(Descs.OBJECTS));
                cb.loadConstant(k);
                cb.aaload();
            } else {
                cb.invokevirtual(EXCEPTION_OBJECT, "slots", MethodTypeDesc.of(Descs.LONGS));
                cb.loadConstant(k);
                cb.laload();
                if (ps[k] == 'I') {
                    cb.l2i();
                }
            }
        }
    }

    private FuncType tagType(int tag) {
        return fc.instance.tags[tag].type().funcType();
    }

    private int paramCount(int blockType) {
        if (blockType == CodeReader.BLOCK_EMPTY || blockType >= 0) {
            return 0;
        }
        return fc.types.funcType(~blockType).params().length;
    }
}
