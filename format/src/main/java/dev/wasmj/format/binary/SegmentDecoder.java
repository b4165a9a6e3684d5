package dev.wasmj.format.binary;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Feature;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes element and data segments and finds the extent of constant expressions, which stay
 * {@link Bytes} slices of the module (instructions included up to and including the final
 * {@code end}; the validator checks what they contain).
 */
final class SegmentDecoder {
    /** The element type of element segments with flags 0..3. */
    static final int REF_FUNC = ValType.ref(false, HeapType.FUNC);

    private final byte[] bytes;
    private final WasmReader in;
    private final TypeDecoder types;
    private final FeatureGate gate;
    private final CodeReader code;

    SegmentDecoder(byte[] bytes, WasmReader in, TypeDecoder types, FeatureGate gate) {
        this.bytes = bytes;
        this.in = in;
        this.types = types;
        this.gate = gate;
        this.code = new CodeReader(bytes, 0, bytes.length);
        code.reader().inSections();
    }

    /**
     * A constant expression starting at the current position; its instructions may not run past
     * {@code limit} (the end of the enclosing section).
     */
    Bytes constExpr(int limit) {
        int start = in.pos();
        code.reader().limit(Math.max(start, Math.min(limit, bytes.length)));
        code.pos(start);
        int end = code.skipToEnd();
        in.pos(end);
        return new Bytes(bytes, start, end);
    }

    /**
     * An element segment. Its flags (a u32) say: bit 0, passive or declarative; bit 1, an explicit
     * table index (active) or declarative (with bit 0); bit 2, elements as expressions with a
     * reference type instead of function indices with an element kind.
     */
    ElementSegment element(int sectionEnd) {
        int at = in.pos();
        int flags = in.u32();
        if (flags < 0 || flags > 7) {
            throw in.error("malformed elements segment kind", at);
        }
        if (flags != 0) {
            gate.require(Feature.BULK_MEMORY, "element segment kind " + flags, at);
        }
        SegmentMode mode = (flags & 1) == 0 ? SegmentMode.ACTIVE
                : (flags & 2) != 0 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = 0;
        Bytes offset = null;
        if (mode == SegmentMode.ACTIVE) {
            if ((flags & 2) != 0) {
                table = in.u32Index();
            }
            offset = constExpr(sectionEnd);
        }
        if ((flags & 4) == 0) {
            if ((flags & 3) != 0) {
                int kindAt = in.pos();
                if (in.u8() != 0x00) {
                    throw in.error("malformed element kind", kindAt);
                }
            }
            int n = in.len32();
            int[] funcs = new int[n];
            for (int i = 0; i < n; i++) {
                funcs[i] = in.u32Index();
            }
            return new ElementSegment(mode, table, offset, REF_FUNC, funcs, null);
        }
        int type = (flags & 3) != 0 ? types.refType() : ValType.FUNCREF;
        int n = in.len32();
        List<Bytes> exprs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            exprs.add(constExpr(sectionEnd));
        }
        return new ElementSegment(mode, table, offset, type, null, exprs);
    }

    /** A data segment: flags 0 (active, memory 0), 1 (passive) or 2 (active, explicit memory). */
    DataSegment data(int sectionEnd) {
        int at = in.pos();
        int flags = in.u32();
        SegmentMode mode;
        int memory = 0;
        Bytes offset = null;
        switch (flags) {
            case 0 -> {
                mode = SegmentMode.ACTIVE;
                offset = constExpr(sectionEnd);
            }
            case 1 -> {
                gate.require(Feature.BULK_MEMORY, "passive data segment", at);
                mode = SegmentMode.PASSIVE;
            }
            case 2 -> {
                gate.require(Feature.BULK_MEMORY, "data segment with a memory index", at);
                mode = SegmentMode.ACTIVE;
                memory = in.u32Index();
                offset = constExpr(sectionEnd);
            }
            default -> throw in.error("malformed data segment kind", at);
        }
        int n = in.len32();
        int start = in.skip(n);
        return new DataSegment(mode, memory, offset, new Bytes(bytes, start, start + n));
    }
}
