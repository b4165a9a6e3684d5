package dev.wasmj.format.binary;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.DeclarationOffsets;
import dev.wasmj.format.Feature;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the types of the binary format (recursion groups, value types, table, memory, global
 * and tag types) with feature gating, from a {@link WasmReader} positioned in a section.
 */
final class TypeDecoder {
    static final int REC = 0x4E;
    static final int SUB = 0x50;
    static final int SUB_FINAL = 0x4F;
    static final int DESCRIBES = 0x4C;
    static final int DESCRIPTOR = 0x4D;
    static final int FUNC = 0x60;
    static final int STRUCT = 0x5F;
    static final int ARRAY = 0x5E;

    /** Limits flag bits. */
    static final int HAS_MAX = 0x01, SHARED = 0x02, IS_64 = 0x04, PAGE_SIZE = 0x08;

    private static final int[] NO_TYPES = new int[0];

    private final WasmReader in;
    private final FeatureGate gate;

    TypeDecoder(WasmReader in, FeatureGate gate) {
        this.in = in;
        this.gate = gate;
    }

    /** One entry of the type section: a {@code rec} group or a single subtype (a group of one). */
    RecGroup recGroup(DeclarationOffsets.Builder offsets) {
        if (in.peek() == REC) {
            gate.require(Feature.GC, "recursion group", in.pos());
            in.u8();
            int n = in.len32();
            List<SubType> types = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                offsets.add(DeclarationOffsets.Kind.TYPE, in.pos());
                types.add(subType());
            }
            return new RecGroup(types);
        }
        offsets.add(DeclarationOffsets.Kind.TYPE, in.pos());
        return new RecGroup(List.of(subType()));
    }

    private SubType subType() {
        int b = in.peek();
        boolean isFinal = true;
        int[] supertypes = NO_TYPES;
        if (b == SUB || b == SUB_FINAL) {
            gate.require(Feature.GC, "subtype declaration", in.pos());
            in.u8();
            isFinal = b == SUB_FINAL;
            int n = in.len32();
            supertypes = new int[n];
            for (int i = 0; i < n; i++) {
                supertypes[i] = in.u32();
            }
        }
        int describes = -1;
        int descriptor = -1;
        if (in.peek() == DESCRIBES) {
            gate.require(Feature.CUSTOM_DESCRIPTORS, "describes clause", in.pos());
            in.u8();
            describes = in.u32();
        }
        if (in.peek() == DESCRIPTOR) {
            gate.require(Feature.CUSTOM_DESCRIPTORS, "descriptor clause", in.pos());
            in.u8();
            descriptor = in.u32();
        }
        return new SubType(isFinal, supertypes, compositeType(), describes, descriptor);
    }

    private CompositeType compositeType() {
        int at = in.pos();
        int b = in.u8();
        switch (b) {
            case FUNC -> {
                int[] params = resultType();
                int resultsAt = in.pos();
                int[] results = resultType();
                if (results.length > 1) {
                    gate.require(Feature.MULTI_VALUE, "multiple results", resultsAt);
                }
                return new FuncType(params, results);
            }
            case STRUCT -> {
                gate.require(Feature.GC, "struct type", at);
                int n = in.len32();
                List<FieldType> fields = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    fields.add(fieldType());
                }
                return new StructType(fields);
            }
            case ARRAY -> {
                gate.require(Feature.GC, "array type", at);
                return new ArrayType(fieldType());
            }
            default -> {
                // the reference interpreter reads this byte as an s7 LEB128
                throw in.error((b & 0x80) != 0 ? "integer representation too long" : "malformed definition type", at);
            }
        }
    }

    private int[] resultType() {
        int n = in.len32();
        if (n == 0) {
            return NO_TYPES;
        }
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = valType();
        }
        return types;
    }

    private FieldType fieldType() {
        int type = storageType();
        return new FieldType(type, mutability());
    }

    /**
     * A storage type. As in the reference interpreter, any malformation of it is reported as
     * "malformed storage type" (unless the input ends).
     */
    private int storageType() {
        int at = in.pos();
        int type;
        try {
            type = in.storageType();
        } catch (MalformedException e) {
            in.pos(at);
            in.u8(); // "unexpected end" wins when there is nothing to read at all
            throw in.error("malformed storage type", at);
        }
        gate.requireValType(type, at);
        return type;
    }

    /** A value type, gated by the proposals that introduced it. */
    int valType() {
        int at = in.pos();
        int type = in.valType();
        gate.requireValType(type, at);
        return type;
    }

    /** A reference type; {@code funcref} needs no feature here (table and element types). */
    int refType() {
        int at = in.pos();
        int type = in.refType();
        gate.requireRefType(type, at, false);
        return type;
    }

    boolean mutability() {
        int at = in.pos();
        int b = in.u8();
        if (b > 1) {
            throw in.error("malformed mutability", at);
        }
        return b == 1;
    }

    GlobalType globalType() {
        int type = valType();
        return new GlobalType(type, mutability());
    }

    TableType tableType() {
        int type = refType();
        int at = in.pos();
        int flags = in.u8();
        if ((flags & ~(HAS_MAX | IS_64)) != 0) {
            throw in.error("malformed limits flags", at);
        }
        if ((flags & IS_64) != 0) {
            gate.require(Feature.MEMORY64, "64-bit table", at);
        }
        return new TableType(type, limits(flags), (flags & IS_64) != 0);
    }

    MemoryType memoryType() {
        int at = in.pos();
        int flags = in.u8();
        if ((flags & ~(HAS_MAX | SHARED | IS_64 | PAGE_SIZE)) != 0) {
            throw in.error("malformed limits flags", at);
        }
        if ((flags & SHARED) != 0) {
            gate.require(Feature.THREADS, "malformed limits flags: shared memory", at);
        }
        if ((flags & IS_64) != 0) {
            gate.require(Feature.MEMORY64, "64-bit memory", at);
        }
        if ((flags & PAGE_SIZE) != 0) {
            gate.require(Feature.CUSTOM_PAGE_SIZES, "malformed limits flags: custom page size", at);
        }
        Limits limits = limits(flags);
        int pageSizeLog2 = MemoryType.DEFAULT_PAGE_SIZE_LOG2;
        if ((flags & PAGE_SIZE) != 0) {
            int p = in.pos();
            pageSizeLog2 = in.u32();
            // the page size is 2^pageSizeLog2 bytes and must fit a u64
            if (Integer.compareUnsigned(pageSizeLog2, 64) >= 0) {
                throw in.error("invalid custom page size", p);
            }
        }
        return new MemoryType(limits, (flags & IS_64) != 0, (flags & SHARED) != 0, pageSizeLog2);
    }

    /** Minimum and optional maximum, both u64 whatever the address type (the validator bounds them). */
    private Limits limits(int flags) {
        long min = in.u64();
        if ((flags & HAS_MAX) != 0) {
            return Limits.of(min, in.u64());
        }
        return Limits.of(min);
    }

    TagType tagType() {
        int at = in.pos();
        if (in.u8() != 0) {
            throw in.error("zero byte expected", at);
        }
        return new TagType(in.u32());
    }
}
