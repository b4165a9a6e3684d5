package dev.wasmj.format.text;

import java.util.Arrays;

/** The labels of the blocks enclosing the instruction being parsed, innermost last. */
final class Labels {
    private String[] names = new String[16];
    private int count;

    void push(String name) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
        }
        names[count++] = name;
    }

    void pop() {
        names[--count] = null;
    }

    /** The innermost label's name (null if it has none). */
    String top() {
        return names[count - 1];
    }

    int count() {
        return count;
    }

    void clear() {
        Arrays.fill(names, 0, count, null);
        count = 0;
    }

    /**
     * Reads a label index at the cursor: a u32 (relative depth) or the name of an enclosing block
     * ("unknown label" if no enclosing block has it).
     */
    int read(TokenCursor c) {
        if (c.peek() == Tokens.ID) {
            int t = c.next();
            String id = c.tokens.idName(t);
            for (int i = count - 1; i >= 0; i--) {
                if (id.equals(names[i])) {
                    return count - 1 - i;
                }
            }
            throw c.errorAt(t, "unknown label");
        }
        return (int) Literals.unsigned(c, 32, "constant out of range");
    }
}
