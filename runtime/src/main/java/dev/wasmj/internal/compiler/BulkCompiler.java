package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * The memory and table instructions other than loads and stores, for {@link FunctionCompiler}:
 * memory.size/grow/fill/copy/init, data.drop, table.get/set/size/grow/fill/copy/init and elem.drop,
 * each a call to {@link BulkOps} with its addresses and counts widened to longs.
 */
final class BulkCompiler {
    private final FunctionCompiler fc;
    private final CodeBuilder cb;

    BulkCompiler(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    /** Emits {@code op}, one of the instructions above. */
    void emit(Opcode op, CodeReader r) {
        switch (op) {
            case MEMORY_SIZE -> {
                fc.memory(r.a);
                bulk("memorySize", 'J', "M");
                narrow(fc.memory64(r.a));
            }
            case MEMORY_GROW -> {
                widen(fc.memory64(r.a));
                fc.memory(r.a);
                bulk("memoryGrow", 'J', "JM");
                narrow(fc.memory64(r.a));
                fc.reloadMemory();
            }
            case MEMORY_FILL -> {
                boolean is64 = fc.memory64(r.a);
                widen(is64, false, is64);
                fc.memory(r.a);
                bulk("memoryFill", 'V', "JJJM");
            }
            case MEMORY_COPY -> {
                boolean d64 = fc.memory64(r.a);
                boolean s64 = fc.memory64(r.b);
                widen(d64, s64, d64 && s64);
                fc.memory(r.a);
                fc.memory(r.b);
                bulk("memoryCopy", 'V', "JJJMM");
            }
            case MEMORY_INIT -> {
                widen(fc.memory64(r.b), false, false);
                fc.instanceRef();
                cb.loadConstant(r.a);
                fc.memory(r.b);
                bulk("memoryInit", 'V', "JJJXiM");
            }
            case DATA_DROP -> {
                fc.instanceRef();
                cb.loadConstant(r.a);
                bulk("dataDrop", 'V', "Xi");
            }
            case TABLE_GET -> {
                widen(table64(r.a));
                table(r.a);
                bulk("tableGet", 'A', "JT");
            }
            case TABLE_SET -> {
                char v = fc.pop();
                int tmp = fc.temps.next(v);
                fc.store(v, tmp);
                widen(table64(r.a));
                fc.load(v, tmp);
                fc.push(v);
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
                fc.instanceRef();
                cb.loadConstant(r.a);
                table(r.b);
                bulk("tableInit", 'V', "JJJXiT");
            }
            case ELEM_DROP -> {
                fc.instanceRef();
                cb.loadConstant(r.a);
                bulk("elemDrop", 'V', "Xi");
            }
            default -> throw new IllegalArgumentException(op.text());
        }
    }

    private boolean table64(int index) {
        return fc.instance.tables[index].declaredType().is64();
    }

    /** Pushes table {@code index} (its TableInstance). */
    private void table(int index) {
        fc.instanceRef();
        cb.getfield(Descs.MODULE_INSTANCE, "tables", Descs.TABLE_INSTANCE.arrayType());
        cb.loadConstant(index);
        cb.aaload();
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
            kinds[k] = fc.pop();
            saved[k] = fc.temps.next(kinds[k]);
            fc.store(kinds[k], saved[k]);
        }
        for (int k = 0; k < n; k++) {
            fc.load(kinds[k], saved[k]);
            if (kinds[k] == 'I') {
                cb.i2l();
                cb.loadConstant(0xFFFF_FFFFL);
                cb.land();
            }
            fc.push('J');
        }
    }

    /** Turns the long result on top into an i32 unless the memory or table is 64-bit. */
    private void narrow(boolean is64) {
        if (!is64) {
            cb.l2i();
            fc.pop();
            fc.push('I');
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
                fc.pop();
            }
        }
        ClassDesc ret = switch (result) {
            case 'V' -> ConstantDescs.CD_void;
            case 'J' -> ConstantDescs.CD_long;
            default -> ConstantDescs.CD_Object;
        };
        cb.invokestatic(Descs.BULK_OPS, name, MethodTypeDesc.of(ret, ps));
        if (result != 'V') {
            fc.push(result);
        }
    }
}
