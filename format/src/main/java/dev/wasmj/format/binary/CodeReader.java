package dev.wasmj.format.binary;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.Opcode;

/**
 * Decodes instructions one at a time from a function body or constant expression, without
 * allocating: each call to {@link #next()} returns the {@link Opcode} and leaves its immediates
 * in this reader's fields, valid until the next call.
 *
 * <p>Which fields an instruction sets depends on its {@link Opcode.Imm}:
 * <ul>
 *   <li>{@code BLOCK_TYPE}, {@code TRY_TABLE}: {@link #blockType}; try_table also the catch arrays.</li>
 *   <li>{@code LABEL}, {@code FUNC}, {@code TYPE}, {@code LOCAL}, {@code GLOBAL}, {@code TABLE},
 *       {@code MEMORY}, {@code DATA}, {@code ELEM}, {@code TAG}, {@code LANE}, {@code HEAP_TYPE}: {@link #a}.</li>
 *   <li>Two indices ({@code CALL_INDIRECT}: type, table; {@code TYPE_FIELD}; {@code TYPE_TYPE};
 *       {@code TYPE_COUNT}; {@code TYPE_DATA}; {@code TYPE_ELEM}; {@code MEMORY_MEMORY};
 *       {@code DATA_MEMORY}: data, memory; {@code ELEM_TABLE}: elem, table; {@code TABLE_TABLE}):
 *       {@link #a}, {@link #b} in binary order.</li>
 *   <li>{@code BR_TABLE}: {@link #labels}[0..{@link #labelCount}) and the default in {@link #a}.</li>
 *   <li>{@code MEMARG}: {@link #align} (log2), {@link #memory}, {@link #offset}; {@code MEMARG_LANE}
 *       also the lane in {@link #a}.</li>
 *   <li>{@code I32}, {@code F32}: {@link #i32} (f32 as raw bits); {@code I64}, {@code F64}:
 *       {@link #i64} (f64 as raw bits); {@code V128}: {@link #v128Low}, {@link #v128High};
 *       {@code SHUFFLE}: {@link #lanes}.</li>
 *   <li>{@code SELECT_TYPES}: {@link #types}[0..{@link #typeCount}).</li>
 *   <li>{@code BR_ON_CAST}: flags in {@link #c}, label in {@link #a}, heap types in
 *       {@link #ht1}, {@link #ht2}.</li>
 * </ul>
 * Heap types are {@link dev.wasmj.format.HeapType} ints; block types are {@link #BLOCK_EMPTY},
 * a {@link dev.wasmj.format.ValType}, or {@code ~typeIndex} (negative).
 */
public final class CodeReader {
    /** The block type of a block with no parameters and no results. */
    public static final int BLOCK_EMPTY = 0x40;

    /** try_table catch clause kinds. */
    public static final int CATCH = 0, CATCH_REF = 1, CATCH_ALL = 2, CATCH_ALL_REF = 3;

    private final WasmReader in;

    /** The offset of the current instruction's first byte. */
    public int start;
    public int a;
    public int b;
    public int c;
    public int blockType;
    public int align;
    public int memory;
    public long offset;
    public int i32;
    public long i64;
    public long v128Low;
    public long v128High;
    public int ht1;
    public int ht2;
    public final byte[] lanes = new byte[16];
    public int[] labels = new int[8];
    public int labelCount;
    public int[] types = new int[4];
    public int typeCount;
    public int[] catchKinds = new int[4];
    public int[] catchTags = new int[4];
    public int[] catchLabels = new int[4];
    public int catchCount;

    public CodeReader(byte[] buf, int start, int end) {
        this.in = new WasmReader(buf, start, end);
    }

    public CodeReader(Bytes code) {
        this(code.array(), code.start(), code.end());
    }

    /** Restarts reading at the beginning of {@code code}. */
    public static CodeReader of(Bytes code) {
        return new CodeReader(code);
    }

    public int pos() {
        return in.pos();
    }

    public void pos(int pos) {
        in.pos(pos);
    }

    public boolean atEnd() {
        return in.atEnd();
    }

    /** The underlying reader, for the few callers that decode more than instructions. */
    public WasmReader reader() {
        return in;
    }

    /** Reads the next instruction and its immediates. */
    public Opcode next() {
        start = in.pos();
        int byte0 = in.u8();
        Opcode op;
        if (byte0 >= Opcode.PREFIX_GC && byte0 <= Opcode.PREFIX_THREADS) {
            int sub = in.u32();
            op = Opcode.prefixed(byte0, sub);
            if (op == null) {
                throw new MalformedException("illegal opcode " + Integer.toHexString(byte0) + " "
                        + Integer.toHexString(sub), start);
            }
        } else {
            op = Opcode.single(byte0);
            if (op == null) {
                throw new MalformedException("illegal opcode " + Integer.toHexString(byte0), start);
            }
        }
        readImmediates(op);
        return op;
    }

