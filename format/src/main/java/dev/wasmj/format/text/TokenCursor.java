package dev.wasmj.format.text;

import dev.wasmj.format.MalformedException;

/**
 * A position in {@link Tokens} with the primitives of a recursive-descent (but not recursive on
 * nesting depth) parser: look at the next token, consume it, or fail with the testsuite's
 * messages. Annotations are skipped; each skipped annotation is reported to the
 * {@link AnnotationListener}, if any.
 */
final class TokenCursor {
    /** Told about each annotation the cursor skips, when it skips it. */
    interface AnnotationListener {
        void annotation(int token);
    }

    final Tokens tokens;
    private int pos;
    private final int limit;
    private AnnotationListener listener;

    /** A cursor over tokens {@code [from, limit)}; {@code limit} reads as the end of file. */
    TokenCursor(Tokens tokens, int from, int limit) {
        this.tokens = tokens;
        this.pos = from;
        this.limit = limit;
    }

    void setListener(AnnotationListener listener) {
        this.listener = listener;
    }

    /** The index of the next visible token (annotations skipped and reported). */
    int pos() {
        while (pos < limit && tokens.kind(pos) == Tokens.ANNOT) {
            int at = pos;
            pos = tokens.partner(pos) + 1;
            if (listener != null) {
                listener.annotation(at);
            }
        }
        return pos;
    }

    /** The raw position: the next token without skipping annotations. */
    int mark() {
        return pos;
    }

    /** Moves to token {@code p} (a position obtained from {@link #pos()} or {@link #mark()}). */
    void reset(int p) {
        pos = p;
    }

    /** The kind of the next visible token; {@link Tokens#EOF} at the limit. */
    byte peek() {
        int p = pos();
        return p >= limit ? Tokens.EOF : tokens.kind(p);
    }

    /** The index of the visible token after token {@code i}, without reporting annotations. */
    int after(int i) {
        int p = i + 1;
        while (p < limit && tokens.kind(p) == Tokens.ANNOT) {
            p = tokens.partner(p) + 1;
        }
        return p;
    }

    /** The kind of visible token {@code i} (EOF at or past the limit). */
    byte kindAt(int i) {
        return i >= limit ? Tokens.EOF : tokens.kind(i);
    }

    boolean peekKeyword(String keyword) {
        int p = pos();
        return p < limit && tokens.isKeyword(p, keyword);
    }

    /** Whether the next tokens are {@code (} and the keyword. */
    boolean peekParenKeyword(String keyword) {
        int p = pos();
        if (p >= limit || tokens.kind(p) != Tokens.LPAR) {
            return false;
        }
        int k = after(p);
        return k < limit && tokens.isKeyword(k, keyword);
    }

    /** The keyword after the next {@code (}, or null if the next tokens are not {@code (} keyword. */
    String peekParenKeyword() {
        int p = pos();
        if (p >= limit || tokens.kind(p) != Tokens.LPAR) {
            return null;
        }
        int k = after(p);
        return k < limit && tokens.kind(k) == Tokens.KEYWORD ? tokens.text(k) : null;
    }

    /** Consumes the next visible token and returns its index. */
    int next() {
        int p = pos();
        if (p >= limit) {
            throw unexpected();
        }
        pos = p + 1;
        return p;
    }

    /** Consumes the next token, which must be of kind {@code kind}. */
    int expect(byte kind) {
        if (peek() != kind) {
            throw unexpected();
        }
        return next();
    }

    void expectLpar() {
        expect(Tokens.LPAR);
    }

    void expectRpar() {
        expect(Tokens.RPAR);
    }

    void expectKeyword(String keyword) {
        if (!peekKeyword(keyword)) {
            throw unexpected();
        }
        next();
    }

    /** Consumes {@code (} and the keyword if they come next. */
    boolean acceptParenKeyword(String keyword) {
        if (peekParenKeyword(keyword)) {
            next();
            next();
            return true;
        }
        return false;
    }

    boolean acceptKeyword(String keyword) {
        if (peekKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes an identifier if one comes next and returns its name, else null. */
    String acceptId() {
        if (peek() == Tokens.ID) {
            return tokens.idName(next());
        }
        return null;
    }

    /** Consumes a string and returns its bytes. */
    byte[] expectString() {
        return tokens.stringBytes(expect(Tokens.STRING));
    }

    /** Consumes a string that must be UTF-8 ("malformed UTF-8 encoding") and returns its text. */
    String expectName() {
        return tokens.stringText(expect(Tokens.STRING));
    }

    /** Skips a balanced parenthesised group starting at the next {@code (}. */
    void skipGroup() {
        int p = expect(Tokens.LPAR);
        int close = tokens.partner(p);
        if (close < 0 || close >= limit) {
            pos = limit;
            throw unexpected();
        }
        pos = close + 1;
    }

    /** The error for the next token: it is not what the grammar expects here. */
    MalformedException unexpected() {
        int p = pos();
        if (p >= limit) {
            return tokens.error(Math.min(p, tokens.count() - 1), "unexpected end of file");
        }
        if (tokens.kind(p) == Tokens.RESERVED) {
            return tokens.error(p, "unknown operator " + tokens.text(p));
        }
        if (tokens.kind(p) == Tokens.KEYWORD && !Keywords.isKnown(tokens.text(p))) {
            return tokens.error(p, "unknown operator " + tokens.text(p));
        }
        return tokens.error(p, "unexpected token");
    }

    /** An error at the next token with the given reason. */
    MalformedException error(String reason) {
        int p = pos();
        return tokens.error(Math.min(p, tokens.count() - 1), reason);
    }

    /** An error at token {@code i}. */
    MalformedException errorAt(int i, String reason) {
        return tokens.error(i, reason);
    }
}
