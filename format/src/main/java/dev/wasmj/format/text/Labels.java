package dev.wasmj.format.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The labels of the blocks enclosing the instruction being parsed, innermost last. A label name
 * is found in constant time (a map from each name to its innermost use, and for each label the
 * previous one of the same name), so deep nesting with many branches by name stays linear.
 */
final class Labels {
    private String[] names = new String[16];
    /** For each label with a name, the index of the enclosing label of the same name, or -1. */
    private int[] shadowed = new int[16];
    private int count;
    /** The innermost label of each name. */
    private final Map<String, Integer> innermost = new HashMap<>();

    void push(String name) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            shadowed = Arrays.copyOf(shadowed, count * 2);
        }
        if (name != null) {
            Integer previous = innermost.put(name, count);
            shadowed[count] = previous == null ? -1 : previous;
        }
        names[count++] = name;
    }

    void pop() {
        String name = names[--count];
        if (name != null) {
            if (shadowed[count] < 0) {
                innermost.remove(name);
            } else {
                innermost.put(name, shadowed[count]);
            }
        }
        names[count] = null;
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
        innermost.clear();
    }

    /**
     * Reads a label index at the cursor: a u32 (relative depth) or the name of an enclosing block
     * ("unknown label" if no enclosing block has it).
     */
    int read(TokenCursor c) {
        if (c.peek() == Tokens.ID) {
            int t = c.next();
            Integer i = innermost.get(c.tokens.idName(t));
            if (i == null) {
                throw c.errorAt(t, "unknown label");
            }
            return count - 1 - i;
        }
        return (int) Literals.unsigned(c, 32, "constant out of range");
    }
}
