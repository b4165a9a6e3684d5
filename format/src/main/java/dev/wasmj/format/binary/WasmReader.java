package dev.wasmj.format.binary;

import dev.wasmj.format.HeapType;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.ValType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitive encodings of the binary format (LEB128 integers, floats, names, value
 * types) from a region of a byte array. Every failure is a {@link MalformedException} with the
 * byte offset; reading past the region's end is "unexpected end" (or "unexpected end of section
 * or function" when the region is a section or body inside a larger input).
 */
public final class WasmReader {
    private final byte[] buf;
    private int pos;
    private int end;
    private boolean inSections;

    public WasmReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WasmReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    public byte[] buffer() {
        return buf;
    }

    public int pos() {
        return pos;
    }

    public void pos(int pos) {
        this.pos = pos;
    }

    public int end() {
        return end;
    }

    /** Narrows or widens the readable region (e.g. to a section); returns the previous end. */
    public int limit(int newEnd) {
        int old = end;
        end = newEnd;
        return old;
    }

    /**
     * Makes reading past the end report "unexpected end of section or function" even when the
     * region ends with the input: the binary decoder reads a module's sections up to the end of
     * the module, as the reference interpreter does, so that its messages match the testsuite's.
     */
    public WasmReader inSections() {
        inSections = true;
        return this;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int remaining() {
        return end - pos;
    }

    public MalformedException error(String reason) {
        return new MalformedException(reason, pos);
    }

    public MalformedException error(String reason, int at) {
        return new MalformedException(reason, at);
    }

    private MalformedException unexpectedEnd() {
        return new MalformedException(inSections || end < buf.length ? "unexpected end of section or function"
                : "unexpected end", pos);
    }

    /** Fails with "unexpected end" unless {@code n} more bytes can be read. */
    public void require(long n) {
        if (n > end - pos) {
            throw unexpectedEnd();
        }
    }

    public int u8() {
        if (pos >= end) {
            throw unexpectedEnd();
        }
        return buf[pos++] & 0xFF;
    }

    /** The byte at the current position, without consuming it. */
    public int peek() {
        if (pos >= end) {
            throw unexpectedEnd();
        }
        return buf[pos] & 0xFF;
    }

    /** An unsigned LEB128 u32 (at most 5 bytes). */
    public int u32() {
        int b = u8();
        if (b < 0x80) {
            return b;
        }
        int result = b & 0x7F;
        for (int shift = 7; shift < 35; shift += 7) {
            b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long", pos - 1);
                }
                if ((b & 0x70) != 0) {
                    throw error("integer too large", pos - 1);
                }
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw error("integer representation too long");
    }

    /** A u32 that must fit a non-negative int (counts, indices, sizes). */
    public int u32Index() {
        int v = u32();
        if (v < 0) {
            return Integer.MAX_VALUE; // larger than any real count; callers bound-check it
        }
        return v;
    }

    /**
     * A length or count (u32) that must not exceed the bytes left, counted from the first byte of
     * the length itself (the reference interpreter's rule), else "length out of bounds".
     */
    public int len32() {
        int at = pos;
        int n = u32Index();
        if (n > end - at) {
            throw error("length out of bounds", at);
        }
        return n;
    }

    /** An unsigned LEB128 u64 (at most 10 bytes). */
    public long u64() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long", pos - 1);
                }
                if ((b & 0x7E) != 0) {
                    throw error("integer too large", pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw error("integer representation too long");
    }

    /** A signed LEB128 s32 (at most 5 bytes). */
    public int s32() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long", pos - 1);
                }
                // bits 4..6 of the last byte must be the sign extension of bit 3
                int high = b & 0x70;
                if (high != 0 && high != 0x70 || (high == 0x70) != ((b & 0x08) != 0)) {
                    throw error("integer too large", pos - 1);
                }
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift < 25 && (b & 0x40) != 0) {
                    result |= -1 << (shift + 7);
                }
                return result;
            }
        }
        throw error("integer representation too long");
    }

    /** A signed LEB128 s33 (block types and heap types), at most 5 bytes. */
    public long s33() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long", pos - 1);
                }
                int high = b & 0x60;
                if (high != 0 && high != 0x60 || (high == 0x60) != ((b & 0x10) != 0)) {
                    throw error("integer too large", pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if ((b & 0x40) != 0) {
                    result |= -1L << (shift + 7);
                }
                return result;
            }
        }
        throw error("integer representation too long");
    }

    /** A signed LEB128 s64 (at most 10 bytes). */
    public long s64() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long", pos - 1);
                }
                if (b != 0 && b != 0x7F) {
                    throw error("integer too large", pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift < 57 && (b & 0x40) != 0) {
                    result |= -1L << (shift + 7);
                }
                return result;
            }
        }
        throw error("integer representation too long");
    }

    /** Four little-endian bytes (the bits of an f32). */
    public int i32le() {
        require(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** Eight little-endian bytes (the bits of an f64, or half a v128). */
    public long i64le() {
        long lo = i32le() & 0xFFFFFFFFL;
        long hi = i32le() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /** Skips {@code n} bytes, returning the offset of the first. */
    public int skip(int n) {
        require(n);
        int start = pos;
        pos += n;
        return start;
    }

    /** A name: a u32 length and that many bytes of valid UTF-8. */
    public String name() {
        int len = len32();
        int start = skip(len);
        return utf8(buf, start, len);
    }

    /** Decodes strict UTF-8 (no surrogates, no overlong forms), failing with "malformed UTF-8 encoding". */
    public static String utf8(byte[] bytes, int start, int len) {
        boolean ascii = true;
        for (int i = start; i < start + len; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, start, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("malformed UTF-8 encoding", start);
        }
    }

    /**
     * A heap type: an abstract heap type (one byte 0x69..0x74), a non-negative type index (s33),
     * or 0x62 and a type index for an exact type (custom descriptors; abstract heap types cannot
     * be exact).
     */
    public int heapType() {
        int at = pos;
        boolean exact = peek() == 0x62;
        if (exact) {
            pos++;
        }
        long v = s33();
        if (v >= 0) {
            if (v > HeapType.INDEX_MASK) {
                throw error("type index too large", at);
            }
            return exact ? HeapType.exact((int) v) : (int) v;
        }
        int ht = exact || v < -0x40 ? -1 : HeapType.fromCode((int) (v & 0x7F));
        if (ht < 0) {
            throw error("malformed heap type", at);
        }
        return ht;
    }

    /** A reference type: 0x63 (nullable) or 0x64 with a heap type, or an abbreviation byte. */
    public int refType() {
        int at = pos;
        int b = u8();
        return refTypeAfter(b, at);
    }

    private int refTypeAfter(int b, int at) {
        if (b == 0x63 || b == 0x64) {
            return ValType.ref(b == 0x63, heapType());
        }
        int ht = HeapType.fromCode(b);
        if (ht < 0) {
            throw error("malformed reference type", at);
        }
        return ValType.ref(true, ht);
    }

    /** A value type: a number or vector type byte, or a reference type. */
    public int valType() {
        int at = pos;
        int b = u8();
        return switch (b) {
            case 0x7F, 0x7E, 0x7D, 0x7C, 0x7B -> b;
            default -> {
                if (b == 0x63 || b == 0x64 || HeapType.fromCode(b) >= 0) {
                    yield refTypeAfter(b, at);
                }
                throw error("malformed value type", at);
            }
        };
    }

    /** A storage type: a value type or a packed type (i8 0x78, i16 0x77). */
    public int storageType() {
        int b = peek();
        if (b == 0x78 || b == 0x77) {
            pos++;
            return b;
        }
        return valType();
    }
}
