package dev.wasmj.format.text;

import dev.wasmj.format.MalformedException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of a text, held as parallel arrays (kind, start, end, matching parenthesis) so that
 * there is no object per token. Made by {@link Lexer}.
 *
 * <p>Positions are character offsets into {@link #source()}; line and column are computed only
 * when an error is reported.
 */
final class Tokens {
    /** {@code (} */
    static final byte LPAR = 0;
    /** {@code )} */
    static final byte RPAR = 1;
    /** {@code (@id}: the start of an annotation, closed by the matching {@link #RPAR}. */
    static final byte ANNOT = 2;
    /** A keyword: starts with a lower-case letter. */
    static final byte KEYWORD = 3;
    /** An identifier: {@code $name} or {@code $"name"}. */
    static final byte ID = 4;
    /** A string literal. */
    static final byte STRING = 5;
    /** An unsigned integer literal. */
    static final byte NAT = 6;
    /** A signed integer literal (with a sign). */
    static final byte INT = 7;
    /** A float literal (including {@code inf}, {@code nan} and {@code nan:0x...}). */
    static final byte FLOAT = 8;
    /** A reserved token: an error wherever the grammar looks at it (but allowed in annotations). */
    static final byte RESERVED = 9;
    /** The end of the text (always the last token). */
    static final byte EOF = 10;

    private final String source;
    private byte[] kinds = new byte[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    /** For LPAR and ANNOT: the index of the matching RPAR, or -1 if unclosed. */
    private int[] partners = new int[64];
    private int count;
    private int[] lineStarts;

    Tokens(String source) {
        this.source = source;
    }

    void add(byte kind, int start, int end) {
        if (count == kinds.length) {
            int n = count * 2;
            kinds = Arrays.copyOf(kinds, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            partners = Arrays.copyOf(partners, n);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        partners[count] = -1;
        count++;
    }

    void setPartner(int open, int close) {
        partners[open] = close;
    }

    String source() {
        return source;
    }

    int count() {
        return count;
    }

    byte kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** The index of the RPAR matching the LPAR or ANNOT at {@code i}, or -1 when it is not closed. */
    int partner(int i) {
        return partners[i];
    }

    /** The token's text as written. */
    String text(int i) {
        return source.substring(starts[i], ends[i]);
    }

    /** Whether token {@code i} is a keyword spelled exactly {@code keyword}. */
    boolean isKeyword(int i, String keyword) {
        return kinds[i] == KEYWORD && ends[i] - starts[i] == keyword.length()
                && source.startsWith(keyword, starts[i]);
    }

    /** The name of the identifier at {@code i}, without the {@code $} (quoted names decoded). */
    String idName(int i) {
        int s = starts[i] + 1;
        if (source.charAt(s) == '"') {
            return stringTextAt(s, ends[i], starts[i]);
        }
        return source.substring(s, ends[i]);
    }

    /** The name of the annotation starting at {@code i} (after {@code (@}). */
    String annotationName(int i) {
        int s = starts[i] + 2;
        if (source.charAt(s) == '"') {
            return stringTextAt(s, ends[i], starts[i]);
        }
        return source.substring(s, ends[i]);
    }

    /** The bytes a string token denotes. */
    byte[] stringBytes(int i) {
        return decodeString(starts[i], ends[i]);
    }

    /** The string token's value as text; fails with "malformed UTF-8 encoding" if it is not UTF-8. */
    String stringText(int i) {
        return stringTextAt(starts[i], ends[i], starts[i]);
    }

    /**
     * The text of the (lexically valid) string literal at {@code [from, to)}; fails with
     * "malformed UTF-8 encoding" at {@code errorOffset} if its bytes are not UTF-8.
     */
    String stringTextAt(int from, int to, int errorOffset) {
        byte[] bytes = decodeString(from, to);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw errorAt(errorOffset, "malformed UTF-8 encoding");
        }
    }

    /** Decodes the string literal from {@code "} at {@code from} to {@code "} before {@code to}. */
    private byte[] decodeString(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from + 1;
        int last = to - 1;
        while (i < last) {
            char c = source.charAt(i);
            if (c != '\\') {
                if (c < 0x80) {
                    out.write(c);
                    i++;
                } else {
                    int cp = source.codePointAt(i);
                    i += Character.charCount(cp);
                    writeUtf8(out, cp);
                }
                continue;
            }
            char e = source.charAt(i + 1);
            i += 2;
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case '\\' -> out.write('\\');
                case 'u' -> {
                    int close = source.indexOf('}', i);
                    int cp = 0;
                    for (int k = i + 1; k < close; k++) {
                        char h = source.charAt(k);
                        if (h != '_') cp = cp * 16 + Character.digit(h, 16);
                    }
                    writeUtf8(out, cp);
                    i = close + 1;
                }
                default -> {
                    out.write(Character.digit(e, 16) * 16 + Character.digit(source.charAt(i), 16));
                    i++;
                }
            }
        }
        return out.toByteArray();
    }

    static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    // ---- positions ----

    /** The 1-based line of character offset {@code offset}. */
    int lineOf(int offset) {
        int[] ls = lineStarts();
        int idx = Arrays.binarySearch(ls, offset);
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    /** The 1-based column of character offset {@code offset}. */
    int columnOf(int offset) {
        int[] ls = lineStarts();
        return offset - ls[lineOf(offset) - 1] + 1;
    }

    int line(int i) {
        return lineOf(starts[i]);
    }

    int column(int i) {
        return columnOf(starts[i]);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            lineStarts = lineStarts(source);
        }
        return lineStarts;
    }

    /** The offsets at which lines start: after {@code \n}, after {@code \r} not followed by {@code \n}. */
    static int[] lineStarts(String s) {
        int[] ls = new int[16];
        int n = 1;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == len || s.charAt(i + 1) != '\n')) {
                if (n == ls.length) ls = Arrays.copyOf(ls, n * 2);
                ls[n++] = i + 1;
            }
        }
        return Arrays.copyOf(ls, n);
    }

    /** A malformed-text error at token {@code i}. */
    MalformedException error(int i, String reason) {
        return errorAt(starts[i], reason);
    }

    /** A malformed-text error at character offset {@code offset}. */
    MalformedException errorAt(int offset, String reason) {
        return new MalformedException(reason, lineOf(offset), columnOf(offset));
    }
}
