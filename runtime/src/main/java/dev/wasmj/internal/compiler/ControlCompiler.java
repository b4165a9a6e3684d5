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

    /** In unreachable code: only the block structure matters. */
    void skip(Opcode op) {
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

    private Ctl ctl(int depth) {
        return ctls.get(ctls.size() - 1 - depth);
    }

    void block(int kind, int blockType) {
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
        ctls.add(c);
        if (kind == K_LOOP) {
            loopDepth++;
            cb.labelBinding(c.label);
        } else if (kind == K_IF) {
            c.elseLabel = cb.newLabel();
            cb.ifeq(c.elseLabel);
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
        }
        boolean reachable = !fc.dead;
        if (c.kind == K_IF && !c.hasElse) {
            cb.labelBinding(c.elseLabel);
            reachable = true;
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

    /** br_if: branches to the frame {@code depth} out if the i32 on top is not zero. */
    void brIf(int depth) {
        fc.pop();
        Ctl t = ctl(depth);
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
        if (extras > 0) {
            fc.temps.reset();
            int[] saved = new int[values.length];
            for (int k = values.length - 1; k >= 0; k--) {
                saved[k] = fc.temps.next(values[k]);
                fc.store(values[k], saved[k]);
            }
            for (int e = fc.sp - values.length - 1; e >= t.height; e--) {
                if (fc.stack[e] == 'J') {
                    cb.pop2();
                } else {
                    cb.pop();
                }
            }
            for (int k = 0; k < values.length; k++) {
                fc.load(values[k], saved[k]);
            }
        }
        cb.goto_(t.label);
        t.targeted = true;
    }

    void brTable(CodeReader r) {
        fc.pop();
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
        fc.dead = true;
    }

    private void emitReturn() {
        if (results.length > 1) {
            int[] saved = new int[results.length];
            for (int k = results.length - 1; k >= 0; k--) {
                saved[k] = fc.temps.next(results[k]);
                fc.store(results[k], saved[k]);
            }
            int array = fc.temps.next('A');
            cb.loadConstant(results.length);
            cb.newarray(TypeKind.LONG);
            cb.astore(array);
            for (int k = 0; k < results.length; k++) {
                int j = k;
                fc.calls.toSlot(results[j], j, array, -1, () -> fc.load(results[j], saved[j]));
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
