package dev.wasmj.format.text;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.WasmWriter;

/**
 * Reads the immediate operands of a plain (non-block) instruction in text form and writes the
 * instruction's binary encoding: opcode, then immediates in binary order.
 */
final class ImmediateParser {
    private final ModuleContext m;
    private final TokenCursor c;
    private final Tokens tokens;
    private final TypeParser types;
    private final Labels labels;
    private final byte[] v128 = new byte[16];
    /** The locals of the function being parsed (empty in constant expressions). */
    IndexSpace locals;
    /** Whether an instruction named a data segment (the binary format then needs a data count). */
    boolean usesDataCount;

    ImmediateParser(ModuleContext m, TokenCursor c, TypeParser types, Labels labels) {
        this.m = m;
        this.c = c;
        this.tokens = c.tokens;
        this.types = types;
        this.labels = labels;
    }

    static void opcode(Opcode op, WasmWriter w) {
        if (op.prefix() == 0) {
            w.u8(op.code());
        } else {
            w.u8(op.prefix());
            w.u32(op.code());
        }
    }

    /** Reads the immediates of {@code op} (its keyword consumed) and writes the whole instruction. */
    void instruction(Opcode op, WasmWriter w) {
        switch (op) {
            case SELECT -> {
                if (c.peekParenKeyword("result")) {
                    IntList ts = new IntList();
                    types.results(ts);
                    opcode(Opcode.SELECT_T, w);
                    w.u32(ts.size());
                    for (int i = 0; i < ts.size(); i++) {
                        w.valType(ts.get(i));
                    }
                } else {
                    opcode(op, w);
                }
                return;
            }
            case REF_TEST, REF_TEST_NULL -> {
                refTypeOperand(Opcode.REF_TEST, Opcode.REF_TEST_NULL, w);
                return;
            }
            case REF_CAST, REF_CAST_NULL -> {
                refTypeOperand(Opcode.REF_CAST, Opcode.REF_CAST_NULL, w);
                return;
            }
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> {
                refTypeOperand(Opcode.REF_CAST_DESC_EQ, Opcode.REF_CAST_DESC_EQ_NULL, w);
                return;
            }
            default -> { }
        }
        opcode(op, w);
        switch (op.imm()) {
            case NONE -> { }
            case LABEL -> w.u32(labels.read(c));
            case BR_TABLE -> brTable(w);
            case FUNC -> w.u32(m.funcs.read(c));
            case CALL_INDIRECT -> {
                int table = IndexSpace.peekIndex(c) ? m.tables.read(c) : 0;
                w.u32(types.typeUse(null));
                w.u32(table);
            }
            case TYPE -> w.u32(m.types.read(c));
            case LOCAL -> w.u32(locals.read(c));
            case GLOBAL -> w.u32(m.globals.read(c));
            case TABLE -> w.u32(optional(m.tables));
            case MEMORY -> w.u32(optional(m.memories));
            case MEMARG -> memarg(op, optional(m.memories), w);
            case MEMARG_LANE -> {
                int memory = 0;
                if (c.peek() == Tokens.ID || c.peek() == Tokens.NAT && memargFollows(c.after(c.pos()))) {
                    memory = m.memories.read(c);
                }
                memarg(op, memory, w);
                w.u8(lane(false));
            }
            case I32 -> w.s32(Literals.i32(c));
            case I64 -> w.s64(Literals.i64(c));
            case F32 -> w.i32le(Literals.f32(c));
            case F64 -> w.i64le(Literals.f64(c));
            case V128 -> {
                Literals.v128(c, v128);
                w.bytes(v128);
            }
            case LANE -> w.u8(lane(false));
            case SHUFFLE -> shuffle(w);
            case HEAP_TYPE -> w.heapType(types.heapType());
            case TYPE_FIELD -> {
                int type = m.types.read(c);
                w.u32(type);
                w.u32(m.field(type, c));
            }
            case TYPE_TYPE -> {
                w.u32(m.types.read(c));
                w.u32(m.types.read(c));
            }
            case TYPE_COUNT -> {
                w.u32(m.types.read(c));
                w.u32((int) Literals.unsigned(c, 32, "constant out of range"));
            }
            case TYPE_DATA -> {
                usesDataCount = true;
                w.u32(m.types.read(c));
                w.u32(m.datas.read(c));
            }
            case TYPE_ELEM -> {
                w.u32(m.types.read(c));
                w.u32(m.elems.read(c));
            }
            case MEMORY_MEMORY -> {
                if (IndexSpace.peekIndex(c)) {
                    w.u32(m.memories.read(c));
                    w.u32(m.memories.read(c));
                } else {
                    w.u32(0);
                    w.u32(0);
                }
            }
            case DATA_MEMORY -> {
                usesDataCount = true;
                int memory = 0;
                if (twoIndices()) {
                    memory = m.memories.read(c);
                }
                w.u32(m.datas.read(c));
                w.u32(memory);
            }
            case DATA -> {
                usesDataCount = true;
                w.u32(m.datas.read(c));
            }
            case ELEM -> w.u32(m.elems.read(c));
            case ELEM_TABLE -> {
                int table = 0;
                if (twoIndices()) {
                    table = m.tables.read(c);
                }
                w.u32(m.elems.read(c));
                w.u32(table);
            }
            case TABLE_TABLE -> {
                if (IndexSpace.peekIndex(c)) {
                    w.u32(m.tables.read(c));
                    w.u32(m.tables.read(c));
                } else {
                    w.u32(0);
                    w.u32(0);
                }
            }
            case TAG -> w.u32(m.tags.read(c));
            case BR_ON_CAST -> {
                int label = labels.read(c);
                int from = types.refType();
                int to = types.refType();
                w.u8((ValType.isNullable(from) ? 1 : 0) | (ValType.isNullable(to) ? 2 : 0));
                w.u32(label);
                w.heapType(ValType.heapType(from));
                w.heapType(ValType.heapType(to));
            }
            case ZERO_BYTE -> w.u8(0);
            case SELECT_TYPES, BLOCK_TYPE, TRY_TABLE -> throw new IllegalStateException(op.toString());
        }
    }

