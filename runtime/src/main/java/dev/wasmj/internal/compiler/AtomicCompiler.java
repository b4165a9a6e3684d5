package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.internal.runtime.MemoryInstance;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * The threads proposal for {@link FunctionCompiler}: the atomic instructions (prefix 0xFE: loads,
 * stores, read-modify-writes, compare-exchanges, {@code memory.atomic.notify/wait32/wait64},
 * {@code atomic.fence}) as calls to {@link AtomicAccess} (a method per operation and size on shared
 * memories, {@link AtomicAccess#unshared} on unshared ones), and plain loads and stores on shared
 * memories as calls to {@link MemoryAccess}'s {@code shared*} methods. Both take the address widened
 * to an unsigned {@code long} and the {@code MemoryInstance}: a shared memory's segment is longer than
 * the memory, so each access is checked against the memory's size. Loads and stores also get the
 * memory's size at function entry and, if its segment never changes, that segment, from JVM locals:
 * within that size they touch no volatile field.
 */
final class AtomicCompiler {
    private final FunctionCompiler fc;
    private final CodeBuilder cb;

    private static final ClassDesc ATOMIC_ACCESS = ClassDesc.of(AtomicAccess.class.getName());
    private static final ClassDesc VAR_HANDLE = ClassDesc.of("java.lang.invoke.VarHandle");

    /** Per memory: the JVM local holding its segment, if it is shared and its segment never changes; else -1. */
    private int[] segmentLocals;
    /** Per shared memory: the JVM local holding its size at function entry (a lower bound of its size); else -1. */
    private int[] limitLocals;

    AtomicCompiler(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    /**
     * At function entry: loads the size of each shared memory the function loads from or stores to and
     * the segment of each of those that never changes into JVM locals, for {@link MemoryAccess}'s
     * {@code shared*}.
     */
    void enterFunction() {
        int n = fc.instance.memories.length;
        segmentLocals = new int[n];
        limitLocals = new int[n];
        java.util.Arrays.fill(segmentLocals, -1);
        java.util.Arrays.fill(limitLocals, -1);
        boolean[] accessed = sharedAccessed();
        for (int m = 0; m < n; m++) {
            MemoryInstance mem = fc.instance.memories[m];
            if (!accessed[m]) {
                continue;
            }
            limitLocals[m] = cb.allocateLocal(TypeKind.LONG);
            fc.memory(m);
            cb.invokevirtual(Descs.MEMORY_INSTANCE, "byteSize", MethodTypeDesc.of(ConstantDescs.CD_long));
            cb.lstore(limitLocals[m]);
            if (fixedSegment(mem)) {
                segmentLocals[m] = cb.allocateLocal(TypeKind.REFERENCE);
                fc.memory(m);
                cb.getfield(Descs.MEMORY_INSTANCE, "segment", Descs.MEMORY_SEGMENT);
                cb.astore(segmentLocals[m]);
            }
        }
    }

    /** Per memory: whether it is shared and the function has a load or store on it. */
    private boolean[] sharedAccessed() {
        boolean[] accessed = new boolean[fc.instance.memories.length];
        boolean any = false;
        for (MemoryInstance m : fc.instance.memories) {
            any |= m.shared();
        }
        if (!any) {
            return accessed;
        }
        CodeReader r = new CodeReader(fc.function.body().code());
        for (int depth = 0; depth >= 0; ) {
            Opcode op = r.next();
            switch (op) {
                case BLOCK, IF, TRY, TRY_TABLE, LOOP -> depth++;
                case END, DELEGATE -> depth--;
                default -> {
                    if (op.imm() == Opcode.Imm.MEMARG && op.prefix() == 0 && fc.instance.memories[r.memory].shared()) {
                        accessed[r.memory] = true;
                    }
                }
            }
        }
        return accessed;
    }

    /**
     * Whether shared memory {@code m}'s segment never changes: it is reserved at the memory's maximum
     * (only a memory over {@link MemoryInstance#SHARED_RESERVE_LIMIT} gets a new one when it grows).
     */
    static boolean fixedSegment(MemoryInstance m) {
        var limits = m.declaredType().limits();
        return m.shared() && limits.hasMax() && limits.max() <= MemoryInstance.SHARED_RESERVE_LIMIT >>> m.pageSizeLog2()
                && m.segment.byteSize() >= limits.max() << m.pageSizeLog2();
    }

    /** Emits atomic instruction {@code op} (an instruction with the threads prefix). */
    void emit(Opcode op, CodeReader r) {
        if (op == Opcode.ATOMIC_FENCE) {
            cb.invokestatic(VAR_HANDLE, "fullFence", ConstantDescs.MTD_void);
            return;
        }
        String sig = op.signature();
        int colon = sig.indexOf(':');
        char[] values = new char[colon];
        for (int k = 0; k < colon; k++) {
            values[k] = Numerics.kindOf(sig.charAt(k));
        }
        int[] saved = saveValues(values);
        widenAddress(r.memory);
        call(fc.instance.memories[r.memory].shared() ? "shared" : "unshared", op, r, sig, values, saved);
    }

    /**
     * Emits atomic instruction {@code op}, its address (a long) pushed and its operands of kinds
     * {@code values} in the scratch locals {@code saved}: a call to {@link AtomicAccess#shared} or
     * {@link AtomicAccess#unshared} ({@code method}) with the operation and the access size as constants.
     */
    private void call(String method, Opcode op, CodeReader r, String sig, char[] values, int[] saved) {
        for (int k = 0; k < 2; k++) {
            if (k < values.length) {
                fc.load(values[k], saved[k]);
                if (values[k] == 'I') {
                    cb.i2l();
                }
            } else {
                cb.lconst_0();
            }
        }
        fc.memory(r.memory);
        cb.loadConstant(r.offset);
        String helper = helper(op);
        int digits = helper.length();
        while (Character.isDigit(helper.charAt(digits - 1))) {
            digits--;
        }
        cb.loadConstant(Integer.parseInt(helper.substring(digits)) / 8);
        cb.loadConstant(AtomicAccess.operation(helper.substring(0, digits)));
        cb.invokestatic(ATOMIC_ACCESS, method, MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long,
                ConstantDescs.CD_long, ConstantDescs.CD_long, Descs.MEMORY_INSTANCE, ConstantDescs.CD_long,
                ConstantDescs.CD_int, ConstantDescs.CD_int));
        int colon = sig.indexOf(':');
        if (colon == sig.length() - 1) {
            cb.pop2();
        } else {
            char result = Numerics.kindOf(sig.charAt(colon + 1));
            if (result == 'I') {
                cb.l2i();
            }
            fc.push(result);
        }
    }

    /**
     * The operation and access size in bits of {@code op}
     * ({@code i64.atomic.rmw16.add_u} -> {@code add16}, {@code i32.atomic.load} -> {@code load32}), or
     * {@code notify32}, {@code wait32}, {@code wait64}.
     */
    static String helper(Opcode op) {
        String text = op.text();
        if (text.startsWith("memory.atomic.")) {
            String name = text.substring("memory.atomic.".length());
            return name.equals("notify") ? "notify32" : name;
        }
        String rest = text.substring(text.indexOf(".atomic.") + ".atomic.".length()); // rmw16.add_u, load8_u, store
        String bits = text.startsWith("i64") ? "64" : "32";
        String operation;
        if (rest.startsWith("rmw")) {
            int dot = rest.indexOf('.');
            if (dot > 3) {
                bits = rest.substring(3, dot);
            }
            operation = rest.substring(dot + 1);
        } else {
            operation = rest;
            int digit = 0;
            while (digit < rest.length() && !Character.isDigit(rest.charAt(digit))) {
                digit++;
            }
            if (digit < rest.length()) {
                operation = rest.substring(0, digit);
                bits = rest.substring(digit).replace("_u", "");
            }
        }
        return operation.replace("_u", "") + bits;
    }

    /**
     * Emits plain load or store {@code op} on shared memory {@code r.memory}: the {@link MemoryAccess}
     * method {@code shared<Name>} (f32/f64 as their i32/i64 bits, like the unshared path).
     */
    void sharedAccess(Opcode op, CodeReader r) {
        String sig = op.signature();
        boolean store = sig.endsWith(":");
        char value = Numerics.kindOf(sig.charAt(store ? 0 : sig.length() - 1));
        String name = Numerics.camel(op.text()).replace("f32", "i32").replace("f64", "i64");
        name = "shared" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        ClassDesc valueDesc = FunctionCompiler.desc(value);
        if (store) {
            int[] saved = saveValues(new char[] {value});
            widenAddress(r.memory);
            fc.load(value, saved[0]);
        } else {
            widenAddress(r.memory);
        }
        sharedOperands(r.memory);
        cb.loadConstant(r.offset);
        if (store) {
            cb.invokestatic(Descs.MEMORY_ACCESS, name, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long,
                    valueDesc, Descs.MEMORY_SEGMENT, ConstantDescs.CD_long, Descs.MEMORY_INSTANCE,
                    ConstantDescs.CD_long));
        } else {
            cb.invokestatic(Descs.MEMORY_ACCESS, name, MethodTypeDesc.of(valueDesc, ConstantDescs.CD_long,
                    Descs.MEMORY_SEGMENT, ConstantDescs.CD_long, Descs.MEMORY_INSTANCE, ConstantDescs.CD_long));
            fc.push(value);
        }
    }

    /**
     * Pushes what a {@code MemoryAccess.shared*} method takes after the address (and value) for
     * shared memory {@code memory}: its fixed segment or null, the size known to be in bounds, the
     * memory. Without the locals (a method that did not start with enterFunction): no segment and a
     * limit of 0, so that each access reads the memory's size and segment.
     */
    void sharedOperands(int memory) {
        if (segmentLocals != null && segmentLocals[memory] >= 0) {
            cb.aload(segmentLocals[memory]);
        } else {
            cb.aconst_null();
        }
        if (limitLocals != null && limitLocals[memory] >= 0) {
            cb.lload(limitLocals[memory]);
        } else {
            cb.lconst_0();
        }
        fc.memory(memory);
    }

    /** Pops the operands of kinds {@code values} (the last on top) into scratch locals, which it returns. */
    private int[] saveValues(char[] values) {
        int[] saved = new int[values.length];
        for (int k = values.length - 1; k >= 0; k--) {
            fc.pop();
            saved[k] = fc.temps.next(values[k]);
            fc.store(values[k], saved[k]);
        }
        return saved;
    }

    /** Pops the address on top and leaves it as an unsigned long (a 32-bit one zero-extended). */
    private void widenAddress(int memory) {
        fc.pop();
        if (!fc.memory64(memory)) {
            cb.i2l();
            cb.loadConstant(0xFFFF_FFFFL);
            cb.land();
        }
    }
}