    private void readImmediates(Opcode op) {
        switch (op.imm()) {
            case NONE -> { }
            case BLOCK_TYPE -> blockType = readBlockType();
            case LABEL, FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, DATA, ELEM, TAG -> a = in.u32();
            case CALL_INDIRECT, TYPE_FIELD, TYPE_TYPE, TYPE_COUNT, TYPE_DATA, TYPE_ELEM, MEMORY_MEMORY,
                 DATA_MEMORY, ELEM_TABLE, TABLE_TABLE -> {
                a = in.u32();
                b = in.u32();
            }
            case BR_TABLE -> readBrTable();
            case MEMARG -> readMemarg();
            case MEMARG_LANE -> {
                readMemarg();
                a = in.u8();
            }
            case I32 -> i32 = in.s32();
            case I64 -> i64 = in.s64();
            case F32 -> i32 = in.i32le();
            case F64 -> i64 = in.i64le();
            case V128 -> {
                v128Low = in.i64le();
                v128High = in.i64le();
            }
            case LANE -> a = in.u8();
            case SHUFFLE -> {
                int at = in.skip(16);
                System.arraycopy(in.buffer(), at, lanes, 0, 16);
            }
            case HEAP_TYPE -> a = in.heapType();
            case SELECT_TYPES -> readSelectTypes();
            case TRY_TABLE -> readTryTable();
            case BR_ON_CAST -> {
                c = in.u8();
                a = in.u32();
                ht1 = in.heapType();
                ht2 = in.heapType();
            }
            case ZERO_BYTE -> {
                if (in.u8() != 0) {
                    throw new MalformedException("zero byte expected", in.pos() - 1);
                }
            }
        }
    }

    private int readBlockType() {
        int first = in.peek();
        if (first == BLOCK_EMPTY) {
            in.u8();
            return BLOCK_EMPTY;
        }
        if (first >= 0x40 && first < 0x80) {
            // a one-byte negative s33: a value type (or the start of a reference type)
            return in.valType();
        }
        int at = in.pos();
        long idx = in.s33();
        if (idx < 0 || idx > Integer.MAX_VALUE) {
            throw new MalformedException("malformed block type", at);
        }
        return ~(int) idx;
    }

    private void readBrTable() {
        int n = in.u32Index();
        if (n > in.remaining()) {
            throw new MalformedException("unexpected end", in.pos());
        }
        if (labels.length < n) {
            labels = new int[Math.max(n, labels.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            labels[i] = in.u32();
        }
        labelCount = n;
        a = in.u32();
    }

    private void readMemarg() {
        int at = in.pos();
        int flags = in.u32();
        if (flags < 0 || flags >= 128) {
            throw new MalformedException("malformed memop flags", at);
        }
        if ((flags & 0x40) != 0) {
            align = flags & 0x3F;
            memory = in.u32();
        } else {
            align = flags;
            memory = 0;
        }
        offset = in.u64();
    }

    private void readSelectTypes() {
        int n = in.u32Index();
        if (n > in.remaining()) {
            throw new MalformedException("unexpected end", in.pos());
        }
        if (types.length < n) {
            types = new int[Math.max(n, types.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            types[i] = in.valType();
        }
        typeCount = n;
    }

    private void readTryTable() {
        blockType = readBlockType();
        int n = in.u32Index();
        if (n > in.remaining()) {
            throw new MalformedException("unexpected end", in.pos());
        }
        if (catchKinds.length < n) {
            int size = Math.max(n, catchKinds.length * 2);
            catchKinds = new int[size];
            catchTags = new int[size];
            catchLabels = new int[size];
        }
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            int kind = in.u8();
            if (kind > CATCH_ALL_REF) {
                throw new MalformedException("malformed catch clause", at);
            }
            catchKinds[i] = kind;
            catchTags[i] = kind <= CATCH_REF ? in.u32() : -1;
            catchLabels[i] = in.u32();
        }
        catchCount = n;
    }

    /**
     * Skips a constant expression or body starting at the current position up to and including
     * the {@code end} that closes it, returning the position after it. Fails with "unexpected
     * end" if the region ends first.
     */
    public int skipToEnd() {
        int depth = 0;
        while (true) {
            Opcode op = next();
            switch (op) {
                case BLOCK, LOOP, IF, TRY, TRY_TABLE -> depth++;
                case END -> {
                    if (depth == 0) {
                        return in.pos();
                    }
                    depth--;
                }
                case DELEGATE -> {
                    if (depth == 0) {
                        throw new MalformedException("END opcode expected", start);
                    }
                    depth--;
                }
                case ELSE -> {
                    if (depth == 0) {
                        throw new MalformedException("END opcode expected", start);
                    }
                }
                default -> { }
            }
        }
    }
}