    /** {@code ref.test}/{@code ref.cast} style: a reference type whose nullability picks the opcode. */
    private void refTypeOperand(Opcode nonNull, Opcode nullable, WasmWriter w) {
        int t = types.refType();
        opcode(ValType.isNullable(t) ? nullable : nonNull, w);
        w.heapType(ValType.heapType(t));
    }

    private int optional(IndexSpace space) {
        return IndexSpace.peekIndex(c) ? space.read(c) : 0;
    }

    /** Whether two indices come next (the first then belongs to the optional leading index). */
    private boolean twoIndices() {
        int p = c.pos();
        byte k = c.kindAt(p);
        if (k != Tokens.NAT && k != Tokens.ID) {
            return false;
        }
        byte k2 = c.kindAt(c.after(p));
        return k2 == Tokens.NAT || k2 == Tokens.ID;
    }

    /** Whether token {@code p} continues a memarg after a leading index (a lane, offset= or align=). */
    private boolean memargFollows(int p) {
        byte k = c.kindAt(p);
        if (k == Tokens.NAT) {
            return true;
        }
        return k == Tokens.KEYWORD && (tokens.source().startsWith("offset=", tokens.start(p))
                || tokens.source().startsWith("align=", tokens.start(p)));
    }

    private void brTable(WasmWriter w) {
        IntList targets = new IntList();
        while (IndexSpace.peekIndex(c)) {
            targets.add(labels.read(c));
        }
        if (targets.isEmpty()) {
            throw c.unexpected();
        }
        w.u32(targets.size() - 1);
        for (int i = 0; i < targets.size(); i++) {
            w.u32(targets.get(i));
        }
    }

    /** {@code offset=n? align=n?} after the optional memory index. */
    private void memarg(Opcode op, int memory, WasmWriter w) {
        long offset = 0;
        int alignLog2 = op.align();
        if (c.peek() == Tokens.KEYWORD && tokens.source().startsWith("offset=", tokens.start(c.pos()))) {
            offset = keywordNumber(c.next(), 7);
        }
        if (c.peek() == Tokens.KEYWORD && tokens.source().startsWith("align=", tokens.start(c.pos()))) {
            int t = c.next();
            long align = keywordNumber(t, 6);
            if (align == 0 || (align & (align - 1)) != 0) {
                throw c.errorAt(t, "alignment must be a power of two");
            }
            alignLog2 = Long.numberOfTrailingZeros(align);
        }
        if (memory != 0) {
            w.u32(alignLog2 | 0x40);
            w.u32(memory);
        } else {
            w.u32(alignLog2);
        }
        w.u64(offset);
    }

    /** The u64 after {@code offset=} or {@code align=} in keyword token {@code t}. */
    private long keywordNumber(int t, int prefix) {
        String src = tokens.source();
        int from = tokens.start(t) + prefix;
        int to = tokens.end(t);
        if (from >= to || NumberLiterals.classify(src, from, to) != Tokens.NAT) {
            throw c.errorAt(t, "unknown operator " + tokens.text(t));
        }
        try {
            return NumberLiterals.unsigned(src, from, to, 64);
        } catch (NumberLiterals.OutOfRange e) {
            throw c.errorAt(t, "constant out of range");
        }
    }

    /**
     * A lane index: a u8 ("i8 constant out of range" if too large). Other numbers are unexpected,
     * except in a shuffle, where they are out of range.
     */
    private int lane(boolean shuffle) {
        byte k = c.peek();
        if (k != Tokens.NAT && !(shuffle && Literals.isNumber(k))) {
            throw c.unexpected();
        }
        int t = c.next();
        if (k != Tokens.NAT) {
            throw c.errorAt(t, "i8 constant out of range");
        }
        return (int) Literals.unsignedAt(c, t, 8, "i8 constant out of range");
    }

    private void shuffle(WasmWriter w) {
        int n = 0;
        for (int p = c.pos(); Literals.isNumber(c.kindAt(p)); p = c.after(p)) {
            n++;
        }
        if (n != 16) {
            throw c.error("invalid lane length");
        }
        for (int i = 0; i < 16; i++) {
            w.u8(lane(true));
        }
    }
}
