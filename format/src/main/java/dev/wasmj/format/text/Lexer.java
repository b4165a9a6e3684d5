package dev.wasmj.format.text;

import dev.wasmj.format.MalformedException;

/**
 * Splits WebAssembly text (a module or a .wast script) into {@link Tokens}: parentheses,
 * annotation starts, keywords, identifiers, strings, numbers and reserved tokens. Skips white
 * space and line and (nested) block comments. Lexical errors are {@link MalformedException}s with
 * the testsuite's messages ("illegal character", "unclosed string", "empty identifier", ...).
 *
 * <p>Following the spec, a maximal run of identifier characters, strings and the characters
 * {@code , ; [ ] { }} is one token; if it is neither a keyword, an identifier, a string nor a
 * number it is a reserved token, which the parser rejects as "unknown operator" (annotations
 * may contain them).
 */
final class Lexer {
    private final String src;
    private final int end;
    private final Tokens tokens;
    private int pos;
    /** Indices of open LPAR/ANNOT tokens. */
    private int[] open = new int[32];
    private int depth;
    /** The nesting depth of the outermost open annotation, or 0 outside annotations. */
    private int annotationDepth;

    private Lexer(String src, int from, int to) {
        this.src = src;
        this.end = to;
        this.pos = from;
        this.tokens = new Tokens(src);
    }

    /** Tokenizes all of {@code text}. */
    static Tokens tokenize(String text) {
        return tokenize(text, 0, text.length());
    }

