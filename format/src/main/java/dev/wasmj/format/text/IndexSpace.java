package dev.wasmj.format.text;

import java.util.HashMap;
import java.util.Map;

/**
 * One index space of a text module (functions, tables, ... or the locals of a function): how many
 * entries it has and which symbolic identifiers name them.
 */
final class IndexSpace {
    private final String duplicate;
    private final String unknown;
    private final Map<String, Integer> ids = new HashMap<>();
    private int count;

    /**
     * @param keyword the keyword in "duplicate ..." messages, e.g. {@code func}
     * @param noun    the noun in "unknown ..." messages, e.g. {@code function}
     */
    IndexSpace(String keyword, String noun) {
        this.duplicate = "duplicate " + keyword;
        this.unknown = "unknown " + noun;
    }

    int count() {
        return count;
    }

    /**
     * Adds an entry, named {@code id} (or unnamed if null); fails with "duplicate ..." at token
     * {@code token} if the name is taken.
     */
    int add(String id, TokenCursor c, int token) {
        if (id != null && ids.putIfAbsent(id, count) != null) {
            throw c.errorAt(token, duplicate);
        }
        return count++;
    }

    /** The index named {@code id}, or -1. */
    int lookup(String id) {
        Integer i = ids.get(id);
        return i == null ? -1 : i;
    }

    /**
     * Reads an index at the cursor: a u32 literal or an identifier of this space ("unknown ..."
     * otherwise).
     */
    int read(TokenCursor c) {
        byte k = c.peek();
        if (k == Tokens.NAT) {
            return (int) Literals.unsigned(c, 32, "constant out of range");
        }
        if (k == Tokens.ID) {
            int t = c.next();
            int i = lookup(c.tokens.idName(t));
            if (i < 0) {
                throw c.errorAt(t, unknown);
            }
            return i;
        }
        throw c.unexpected();
    }

    /** Whether an index (a u32 literal or an identifier) comes next. */
    static boolean peekIndex(TokenCursor c) {
        byte k = c.peek();
        return k == Tokens.NAT || k == Tokens.ID;
    }

    /** The names of the entries, by index (for the name section). */
    Map<Integer, String> names() {
        Map<Integer, String> m = new HashMap<>();
        ids.forEach((name, index) -> m.put(index, name));
        return m;
    }
}
