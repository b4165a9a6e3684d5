package dev.wasmj.wasi.internal;

import dev.wasmj.Caller;
import dev.wasmj.Extern;
import dev.wasmj.Instance;
import dev.wasmj.Memory;
import dev.wasmj.SharedMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The calling instance's exported {@code "memory"} during one WASI call, with every guest pointer
 * and length bounds-checked as unsigned 32-bit numbers: a range outside the memory fails with
 * {@code EFAULT}. Values are little-endian; pointers need not be aligned (wasi-libc never relies
 * on alignment faults, so misaligned structs are accepted rather than refused with EINVAL).
 *
 * <p>The memory is looked up on first use and then kept for the call (memory cannot grow while
 * the host function runs); the export itself is remembered per calling instance in a
 * {@link Cache}, so a call does not search the exports by name. A caller that exports no memory
 * sees a memory of 0 bytes: every access of at least one byte is {@code EFAULT}.
 */
public final class GuestMemory {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The memory export of the instance that called last (one per context). */
    public static final class Cache {
        private Instance instance;
        private Extern memory;
    }

    private final Caller<?> caller;
    private final Cache cache;
    private MemorySegment segment;

    public GuestMemory(Caller<?> caller, Cache cache) {
        this.caller = caller;
        this.cache = cache;
    }

    /** The memory's bytes. */
    public MemorySegment segment() {
        MemorySegment s = segment;
        if (s == null) {
            s = segment = lookUp();
        }
        return s;
    }

    private MemorySegment lookUp() {
        Instance instance = caller.instance().orElse(null);
        if (instance == null) {
            return MemorySegment.NULL;
        }
        if (!instance.equals(cache.instance)) {
            cache.memory = instance.export("memory").orElse(null);
            cache.instance = instance;
        }
        return switch (cache.memory) {
            case Memory m -> m.data();
            case SharedMemory m -> m.data();
            case null, default -> MemorySegment.NULL;
        };
    }

    /**
     * Checks that {@code length} bytes at {@code ptr} (both unsigned 32-bit; length may be a
     * long for computed sizes) are inside the memory and returns the offset.
     */
    public long check(int ptr, long length) throws ErrnoException {
        long offset = Integer.toUnsignedLong(ptr);
        long size = segment().byteSize();
        if (length < 0 || offset > size || length > size - offset) {
            throw new ErrnoException(Errno.FAULT, length + " bytes at " + offset + " of a memory of " + size);
        }
        return offset;
    }

    public int u8(int ptr) throws ErrnoException {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, check(ptr, 1)));
    }

    public int u16(int ptr) throws ErrnoException {
        return Short.toUnsignedInt(segment.get(U16, check(ptr, 2)));
    }

    public int i32(int ptr) throws ErrnoException {
        return segment.get(U32, check(ptr, 4));
    }

    public long i64(int ptr) throws ErrnoException {
        return segment.get(U64, check(ptr, 8));
    }

    public void putU8(int ptr, int value) throws ErrnoException {
        segment.set(ValueLayout.JAVA_BYTE, check(ptr, 1), (byte) value);
    }

    public void putU16(int ptr, int value) throws ErrnoException {
        segment.set(U16, check(ptr, 2), (short) value);
    }

    public void putI32(int ptr, int value) throws ErrnoException {
        segment.set(U32, check(ptr, 4), value);
    }

    public void putI64(int ptr, long value) throws ErrnoException {
        segment.set(U64, check(ptr, 8), value);
    }

    /** Zeroes {@code length} bytes at {@code ptr}. */
    public void zero(int ptr, long length) throws ErrnoException {
        segment.asSlice(check(ptr, length), length).fill((byte) 0);
    }

    /** A copy of {@code length} bytes at {@code ptr}. */
    public byte[] bytes(int ptr, int length) throws ErrnoException {
        long len = Integer.toUnsignedLong(length);
        long offset = check(ptr, len);
        return segment.asSlice(offset, len).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Copies {@code src} to {@code ptr}. */
    public void write(int ptr, byte[] src, int srcOffset, int length) throws ErrnoException {
        MemorySegment.copy(src, srcOffset, segment, ValueLayout.JAVA_BYTE, check(ptr, length), length);
    }

    /**
     * A byte buffer over {@code length} bytes at {@code ptr}, reading and writing the guest's memory
     * directly; at most {@link Integer#MAX_VALUE} bytes (a longer range gives a shorter buffer,
     * which reads and writes treat as a partial transfer).
     */
    public ByteBuffer buffer(int ptr, long length) throws ErrnoException {
        long offset = check(ptr, length);
        return segment.asSlice(offset, Math.min(length, Integer.MAX_VALUE)).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The UTF-8 string of {@code length} bytes at {@code ptr}: {@code EILSEQ} if it is not valid
     * UTF-8, {@code EINVAL} if it contains a NUL byte (no file name can).
     */
    public String path(int ptr, int length) throws ErrnoException {
        long len = Integer.toUnsignedLong(length);
        long offset = check(ptr, len);
        ByteBuffer bytes = segment.asSlice(offset, len).asByteBuffer();
        for (int i = 0; i < bytes.limit(); i++) {
            if (bytes.get(i) == 0) {
                throw new ErrnoException(Errno.INVAL, "path contains a NUL byte");
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.ILSEQ, "path is not UTF-8");
        }
    }
}
