package dev.wasmj.format.validate;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.WasmWriter;

/** Writes instruction bytes for tests: opcodes and their immediates, in binary order. */
final class Code {
    private final WasmWriter w = new WasmWriter();

    Code op(Opcode op) {
        if (op.prefix() != 0) {
            w.u8(op.prefix()).u32(op.code());
        } else {
            w.u8(op.code());
        }
        return this;
    }

    /** An opcode followed by u32 immediates. */
    Code op(Opcode op, int... immediates) {
        op(op);
        for (int i : immediates) {
            w.u32(i);
        }
        return this;
    }

    Code i32(int v) {
        op(Opcode.I32_CONST);
        w.s32(v);
        return this;
    }

    Code i64(long v) {
        op(Opcode.I64_CONST);
        w.s64(v);
        return this;
    }

    Code u8(int b) {
        w.u8(b);
        return this;
    }

    Code u32(int v) {
        w.u32(v);
        return this;
    }

    Code valType(int t) {
        w.valType(t);
        return this;
    }

    Code heapType(int h) {
        w.heapType(h);
        return this;
    }

    /** block/loop/if with a value type (or 0x40 for none). */
    Code block(Opcode op, int blockType) {
        op(op);
        if (blockType == 0x40) {
            w.u8(0x40);
        } else {
            w.valType(blockType);
        }
        return this;
    }

    /** block/loop/if with a type index. */
    Code blockIndex(Opcode op, int typeIndex) {
        op(op);
        w.s64(typeIndex);
        return this;
    }

    /** A memory instruction with alignment (log2) and offset. */
    Code mem(Opcode op, int align, long offset) {
        op(op);
        w.u32(align);
        w.u64(offset);
        return this;
    }

    Code end() {
        return op(Opcode.END);
    }

    Bytes bytes() {
        return Bytes.of(w.toByteArray());
    }
}
