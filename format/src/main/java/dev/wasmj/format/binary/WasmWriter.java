package dev.wasmj.format.binary;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.ValType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes the primitive encodings of the binary format: minimal LEB128
 * integers, little-endian floats, names, value and heap types. Used by the encoder and by the text
 * parser to produce instruction bytes.
 */
public final class WasmWriter {
    private byte[] buf;
    private int size;

    public WasmWriter() {
        this(64);
    }

    public WasmWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    /** Forgets everything written, keeping the buffer. */
    public void reset() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public WasmWriter u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public WasmWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WasmWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public WasmWriter bytes(Bytes b) {
        return bytes(b.array(), b.start(), b.length());
    }

    /** Appends everything another writer holds. */
    public WasmWriter append(WasmWriter other) {
        return bytes(other.buf, 0, other.size);
    }

    /** An unsigned LEB128 of a u32 (given as an int, read unsigned). */
    public WasmWriter u32(int v) {
        return u64(Integer.toUnsignedLong(v));
    }

    /** An unsigned LEB128 of a u64 (given as a long, read unsigned). */
    public WasmWriter u64(long v) {
        ensure(10);
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            if (v != 0) {
                b |= 0x80;
            }
            buf[size++] = (byte) b;
        } while (v != 0);
        return this;
    }

    /** A signed LEB128 (s32, s33 or s64: the value decides the length). */
    public WasmWriter s64(long v) {
        ensure(10);
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (!done) {
                b |= 0x80;
            }
            buf[size++] = (byte) b;
            if (done) {
                return this;
            }
        }
    }

    public WasmWriter s32(int v) {
        return s64(v);
    }

    /** Four little-endian bytes. */
    public WasmWriter i32le(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    /** Eight little-endian bytes. */
    public WasmWriter i64le(long v) {
        i32le((int) v);
        return i32le((int) (v >>> 32));
    }

    /** A name: u32 length and UTF-8 bytes. */
    public WasmWriter name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** A heap type: an abstract type's byte, or a type index as s33 (after 0x62 when exact). */
    public WasmWriter heapType(int heapType) {
        if (HeapType.isAbstract(heapType)) {
            return u8(HeapType.code(heapType));
        }
        if (HeapType.isExact(heapType)) {
            u8(0x62);
        }
        return s64(HeapType.typeIndex(heapType));
    }

    /**
     * A value or storage type in its shortest form: number/vector/packed bytes, the one-byte
     * abbreviations of nullable abstract references, else 0x63/0x64 and the heap type.
     */
    public WasmWriter valType(int type) {
        if (!ValType.isRef(type)) {
            return u8(type);
        }
        int heap = ValType.heapType(type);
        boolean nullable = ValType.isNullable(type);
        if (nullable && HeapType.isAbstract(heap)) {
            return u8(HeapType.code(heap));
        }
        u8(nullable ? 0x63 : 0x64);
        return heapType(heap);
    }

    /**
     * A function body's local declarations: their number, then each one's count and type. Their
     * size is a {@link dev.wasmj.format.FunctionBody#localsSize()} of a body this writer encodes.
     */
    public WasmWriter locals(int[] counts, int[] types) {
        u32(counts.length);
        for (int i = 0; i < counts.length; i++) {
            u32(counts[i]).valType(types[i]);
        }
        return this;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The bytes written, as a slice of the internal buffer (valid until the next write). */
    public Bytes view() {
        return new Bytes(buf, 0, size);
    }
}
