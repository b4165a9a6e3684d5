package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.util.ArrayList;
import java.util.List;

/**
 * The control flow of one function for {@link FunctionCompiler}: blocks, loops and ifs as labels,
 * branches (br, br_if, br_table, br_on_null, br_on_non_null), return, and skipping unreachable code.
 * A branch that leaves values below its results on the stack moves the results through scratch locals.
 *
 * <p>A loop entered with values below its parameters moves those values into locals of its own first
 * (they cannot be used inside it) and puts them back where it ends or is branched out of: the JVM
 * compiles a loop with on-stack replacement only when its header has an empty stack (apart from the
 * loop's parameters), and a function that loops long in one call runs in the JVM's interpreter
 * otherwise. The model stack keeps their kinds; {@link #phys} tells where the JVM stack starts.
 */
final class ControlCompiler {
    static final int K_BLOCK = 0, K_LOOP = 1, K_IF = 2, K_FUNC = 3;

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
        /** Run at the frame's end, after the jump from its last part to its label (a try's handlers). */
        Runnable atEnd;
        /** Where the JVM stack starts at the label (values below are in locals); for a loop, before it. */
        int phys;
        int outerPhys;
        /** For a loop: where its body starts in the code, or -1. */
        int bodyStart = -1;

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

    private final FunctionCompiler fc;
    private final CodeBuilder cb;
    private final List<Ctl> ctls = new ArrayList<>();
    private int skipDepth;
    private char[] results;
    /** How many loops enclose the current instruction. */
    private int loopDepth;
    /** The model stack's first value on the JVM stack: those below are in locals ({@link #spillSlots}). */
    private int phys;
    /** Per model stack position below {@link #phys}, the local holding its value. */
    private int[] spillSlots = new int[8];

