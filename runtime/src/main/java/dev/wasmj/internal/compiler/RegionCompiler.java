package dev.wasmj.internal.compiler;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.internal.compiler.RegionPlanner.Region;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Emits a split function: its method {@code f<index>} with each planned region replaced by a call of
 * a method of its own, {@code f<index>$<offset>} (offset: of the region's first instruction in the
 * function's code; its line numbers count from there), which may call further regions inside it.
 *
 * <p>A region's method is {@code static int (long[] frame, Object[] refs, ModuleInstance instance)}
 * (the instance whose code runs, as in every generated method). The Wasm locals travel in the frame:
 * numbers in {@code frame[local]}, references in {@code refs[local]}, which the function's method
 * allocates. A caller stores the locals the region uses before the call and reloads those it
 * writes after; the region loads them into JVM locals on entry and stores those it writes back on
 * exit. It returns 0 when it ends normally, or 1 + the index (from the outermost, the function's
 * own frame being 0) of a frame outside it that it branches to, the branch's values in the frame after
 * the locals: the caller loads them and branches there itself (returns, for the function's frame).
 * Memory segments are reloaded after each call (the region may have grown a memory).
 */
final class RegionCompiler {
    private static final MethodTypeDesc PART = MethodTypeDesc.of(ConstantDescs.CD_int, Descs.LONGS, Descs.OBJECTS,
            Descs.MODULE_INSTANCE);

    private final ClassBuilder clb;
    private final ClassShape shape;
    private final WasmFunction function;
    private final Trial trial;
    private final Map<Integer, Region> regions;
    /** The regions in the order of their code, once {@link #ownCode} needed them. */
    private Region[] byStart;
    private final int codeStart;
    /** Where branch values go in the frame: after the locals. */
    private final int transfer;

    RegionCompiler(ClassBuilder clb, ClassShape shape, WasmFunction function, Trial trial, Map<Integer, Region> regions) {
        this.clb = clb;
        this.shape = shape;
        this.function = function;
        this.trial = trial;
        this.regions = regions;
        this.codeStart = function.body().code().start();
        this.transfer = trial.localKinds.length;
    }

    /** The method of one function or region being emitted. */
    private static final class Method {
        final FunctionCompiler fc;
        /** The region it is, or null for the function's method. */
        final Region self;
        /** The JVM locals holding the frame arrays; -1 until the function's method allocated them. */
        int frame = -1;
        int refs = -1;
        /** Where its line numbers count from. */
        final int lineBase;
        /**
         * Whether its Wasm locals live in the frame (every access an array access, nothing to move
         * around calls of regions) rather than in JVM locals.
         */
        boolean resident;
        /** In a region's method: the JVM local of the code it returns, where its exits meet, and the outer frames inner regions' codes went to. */
        int code = -1;
        Label epilogue;
        final java.util.SortedSet<Integer> propagated = new java.util.TreeSet<>();

        Method(FunctionCompiler fc, Region self, int lineBase) {
            this.fc = fc;
            this.self = self;
            this.lineBase = lineBase;
        }
    }

    /** What a region's method can do when it returns. */
    private record Exits(boolean fallsThrough, int[] frames) {
    }

    /** Emits the function's method {@code f<index>} (and its regions' methods) with {@code cb}. */
    void emitFunction(CodeBuilder cb) {
        FunctionCompiler fc = new FunctionCompiler(shape, function, cb);
        Method m = new Method(fc, null, codeStart);
        m.resident = !trial.selfTailCalls; // a self tail call sets the parameters' JVM locals
        fc.hook = (op, r) -> {
            if (m.frame < 0) {
                allocateFrame(m);
                Bytes code = function.body().code();
                fc.inlineDepth = FunctionCompiler.inlineDepth(ownCode(code.start(), code.end(), null), fc.inlinedAccesses());
            }
            if (fc.dead) {
                return false;
            }
            if (call(m, r) || m.resident && residentLocal(m, op, r)) {
                return true;
            }
            if (r.start - codeStart + 1 > 0xFFFF) {
                // past what a line number can say (the planner outlines all it can there): the line
                // of the last instruction before stays in effect
                fc.temps.reset();
                fc.instruction(op, r);
                return true;
            }
            return false;
        };
        fc.emit();
    }

    /** In a method whose locals live in the frame: local.get/set/tee as array accesses. */
    private boolean residentLocal(Method m, Opcode op, CodeReader r) {
        FunctionCompiler fc = m.fc;
        CodeBuilder cb = fc.cb;
        switch (op) {
            case LOCAL_GET -> {
                char k = fc.localKind[r.a];
                cb.aload(k == 'A' ? m.refs : m.frame);
                cb.loadConstant(r.a);
                load(cb, k);
                fc.push(k);
            }
            case LOCAL_SET, LOCAL_TEE -> {
                char k = fc.localKind[r.a];
                if (op == Opcode.LOCAL_TEE) {
                    if (k == 'J') {
                        cb.dup2();
                    } else {
                        cb.dup();
                    }
                } else {
                    fc.pop();
                }
                fc.temps.reset();
                int tmp = fc.temps.next(k);
                fc.store(k, tmp);
                cb.aload(k == 'A' ? m.refs : m.frame);
                cb.loadConstant(r.a);
                fc.load(k, tmp);
                store(cb, k);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void allocateFrame(Method m) {
        CodeBuilder cb = m.fc.cb;
        m.frame = cb.allocateLocal(TypeKind.REFERENCE);
        m.refs = cb.allocateLocal(TypeKind.REFERENCE);
        cb.loadConstant(transfer + trial.maxTransfer);
        cb.newarray(TypeKind.LONG);
        cb.astore(m.frame);
        if (trial.refs) {
            cb.loadConstant(transfer + trial.maxTransfer);
            cb.anewarray(ConstantDescs.CD_Object);
        } else {
            cb.aconst_null();
        }
        cb.astore(m.refs);
        if (m.resident) {
            for (int p = 0; p < m.fc.function.funcType().params().length; p++) {
                toFrame(m, p);
            }
            // the JVM locals are stale from here on: anything still reaching them fails to generate
            Arrays.fill(m.fc.localSlot, -1);
        }
    }

    /** If a region starts at the instruction {@code r} just read: emits its call, skips it and returns true. */
    private boolean call(Method m, CodeReader r) {
        Region g = regions.get(r.start);
        if (g == null || g == m.self) {
            return false;
        }
        FunctionCompiler fc = m.fc;
        CodeBuilder cb = fc.cb;
        if (fc.control.depth() != g.depth || fc.sp != fc.control.frameHeight()) {
            throw new IllegalStateException("region at " + (r.start - codeStart) + " does not match the trial");
        }
        char[][] outer = new char[g.depth][];
        for (int a = 0; a < g.depth; a++) {
            outer[a] = fc.control.branchTypes(a);
        }
        String name = "f" + function.index() + "$" + (g.startPos - codeStart);
        Exits exits = emitRegion(name, g, outer);

        int line = r.start - m.lineBase + 1;
        if (line <= 0xFFFF) {
            cb.lineNumber(line);
        }
        fc.temps.reset();
        if (!m.resident) {
            for (int l : g.used) {
                toFrame(m, l);
            }
        }
        cb.aload(m.frame);
        cb.aload(m.refs);
        fc.instanceRef();
        cb.invokestatic(shape.self(), name, PART);
        if (m.resident) {
            fc.reloadMemory();
            dispatch(m, exits, -1);
            while (r.pos() < g.endPos) {
                r.next();
            }
            return true;
        }
        int code = fc.temps.next('I');
        cb.istore(code);
        if (!m.resident) {
            for (int l : g.written) {
                fromFrame(fc, m.frame, m.refs, l, fc.localSlot[l]);
            }
        }
        fc.reloadMemory();
        dispatch(m, exits, code);
        while (r.pos() < g.endPos) {
            r.next();
        }
        return true;
    }

    /**
     * After a region's call: continues, or branches where the returned code says (in the JVM local
     * {@code code}, or on the stack if -1). In a region's method, a code for a frame outside it is
     * returned as it is (the branch's values are already in the frame): one test, not a case each.
     */
    private void dispatch(Method m, Exits exits, int code) {
        FunctionCompiler fc = m.fc;
        CodeBuilder cb = fc.cb;
        int outerDepth = m.self == null ? 0 : m.self.depth;
        List<Integer> inner = new ArrayList<>();
        boolean outer = false;
        for (int a : exits.frames()) {
            if (a < outerDepth) {
                outer = true;
                m.propagated.add(a);
            } else {
                inner.add(a);
            }
        }
        if (code < 0) {
            code = fc.temps.next('I');
            cb.istore(code);
        }
        Label next = cb.newLabel();
        if (exits.fallsThrough() && (outer || !inner.isEmpty())) {
            cb.iload(code);
            cb.ifeq(next);
        }
        if (outer) {
            Label rest = cb.newLabel();
            if (!inner.isEmpty()) {
                cb.iload(code);
                cb.loadConstant(outerDepth + 1);
                cb.if_icmpge(rest);
            }
            cb.iload(code);
            cb.istore(m.code);
            for (int e = fc.sp - 1; e >= 0; e--) { // the epilogue starts with an empty stack
                if (fc.stack[e] == 'J') {
                    cb.pop2();
                } else {
                    cb.pop();
                }
            }
            cb.goto_(m.epilogue);
            if (!inner.isEmpty()) {
                cb.labelBinding(rest);
            }
        }
        if (inner.size() == 1) {
            branchOut(m, inner.getFirst());
        } else if (!inner.isEmpty()) {
            Label[] targets = new Label[inner.size()];
            List<SwitchCase> cases = new ArrayList<>();
            for (int i = 0; i < targets.length; i++) {
                targets[i] = cb.newLabel();
                cases.add(SwitchCase.of(inner.get(i) + 1, targets[i]));
            }
            cb.iload(code);
            int low = inner.getFirst() + 1;
            int high = inner.getLast() + 1;
            if (high - low + 1 <= 2 * inner.size()) {
                cb.tableswitch(low, high, targets[0], cases);
            } else {
                cb.lookupswitch(targets[0], cases);
            }
            for (int i = 0; i < targets.length; i++) {
                cb.labelBinding(targets[i]);
                branchOut(m, inner.get(i));
            }
        } else if (!outer && !exits.fallsThrough()) {
            unreachable(cb);
        }
        if (exits.fallsThrough()) {
            cb.labelBinding(next);
        } else {
            fc.dead = true;
        }
    }

    /** Branches to the frame {@code a} with the values a region left in the frame. */
    private void branchOut(Method m, int a) {
        FunctionCompiler fc = m.fc;
        char[] types = fc.control.branchTypes(a);
        for (int k = 0; k < types.length; k++) {
            loadTransfer(fc.cb, m.frame, m.refs, types[k], k);
            fc.push(types[k]);
        }
        fc.control.branchTo(a);
        fc.sp -= types.length;
    }

    /** Emits the method of region {@code g}, whose enclosing frames' branches carry {@code outer}. */
    private Exits emitRegion(String name, Region g, char[][] outer) {
        Exits[] result = new Exits[1];
        clb.withMethodBody(name, PART, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, cb -> result[0] = regionBody(cb, g, outer));
        return result[0];
    }

    private Exits regionBody(CodeBuilder cb, Region g, char[][] outer) {
        FunctionCompiler fc = new FunctionCompiler(shape, function, cb);
        Method m = new Method(fc, g, g.startPos);
        m.frame = cb.parameterSlot(0);
        m.refs = cb.parameterSlot(1);
        fc.instanceSlot = cb.parameterSlot(2);
        fc.hoistInstance(new CodeReader(function.body().code().array(), g.startPos, g.endPos));
        fc.localKind = trial.localKinds.clone();
        fc.localSlot = new int[fc.localKind.length];
        Arrays.fill(fc.localSlot, -1);
        m.resident = hasInner(g);
        if (!m.resident) {
            for (int l : g.used) {
                fc.localSlot[l] = cb.allocateLocal(FunctionCompiler.typeKind(fc.localKind[l]));
                fromFrame(fc, m.frame, m.refs, l, fc.localSlot[l]);
            }
        }
        fc.memLocals = new int[shape.memories()];
        for (int i = 0; i < fc.memLocals.length; i++) {
            fc.memLocals[i] = shape.direct()[i] && fc.usesMemory ? cb.allocateLocal(TypeKind.REFERENCE) : -1;
        }
        fc.reloadMemory();
        fc.inlineDepth = FunctionCompiler.inlineDepth(ownCode(g.startPos, g.endPos, g), fc.inlinedAccesses());
        Label[] exits = new Label[g.depth];
        for (int a = 0; a < g.depth; a++) {
            exits[a] = fc.control.enterOuter(outer[a]);
        }
        m.code = cb.allocateLocal(TypeKind.INT);
        m.epilogue = cb.newLabel();
        Bytes code = function.body().code();
        CodeReader r = new CodeReader(code.array(), g.startPos, g.endPos);
        while (r.pos() < g.endPos) {
            Opcode op = r.next();
            if (!fc.dead && (call(m, r) || m.resident && residentLocal(m, op, r))) {
                continue;
            }
            if (fc.dead) {
                fc.control.skip(op, r);
                continue;
            }
            cb.lineNumber(r.start - g.startPos + 1);
            fc.temps.reset();
            fc.instruction(op, r);
        }
        if (fc.control.depth() != g.depth) {
            throw new IllegalStateException("region at " + (g.startPos - codeStart) + " is not balanced");
        }
        int codeLocal = m.code;
        Label epilogue = m.epilogue;
        boolean fallsThrough = !fc.dead;
        if (fallsThrough) {
            cb.iconst_0();
            cb.istore(codeLocal);
            cb.goto_(epilogue);
        }
        java.util.SortedSet<Integer> frames = new java.util.TreeSet<>(m.propagated);
        for (int a = 0; a < g.depth; a++) {
            if (!fc.control.targeted(a)) {
                continue;
            }
            frames.add(a);
            cb.labelBinding(exits[a]);
            fc.temps.reset();
            for (int k = outer[a].length - 1; k >= 0; k--) {
                int tmp = fc.temps.next(outer[a][k]);
                fc.store(outer[a][k], tmp);
                storeTransfer(cb, m.frame, m.refs, outer[a][k], k, tmp);
            }
            cb.loadConstant(a + 1);
            cb.istore(codeLocal);
            cb.goto_(epilogue);
        }
        if (fallsThrough || !frames.isEmpty()) {
            cb.labelBinding(epilogue);
            if (!m.resident) {
                for (int l : g.written) {
                    toFrame(fc, m.frame, m.refs, l);
                }
            }
            cb.iload(codeLocal);
            cb.ireturn();
        }
        return new Exits(fallsThrough, frames.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Whether regions are outlined from inside {@code g}: its method then keeps the locals in the frame
     * (calling them moves nothing), while a region without any keeps those it uses in JVM locals.
     */
    private boolean hasInner(Region g) {
        for (Region inner : regions.values()) {
            if (inner != g && inner.startPos >= g.startPos && inner.startPos < g.endPos) {
                return true;
            }
        }
        return false;
    }

    /**
     * The code a method spanning {@code [from, to)} of the body compiles itself, ended by an {@code end}:
     * without the regions inside it (other than {@code self}), which it calls. Its loads and stores are
     * the ones that count against C2's inlining budget ({@link FunctionCompiler#inlineDepth}): counting
     * the whole body sent every access of a function's method (SQLite's {@code sqlite3VdbeExec}, its
     * dispatch loop) out of line. Regions are whole instructions inside one frame's body, so what is
     * left is balanced.
     */
    private FunctionBody ownCode(int from, int to, Region self) {
        byte[] array = function.body().code().array();
        java.io.ByteArrayOutputStream own = new java.io.ByteArrayOutputStream(to - from + 1);
        int pos = from;
        if (byStart == null) {
            byStart = new java.util.TreeMap<>(regions).values().toArray(Region[]::new);
        }
        for (Region inner : byStart) {
            if (inner == self || inner.startPos < pos || inner.startPos >= to) {
                continue; // outside, or inside one already left out
            }
            own.write(array, pos, inner.startPos - pos);
            pos = inner.endPos;
        }
        own.write(array, pos, to - pos);
        if (self != null) {
            own.write(0x0B); // end
        }
        return new FunctionBody(new int[0], new int[0], 0, Bytes.of(own.toByteArray()));
    }

    private static void unreachable(CodeBuilder cb) {
        cb.invokestatic(Descs.SUPPORT, "unreachable", MethodTypeDesc.of(Descs.RUNTIME_EXCEPTION));
        cb.athrow();
    }

    private void toFrame(Method m, int local) {
        toFrame(m.fc, m.frame, m.refs, local);
    }

    /** Stores Wasm local {@code local} from its JVM local into the frame. */
    private static void toFrame(FunctionCompiler fc, int frame, int refs, int local) {
        char k = fc.localKind[local];
        CodeBuilder cb = fc.cb;
        cb.aload(k == 'A' ? refs : frame);
        cb.loadConstant(local);
        fc.load(k, fc.localSlot[local]);
        store(cb, k);
    }

    /** Loads Wasm local {@code local} from the frame into the JVM local {@code slot}. */
    private static void fromFrame(FunctionCompiler fc, int frame, int refs, int local, int slot) {
        char k = fc.localKind[local];
        CodeBuilder cb = fc.cb;
        cb.aload(k == 'A' ? refs : frame);
        cb.loadConstant(local);
        load(cb, k);
        fc.store(k, slot);
    }

    private void storeTransfer(CodeBuilder cb, int frame, int refs, char k, int index, int tmp) {
        cb.aload(k == 'A' ? refs : frame);
        cb.loadConstant(transfer + index);
        cb.loadLocal(FunctionCompiler.typeKind(k), tmp);
        store(cb, k);
    }

    private void loadTransfer(CodeBuilder cb, int frame, int refs, char k, int index) {
        cb.aload(k == 'A' ? refs : frame);
        cb.loadConstant(transfer + index);
        load(cb, k);
    }

    /** Stores a value of kind {@code k} (array and index below it) into a long[] or Object[]. */
    static void store(CodeBuilder cb, char k) {
        switch (k) {
            case 'I' -> {
                cb.i2l();
                cb.lastore();
            }
            case 'J' -> cb.lastore();
            default -> cb.aastore();
        }
    }

    /** Loads a value of kind {@code k} from a long[] or Object[] (array and index on the stack). */
    private static void load(CodeBuilder cb, char k) {
        switch (k) {
            case 'I' -> {
                cb.laload();
                cb.l2i();
            }
            case 'J' -> cb.laload();
            default -> cb.aaload();
        }
    }
}