    /** Tokenizes {@code text[from, to)}; positions stay relative to the whole text. */
    static Tokens tokenize(String text, int from, int to) {
        Lexer lexer = new Lexer(text, from, to);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= end) {
                break;
            }
            char c = src.charAt(pos);
            if (c == '(') {
                if (pos + 1 < end && src.charAt(pos + 1) == '@' && (annotationDepth == 0 || hasAnnotationId())) {
                    annotation();
                } else {
                    push(Tokens.LPAR, pos, pos + 1);
                    pos++;
                }
            } else if (c == ')') {
                int t = tokens.count();
                tokens.add(Tokens.RPAR, pos, pos + 1);
                pos++;
                if (depth > 0) {
                    tokens.setPartner(open[--depth], t);
                    if (depth < annotationDepth) {
                        annotationDepth = 0;
                    }
                }
            } else if (isTokenChar(c)) {
                atom();
            } else {
                throw illegalCharacter(pos);
            }
        }
        if (annotationDepth > 0) {
            throw tokens.errorAt(end, "unclosed annotation");
        }
        tokens.add(Tokens.EOF, end, end);
    }

    private void push(byte kind, int start, int stop) {
        if (depth == open.length) {
            open = java.util.Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = tokens.count();
        tokens.add(kind, start, stop);
    }

    private MalformedException illegalCharacter(int at) {
        char c = src.charAt(at);
        if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && at + 1 < end
                && Character.isLowSurrogate(src.charAt(at + 1)))) {
            return tokens.errorAt(at, "malformed UTF-8 encoding");
        }
        return tokens.errorAt(at, "illegal character");
    }

    private void skipSpaceAndComments() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == ';' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                pos += 2;
                while (pos < end && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos = afterChar(pos);
                }
            } else if (c == '(' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int start = pos;
        int nesting = 0;
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '(' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                nesting++;
                pos += 2;
            } else if (c == ';' && pos + 1 < end && src.charAt(pos + 1) == ')') {
                nesting--;
                pos += 2;
                if (nesting == 0) {
                    return;
                }
            } else {
                pos = afterChar(pos);
            }
        }
        throw tokens.errorAt(start, "unclosed comment");
    }

    /**
     * The offset after the character at {@code p} inside a comment: a surrogate pair counts as one;
     * an unpaired surrogate (which a Java string may hold) is not a character: "malformed UTF-8 encoding".
     */
    private int afterChar(int p) {
        char c = src.charAt(p);
        if (!Character.isSurrogate(c)) {
            return p + 1;
        }
        if (Character.isHighSurrogate(c) && p + 1 < end && Character.isLowSurrogate(src.charAt(p + 1))) {
            return p + 2;
        }
        throw tokens.errorAt(p, "malformed UTF-8 encoding");
    }

    /** Whether {@code (@} at {@code pos} is followed by an annotation name (else, inside an annotation, it is {@code (} then {@code @}). */
    private boolean hasAnnotationId() {
        int p = pos + 2;
        if (p >= end) {
            return false;
        }
        char c = src.charAt(p);
        return isIdChar(c) || c == '"' && stringEnd(p, true) > p + 2;
    }

    private void annotation() {
        int start = pos;
        pos += 2;
        if (pos < end && src.charAt(pos) == '"') {
            int close = stringEnd(pos, true);
            if (close < 0 || close == pos + 2) {
                throw tokens.errorAt(start, "empty annotation id");
            }
            pos = close;
        } else {
            int p = pos;
            while (p < end && isIdChar(src.charAt(p))) {
                p++;
            }
            if (p == pos) {
                throw tokens.errorAt(start, "empty annotation id");
            }
            pos = p;
        }
        push(Tokens.ANNOT, start, pos);
        if (annotationDepth == 0) {
            annotationDepth = depth;
        }
        tokens.annotationName(tokens.count() - 1); // checks that a quoted name is UTF-8
    }

    /**
     * Scans a string literal whose opening quote is at {@code at}; returns the offset after the
     * closing quote, or -1 if the string is unclosed or holds a control character and
     * {@code soft} is set. Otherwise reports the error.
     */
    private int stringEnd(int at, boolean soft) {
        int p = at + 1;
        while (true) {
            if (p >= end) {
                if (soft) return -1;
                throw tokens.errorAt(at, "unclosed string");
            }
            char c = src.charAt(p);
            if (c == '"') {
                return p + 1;
            }
            if (c == '\n' || c == '\r') {
                if (soft) return -1;
                throw tokens.errorAt(at, "unclosed string");
            }
            if (c < 0x20 || c == 0x7F) {
                if (soft) return -1;
                throw tokens.errorAt(p, "illegal character");
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || p + 1 >= end || !Character.isLowSurrogate(src.charAt(p + 1))) {
                    throw tokens.errorAt(p, "malformed UTF-8 encoding");
                }
                p += 2;
                continue;
            }
            if (c == '\\') {
                p = escapeEnd(p);
                continue;
            }
            p++;
        }
    }

    /** Checks the escape at {@code p} (a backslash) and returns the offset after it. */
    private int escapeEnd(int p) {
        if (p + 1 >= end) {
            throw tokens.errorAt(p, "unclosed string");
        }
        char e = src.charAt(p + 1);
        switch (e) {
            case 't', 'n', 'r', '"', '\'', '\\':
                return p + 2;
            case 'u': {
                int q = p + 2;
                if (q >= end || src.charAt(q) != '{') {
                    throw tokens.errorAt(p, "illegal escape");
                }
                q++;
                int digits = 0;
                long value = 0;
                boolean lastUnderscore = true;
                while (q < end && src.charAt(q) != '}') {
                    char h = src.charAt(q);
                    if (h == '_' && !lastUnderscore) {
                        lastUnderscore = true;
                    } else if (Character.digit(h, 16) >= 0 && h < 0x80) {
                        value = Math.min(value * 16 + Character.digit(h, 16), 0x1000000L);
                        digits++;
                        lastUnderscore = false;
                    } else {
                        throw tokens.errorAt(p, "illegal escape");
                    }
                    q++;
                }
                if (q >= end || digits == 0 || lastUnderscore
                        || value >= 0x110000 || value >= 0xD800 && value < 0xE000) {
                    throw tokens.errorAt(p, "illegal escape");
                }
                return q + 1;
            }
            default:
                if (isHexDigit(e) && p + 2 < end && isHexDigit(src.charAt(p + 2))) {
                    return p + 3;
                }
                throw tokens.errorAt(p, "illegal escape");
        }
    }

    /** A maximal run of identifier characters, strings and reserved punctuation. */
    private void atom() {
        int start = pos;
        int strings = 0;
        boolean onlyIdChars = true;
        char first = src.charAt(pos);
        if (first == '$' && pos + 1 < end && src.charAt(pos + 1) == '"') {
            // $"name": a malformed string here means there is no identifier at all
            if (stringEnd(pos + 1, true) < 0) {
                throw tokens.errorAt(start, "empty identifier");
            }
        }
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '"') {
                pos = stringEnd(pos, false);
                strings++;
            } else if (c == ';' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                break;
            } else if (c < 128 && CHAR_CLASS[c] != 0) {
                onlyIdChars &= CHAR_CLASS[c] == ID_CHAR;
                pos++;
            } else {
                break;
            }
        }
        tokens.add(classify(start, pos, strings, onlyIdChars), start, pos);
    }

    private byte classify(int start, int stop, int strings, boolean onlyIdChars) {
        char first = src.charAt(start);
        if (first == '"') {
            return strings == 1 && stop == stringEndUnchecked(start) ? Tokens.STRING : Tokens.RESERVED;
        }
        if (first == '$') {
            if (stop == start + 1) {
                throw tokens.errorAt(start, "empty identifier");
            }
            if (src.charAt(start + 1) == '"') {
                if (strings == 1 && stop == stringEndUnchecked(start + 1)) {
                    if (stop == start + 3) {
                        throw tokens.errorAt(start, "empty identifier");
                    }
                    tokens.stringTextAt(start + 1, stop, start); // checks that the name is UTF-8
                    return Tokens.ID;
                }
                return Tokens.RESERVED;
            }
            return strings == 0 && onlyIdChars ? Tokens.ID : Tokens.RESERVED;
        }
        if (strings > 0 || !onlyIdChars) {
            return Tokens.RESERVED;
        }
        byte number = NumberLiterals.classify(src, start, stop);
        if (number != Tokens.RESERVED) {
            return number;
        }
        return first >= 'a' && first <= 'z' ? Tokens.KEYWORD : Tokens.RESERVED;
    }

    /** The end of a string literal already checked by {@link #stringEnd}. */
    private int stringEndUnchecked(int at) {
        int p = at + 1;
        while (src.charAt(p) != '"') {
            p += src.charAt(p) == '\\' ? 2 : 1;
        }
        return p + 1;
    }

    private static final byte ID_CHAR = 1;
    private static final byte RESERVED_CHAR = 2;
    /** For ASCII characters: {@link #ID_CHAR}, {@link #RESERVED_CHAR} (also in reserved tokens) or 0. */
    private static final byte[] CHAR_CLASS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) CHAR_CLASS[c] = ID_CHAR;
        for (char c = 'a'; c <= 'z'; c++) CHAR_CLASS[c] = ID_CHAR;
        for (char c = 'A'; c <= 'Z'; c++) CHAR_CLASS[c] = ID_CHAR;
        for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) CHAR_CLASS[c] = ID_CHAR;
        for (char c : ",;[]{}".toCharArray()) CHAR_CLASS[c] = RESERVED_CHAR;
    }

    /** The characters of identifiers, keywords and numbers. */
    static boolean isIdChar(char c) {
        return c < 128 && CHAR_CLASS[c] == ID_CHAR;
    }

    /** Characters that make up (possibly reserved) tokens other than parentheses. */
    private static boolean isTokenChar(char c) {
        return c < 128 && CHAR_CLASS[c] != 0 || c == '"';
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