    ControlCompiler(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    /** Opens the function's own frame, whose results are {@code results}. */
    void enterFunction(char[] results) {
        this.results = results;
        ctls.add(new Ctl(K_FUNC, 0, new char[0], results, null));
    }

    /** Whether the function's frame is still open (its final end not reached yet). */
    boolean inFunction() {
        return !ctls.isEmpty();
    }

    /** How many loops enclose the current instruction. */
    int loopDepth() {
        return loopDepth;
    }

    /** The number of open frames (the function's included): frame {@code frames() - 1} is the innermost. */
    int frames() {
        return ctls.size();
    }

    /** The stack height at the base of the frame {@code depth} out. */
    int height(int depth) {
        return ctl(depth).height;
    }

    /** In unreachable code: only the block structure matters. */
    void skip(Opcode op, CodeReader r) {
        switch (op) {
            case BLOCK, LOOP, IF, TRY, TRY_TABLE -> skipDepth++;
            case END, DELEGATE -> {
                if (skipDepth > 0) {
                    skipDepth--;
                } else if (op == Opcode.END) {
                    end();
                } else {
                    fc.exceptions.emit(op, r);
                }
            }
            case ELSE -> {
                if (skipDepth == 0) {
                    elseBranch();
                }
            }
            case CATCH, CATCH_ALL -> {
                if (skipDepth == 0) {
                    fc.exceptions.emit(op, r);
                }
            }
            default -> { }
        }
    }

    private Ctl ctl(int depth) {
        return ctls.get(ctls.size() - 1 - depth);
    }

    void block(int kind, int blockType) {
        block(kind, blockType, (Opcode) null);
    }

    /** {@link #block}; an if's condition is integer comparison {@code comparison} if not null, else an i32. */
    private void block(int kind, int blockType, Opcode comparison) {
        char[] params;
        char[] results;
        if (blockType == CodeReader.BLOCK_EMPTY) {
            params = new char[0];
            results = new char[0];
        } else if (blockType >= 0) {
            params = new char[0];
            results = new char[] {FunctionCompiler.kind(blockType)};
        } else {
            FuncType t = fc.types.funcType(~blockType);
            params = FunctionCompiler.kinds(t.params());
            results = FunctionCompiler.kinds(t.results());
        }
        Ctl c = new Ctl(kind, fc.sp - params.length, params, results, cb.newLabel());
        c.phys = phys;
        c.outerPhys = phys;
        ctls.add(c);
        if (kind == K_LOOP) {
            loopDepth++;
            if (c.height > phys) {
                spillBelow(c);
            }
            cb.labelBinding(c.label);
        } else if (kind == K_IF) {
            c.elseLabel = cb.newLabel();
            if (comparison == null) {
                cb.ifeq(c.elseLabel);
            } else {
                IntComparisons.branch(comparison, cb, c.elseLabel, false);
            }
        }
    }

    /** {@link #block} whose end runs {@code atEnd} before binding the frame's label. */
    void block(int kind, int blockType, Runnable atEnd) {
        block(kind, blockType);
        ctls.get(ctls.size() - 1).atEnd = atEnd;
    }

    /**
     * Starts another part of the innermost frame (a legacy catch): jumps from the part before to the
     * frame's end if it is reachable, then continues with the frame's base and {@code values} on the stack.
     */
    void nextPart(char[] values) {
        Ctl c = ctls.get(ctls.size() - 1);
        if (!fc.dead) {
            cb.goto_(c.label);
            c.targeted = true;
        }
        fc.sp = c.height;
        for (char k : values) {
            fc.push(k);
        }
        fc.dead = false;
    }

    /** The model stack's first value on the JVM stack: those below are in locals (moved there by a loop). */
    int phys() {
        return phys;
    }

    /** Moves the values below loop {@code c}'s parameters from the JVM stack into locals. */
    private void spillBelow(Ctl c) {
        int[] saved = saveTop(c.params);
        if (spillSlots.length < c.height) {
            spillSlots = java.util.Arrays.copyOf(spillSlots, Math.max(c.height, spillSlots.length * 2));
        }
        for (int e = c.height - 1; e >= phys; e--) {
            spillSlots[e] = cb.allocateLocal(FunctionCompiler.typeKind(fc.stack[e]));
            if (fc.stack[e] == 'V') {
                cb.allocateLocal(TypeKind.LONG); // the high half, at spillSlots[e] + 2
            }
            fc.store(fc.stack[e], spillSlots[e]);
        }
        reload(c.params, saved);
        phys = c.height;
        c.phys = phys;
    }

    /** Stores values of kinds {@code kinds} from the top of the JVM stack into scratch locals. */
    private int[] saveTop(char[] kinds) {
        int[] saved = new int[kinds.length];
        for (int k = kinds.length - 1; k >= 0; k--) {
            saved[k] = fc.temps.next(kinds[k]);
            fc.store(kinds[k], saved[k]);
        }
        return saved;
    }

    private void reload(char[] kinds, int[] saved) {
        for (int k = 0; k < kinds.length; k++) {
            fc.load(kinds[k], saved[k]);
        }
    }

    /** Pushes the spilled values of model positions {@code from} to {@code to} (exclusive). */
    private void unspill(int from, int to) {
        for (int e = from; e < to; e++) {
            fc.load(fc.stack[e], spillSlots[e]);
        }
    }

    void elseBranch() {
        Ctl c = ctls.get(ctls.size() - 1);
        if (!fc.dead) {
            cb.goto_(c.label);
            c.targeted = true;
        }
        cb.labelBinding(c.elseLabel);
        c.hasElse = true;
        fc.sp = c.height;
        for (char k : c.params) {
            fc.push(k);
        }
        fc.dead = false;
    }

    void end() {
        Ctl c = ctls.remove(ctls.size() - 1);
        if (c.kind == K_FUNC) {
            if (!fc.dead) {
                emitReturn();
            }
            return;
        }
        if (c.kind == K_LOOP) {
            loopDepth--;
            if (c.outerPhys < c.phys) {
                if (!fc.dead) {
                    int[] saved = saveTop(c.results);
                    unspill(c.outerPhys, c.height);
                    reload(c.results, saved);
                }
                phys = c.outerPhys;
            }
        }
        boolean reachable = !fc.dead;
        if (c.kind == K_IF && !c.hasElse) {
            cb.labelBinding(c.elseLabel);
            reachable = true;
        }
        if (c.atEnd != null) {
            if (!fc.dead) {
                cb.goto_(c.label);
                c.targeted = true;
            }
            c.atEnd.run();
        }
        if (c.kind != K_LOOP) {
            cb.labelBinding(c.label);
            reachable |= c.targeted;
        }
        fc.sp = c.height;
        for (char k : c.results) {
            fc.push(k);
        }
        fc.dead = !reachable;
    }

    /** br: branches to the frame {@code depth} out. */
    void br(int depth) {
        branch(ctl(depth));
        fc.dead = true;
    }

    /**
     * br_if: branches to the frame {@code depth} out if the i32 on top is not zero. Back to a loop (with
     * nothing to move) as {@code ifeq} over a {@code goto} to the loop's header: the JVM's back-edge is
     * then the {@code goto}, whose safepoint comes after the condition was consumed. On a backward
     * {@code ifne} the safepoint holds the condition, so C2 computed the 0 or 1 of the comparison before
     * it in every iteration (sieve's inner loop: a branch and a move of its own; see docs/compiler.md
     * "Loop back-edges and one-byte accesses").
     */
    void brIf(int depth) {
        fc.pop();
        Ctl t = ctl(depth);
        if (t.kind == K_LOOP && extras(t) == 0 && t.phys == phys) {
            Label stay = cb.newLabel();
            cb.ifeq(stay);
            cb.goto_(t.label);
            cb.labelBinding(stay);
            t.targeted = true;
        } else if (t.kind != K_FUNC && extras(t) == 0 && t.phys == phys) {
            cb.ifne(t.label);
            t.targeted = true;
        } else {
            Label skip = cb.newLabel();
            cb.ifeq(skip);
            branch(t);
            cb.labelBinding(skip);
        }
    }

    /** Notes that the innermost frame, a loop just begun, has its body at {@code pos} in the code. */
    void loopBody(int pos) {
        ctls.get(ctls.size() - 1).bodyStart = pos;
    }

    /**
     * An integer comparison ({@link IntComparisons}) whose next instruction is a {@code br_if} that
     * {@link #brIf} would emit as one JVM jump (nothing to move), or an {@code if}: emits the comparison
     * and the branch as one JVM conditional jump (to the target, or to the if's else part), consumes the
     * next instruction and returns true; else emits nothing and returns false. Not for a back-edge
     * (a {@code br_if} to a loop) on a comparison that is not one branch on its operands
     * ({@link IntComparisons#onOperands}).
     */
    boolean fusedComparison(Opcode op, CodeReader r) {
        int pos = r.pos();
        Opcode next = r.next();
        if (next == Opcode.IF) {
            for (int i = IntComparisons.operands(op); i > 0; i--) {
                fc.pop();
            }
            block(K_IF, r.blockType, op);
            return true;
        }
        int depth = r.a;
        if (next == Opcode.BR_IF && depth < ctls.size()) {
            Ctl t = ctl(depth);
            int operands = IntComparisons.operands(op);
            if (t.kind != K_FUNC && t.phys == phys && extras(t) - operands == 0
                    && (t.kind != K_LOOP || IntComparisons.onOperands(op))) {
                for (int i = operands; i > 0; i--) {
                    fc.pop();
                }
                IntComparisons.branch(op, cb, t.label, true);
                t.targeted = true;
                return true;
            }
        }
        r.pos(pos);
        return false;
    }

    /** Whether the instruction after the one just read from {@code r} is a {@code br_if} to a loop. */
    boolean loopBranchNext(CodeReader r) {
        int pos = r.pos();
        Opcode next = r.next();
        int depth = r.a;
        r.pos(pos);
        return next == Opcode.BR_IF && depth < ctls.size() && ctl(depth).kind == K_LOOP;
    }

    /**
     * i32.ne / i64.ne ({@code kind} 'I' / 'J') when the next instruction is a br_if back to a loop:
     * emits the back-edge itself as two branches, {@code if (a < b) goto loop; if (a > b) goto loop}
     * (signed, together exactly {@code a != b}), and leaves the i32 0 for the br_if (which is then
     * never taken). C2 makes a counted loop (range checks eliminated, unrolled) of a loop whose
     * back-edge is a {@code <} or {@code >} test, not of an {@code !=} one with a stride other than 1:
     * LLVM ends its unrolled loops with {@code br_if $loop (i32.ne ...)}; see docs/compiler.md
     * "Loop exits on !=". Only the hot one of the two branches stays in C2's code. Not done when the
     * loop's last counter update is by 1 or -1 ({@link LoopStep}): C2 counts those loops already, and
     * the kernels with such loops (hash, sieve) were 5% slower with the two branches.
     *
     * @return false (nothing emitted) if the next instruction is not such a br_if
     */
    boolean notEqualBackEdge(char kind, CodeReader r) {
        int pos = r.pos();
        Opcode next = r.next();
        int depth = r.a;
        r.pos(pos);
        if (next != Opcode.BR_IF) {
            return false;
        }
        int bodyStart = loopBodyStart(depth);
        if (bodyStart >= 0 && Math.abs(LoopStep.last(r, bodyStart, pos)) == 1) {
            return false;
        }
        Label loop = loopBackEdge(depth, 2); // as brIf's direct branch: nothing to move, once the operands are consumed
        if (loop == null) {
            return false;
        }
        fc.pop();
        fc.pop();
        int b = fc.temps.next(kind);
        int a = fc.temps.next(kind);
        fc.store(kind, b);
        fc.store(kind, a);
        compareAndBranch(kind, a, b, true, loop);
        compareAndBranch(kind, a, b, false, loop);
        cb.iconst_0();
        fc.push('I');
        return true;
    }

    /**
     * The label of the loop {@code depth} frames out if a br_if there, once the top {@code operands}
     * values are consumed, is a plain jump (nothing to move), marking the loop targeted; null if the
     * frame is not a loop or the branch has values to move ({@link CountedBackEdges}, {@link #notEqualBackEdge}).
     */
    Label loopBackEdge(int depth, int operands) {
        if (depth >= ctls.size()) {
            return null;
        }
        Ctl t = ctl(depth);
        if (t.kind != K_LOOP || t.phys != phys || fc.sp - operands - t.branchTypes().length != t.height) {
            return null;
        }
        t.targeted = true;
        return t.label;
    }

    /** Where the body of the loop {@code depth} frames out starts in the code; -1 if that frame is not a loop. */
    int loopBodyStart(int depth) {
        if (depth >= ctls.size()) {
            return -1;
        }
        Ctl t = ctl(depth);
        return t.kind == K_LOOP ? t.bodyStart : -1;
    }

    /** Branches to {@code target} if local {@code a} is less ({@code less}) or greater than local {@code b}. */
    private void compareAndBranch(char kind, int a, int b, boolean less, Label target) {
        fc.load(kind, a);
        fc.load(kind, b);
        if (kind == 'J') {
            cb.lcmp();
            if (less) {
                cb.iflt(target);
            } else {
                cb.ifgt(target);
            }
        } else if (less) {
            cb.if_icmplt(target);
        } else {
            cb.if_icmpgt(target);
        }
    }

    /** br_on_null: branches to the frame {@code depth} out if the reference on top is null, dropping it. */
    void brOnNull(int depth) {
        Label skip = cb.newLabel();
        cb.dup();
        cb.ifnonnull(skip);
        cb.pop();
        fc.pop();
        branch(ctl(depth));
        fc.push('A');
        cb.labelBinding(skip);
    }

    /** br_on_non_null: branches to the frame {@code depth} out if the reference on top is not null, else drops it. */
    void brOnNonNull(int depth) {
        Label skip = cb.newLabel();
        cb.dup();
        cb.ifnull(skip);
        branch(ctl(depth));
        cb.labelBinding(skip);
        cb.pop();
        fc.pop();
    }

    /** return: returns the function's results from the top of the stack. */
    void ret() {
        if (ctls.get(0).kind != K_FUNC) { // an outlined region: the function's frame is an outer frame
            br(ctls.size() - 1);
            return;
        }
        emitReturn();
        fc.dead = true;
    }

    /** How many values lie between the branch values for {@code t} and its base. */
    private int extras(Ctl t) {
        return fc.sp - t.branchTypes().length - t.height;
    }

    /** Branches to {@code t} with its values on top of the stack (the model stack is left as is). */
    private void branch(Ctl t) {
        if (t.kind == K_FUNC) {
            emitReturn();
            return;
        }
        char[] values = t.branchTypes();
        int extras = extras(t);
        if (extras > 0 || t.phys < phys) {
            fc.temps.reset();
            int[] saved = saveTop(values);
            // the values on the JVM stack that stay: down to the target's height, or none if a loop
            // between here and the target moved values into locals (put back below from them)
            int keep = t.phys == phys ? t.height : phys;
            for (int e = fc.sp - values.length - 1; e >= keep; e--) {
                if (fc.stack[e] == 'V') {
                    cb.pop2();
                    cb.pop2();
                } else if (fc.stack[e] == 'J') {
                    cb.pop2();
                } else {
                    cb.pop();
                }
            }
            if (t.phys < phys) {
                unspill(t.phys, t.height);
            }
            reload(values, saved);
        }
        cb.goto_(t.label);
        t.targeted = true;
    }

    /**
     * br_table: a {@code tableswitch} over the labels, one jump target per distinct depth (a direct
     * jump to the frame's label, or a stub that moves the branch values). A table of more than
     * {@link #BIG_TABLE} labels (4 bytes each in a {@code tableswitch}, too many for a method's 64 KB)
     * maps each index to its depth's number through the characters of a string constant first.
     */
    void brTable(CodeReader r) {
        fc.pop();
        int n = r.labelCount;
        int[] depths = new int[n + 1];
        System.arraycopy(r.labels, 0, depths, 0, n);
        depths[n] = r.a;
        java.util.Map<Integer, Integer> idOf = new java.util.LinkedHashMap<>();
        List<Label> distinct = new ArrayList<>();
        List<Label> stubs = new ArrayList<>();
        List<Ctl> stubTargets = new ArrayList<>();
        int[] ids = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            ids[i] = idOf.computeIfAbsent(depths[i], depth -> {
                Ctl t = ctl(depth);
                if (t.kind != K_FUNC && extras(t) == 0 && t.phys == phys) {
                    distinct.add(t.label);
                    t.targeted = true;
                } else {
                    Label s = cb.newLabel();
                    stubs.add(s);
                    stubTargets.add(t);
                    distinct.add(s);
                }
                return distinct.size() - 1;
            });
        }
        Label otherwise = distinct.get(ids[n]);
        if (n == 0) {
            cb.pop();
            cb.goto_(otherwise);
        } else if (n > BIG_TABLE && distinct.size() <= Character.MAX_VALUE && utf8Length(ids, n) <= 65_535) {
            StringBuilder table = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                table.append((char) ids[i]);
            }
            int index = fc.temps.next('I');
            cb.istore(index);
            cb.iload(index);
            cb.iflt(otherwise); // unsigned: 2^31 or more
            cb.iload(index);
            cb.loadConstant(n);
            cb.if_icmpge(otherwise);
            cb.loadConstant(table.toString());
            cb.iload(index);
            cb.invokevirtual(java.lang.constant.ConstantDescs.CD_String, "charAt",
                    java.lang.constant.MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_char,
                            java.lang.constant.ConstantDescs.CD_int));
            List<SwitchCase> cases = new ArrayList<>(distinct.size());
            for (int id = 0; id < distinct.size(); id++) {
                cases.add(SwitchCase.of(id, distinct.get(id)));
            }
            cb.tableswitch(0, distinct.size() - 1, otherwise, cases);
        } else {
            List<SwitchCase> cases = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cases.add(SwitchCase.of(i, distinct.get(ids[i])));
            }
            cb.tableswitch(0, n - 1, otherwise, cases);
        }
        for (int i = 0; i < stubs.size(); i++) {
            cb.labelBinding(stubs.get(i));
            branch(stubTargets.get(i));
        }
        fc.dead = true;
    }

    /** Above this many labels, br_table looks its target up in a string constant. */
    static final int BIG_TABLE = 1024;

    /** The length in the class file (modified UTF-8) of a string of the characters {@code ids[0..n)}. */
    private static int utf8Length(int[] ids, int n) {
        int length = 0;
        for (int i = 0; i < n; i++) {
            int c = ids[i];
            length += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return length;
    }

    private void emitReturn() {
        if (RefResults.applies(results)) {
            RefResults.pack(fc, results);
            cb.areturn();
        } else if (FunctionCompiler.resultsInArray(results)) {
            int[] saved = new int[results.length];
            for (int k = results.length - 1; k >= 0; k--) {
                saved[k] = fc.temps.next(results[k]);
                fc.store(results[k], saved[k]);
            }
            int array = fc.temps.next('A');
            cb.loadConstant(FunctionCompiler.slotCount(results));
            cb.newarray(TypeKind.LONG);
            cb.astore(array);
            int[] pos = FunctionCompiler.slotPositions(results);
            for (int k = 0; k < results.length; k++) {
                int j = k;
                fc.calls.toSlot(results[j], pos[j], array, -1, () -> fc.load(results[j], saved[j]));
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

    // ---- outlined regions ({@link RegionCompiler})

    /** How many frames are open (the function's own included). */
    int depth() {
        return ctls.size();
    }

    /** The stack height at which the innermost open frame starts. */
    int frameHeight() {
        return ctls.get(ctls.size() - 1).height;
    }

    /** The kinds of the values a branch to the frame {@code index} (from the outermost, 0) carries. */
    char[] branchTypes(int index) {
        return ctls.get(index).branchTypes();
    }

    /**
     * Opens a frame standing for a frame outside an outlined region: branches to it carry values of
     * kinds {@code types} to the returned label (with nothing else on the stack).
     */
    Label enterOuter(char[] types) {
        Ctl c = new Ctl(K_BLOCK, 0, new char[0], types, cb.newLabel());
        ctls.add(c);
        return c.label;
    }

    /** Whether some branch goes to the frame {@code index} (from the outermost, 0). */
    boolean targeted(int index) {
        return ctls.get(index).targeted;
    }

    /** Branches to the frame {@code index} (from the outermost, 0) with its values on top of the stack. */
    void branchTo(int index) {
        branch(ctls.get(index));
    }
}
