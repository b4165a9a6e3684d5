package dev.wasmj.format.validate;

import dev.wasmj.format.InvalidException;
import dev.wasmj.format.ValType;

import java.util.Arrays;

/**
 * The two stacks of the specification's validation algorithm: operand types and control frames,
 * with the stack polymorphism of unreachable code. Types are closed-form {@link ValType} ints
 * ({@link Subtyping#BOTTOM} for an unknown type); nothing is allocated per instruction once the
 * arrays have grown to the function's needs.
 *
 * <p>Errors are {@link InvalidException}s worded like the reference interpreter's, e.g.
 * {@code type mismatch: instruction requires [i32] but stack has [i64]}; the offset is the
 * current instruction's.
 */
final class TypeStack {
    static final int[] EMPTY = new int[0];

    /** Frame kinds. */
    static final int FUNC = 0, BLOCK = 1, LOOP = 2, IF = 3, ELSE = 4, TRY = 5, CATCH = 6, CATCH_ALL = 7,
            TRY_TABLE = 8;

    /** The most operand types a function may hold at once (an implementation limit). */
    static final int MAX_HEIGHT = 1 << 22;

    private final Subtyping sub;
    private final TypeContext types;

    // operand stack
    private int[] vals = new int[64];
    private int sp;
    private int maxSp;

    // control stack
    private int[] kind = new int[16];
    private int[] height = new int[16];
    private boolean[] unreachable = new boolean[16];
    private int[][] params = new int[16][];
    private int[][] results = new int[16][];
    private int[] initHeight = new int[16];
    private int[] sideEntry = new int[16];
    private int depth;
    private int maxDepth;

    /** Offset of the current instruction, for error messages. */
    int at;

    TypeStack(TypeContext types) {
        this.types = types;
        this.sub = types.subtyping();
    }

    void reset() {
        sp = 0;
        maxSp = 0;
        depth = 0;
        maxDepth = 0;
    }

    int maxHeight() {
        return maxSp;
    }

    int maxDepth() {
        return maxDepth;
    }

    // ---- control frames ----

    int depth() {
        return depth;
    }

    /** Pushes a frame whose parameters were already popped, then pushes the parameters. */
    void pushFrame(int k, int[] in, int[] out, int initSp, int side) {
        if (depth == kind.length) {
            int n = depth * 2;
            kind = Arrays.copyOf(kind, n);
            height = Arrays.copyOf(height, n);
            unreachable = Arrays.copyOf(unreachable, n);
            params = Arrays.copyOf(params, n);
            results = Arrays.copyOf(results, n);
            initHeight = Arrays.copyOf(initHeight, n);
            sideEntry = Arrays.copyOf(sideEntry, n);
        }
        kind[depth] = k;
        height[depth] = sp;
        unreachable[depth] = false;
        params[depth] = in;
        results[depth] = out;
        initHeight[depth] = initSp;
        sideEntry[depth] = side;
        depth++;
        if (depth > maxDepth) {
            maxDepth = depth;
        }
        pushAll(in);
    }

    /** Pops the top frame (after {@link #checkFrameEnd()}). */
    void dropFrame() {
        depth--;
    }

    /** Checks that exactly the top frame's results are on its part of the stack, and pops them. */
    void checkFrameEnd() {
        int f = depth - 1;
        int[] out = results[f];
        popAll(out);
        if (sp != height[f]) {
            throw invalid("type mismatch: block requires " + types.names(out, 0, out.length) + " but stack has "
                    + describeTop(sp - height[f] + out.length));
        }
    }

    /** Starts the next part of a frame ({@code else}, {@code catch}...): an empty, reachable stack. */
    void restartFrame(int newKind) {
        int f = depth - 1;
        kind[f] = newKind;
        sp = height[f];
        unreachable[f] = false;
    }

    int kind(int f) {
        return kind[f];
    }

    int topKind() {
        return kind[depth - 1];
    }

    int[] params(int f) {
        return params[f];
    }

    int[] results(int f) {
        return results[f];
    }

    int initHeight(int f) {
        return initHeight[f];
    }

    int sideEntry(int f) {
        return sideEntry[f];
    }

    /** The frame that label {@code l} names (0 = innermost), or fails with "unknown label". */
    int label(int l) {
        if (l < 0 || l >= depth) {
            throw invalid("unknown label " + Integer.toUnsignedString(l));
        }
        return depth - 1 - l;
    }

    /** The types a branch to frame {@code f} carries: a loop's parameters, else its results. */
    int[] labelTypes(int f) {
        return kind[f] == LOOP ? params[f] : results[f];
    }

    /** The rest of the current frame is unreachable: its stack becomes polymorphic. */
    void setUnreachable() {
        int f = depth - 1;
        sp = height[f];
        unreachable[f] = true;
    }

    // ---- operand stack ----

    void push(int t) {
        if (sp == vals.length) {
            grow(1);
        }
        vals[sp++] = t;
        if (sp > maxSp) {
            maxSp = sp;
        }
    }

    void pushAll(int[] ts) {
        pushAll(ts, 0, ts.length);
    }

    void pushAll(int[] ts, int from, int to) {
        int n = to - from;
        if (sp + n > vals.length) {
            grow(n);
        }
        System.arraycopy(ts, from, vals, sp, n);
        sp += n;
        if (sp > maxSp) {
            maxSp = sp;
        }
    }

    private void grow(int n) {
        long need = (long) sp + n;
        if (need > MAX_HEIGHT) {
            throw invalid("operand stack too large");
        }
        vals = Arrays.copyOf(vals, (int) Math.max(need, Math.min((long) vals.length * 2, MAX_HEIGHT)));
    }

    /** Pops a value of any type (BOTTOM when the stack is polymorphic). */
    int pop() {
        if (sp == height[depth - 1]) {
            if (unreachable[depth - 1]) {
                return Subtyping.BOTTOM;
            }
            throw invalid("type mismatch: instruction requires [any] but stack has []");
        }
        return vals[--sp];
    }

    /** Pops a value that must match {@code expected}; returns the actual type. */
    int pop(int expected) {
        int f = depth - 1;
        if (sp > height[f]) {
            int actual = vals[sp - 1];
            if (actual != expected && !sub.isSubtype(actual, expected)) {
                throw mismatch(expected);
            }
            sp--;
            return actual;
        }
        if (unreachable[f]) {
            return Subtyping.BOTTOM;
        }
        throw mismatch(expected);
    }

    /** The type at {@code k} values below the top (0 = top), or BOTTOM if the stack is polymorphic there. */
    int peek(int k) {
        int f = depth - 1;
        if (sp - k > height[f]) {
            return vals[sp - 1 - k];
        }
        return Subtyping.BOTTOM;
    }

    /** Pops values matching {@code ts} (the last on top). */
    void popAll(int[] ts) {
        popAll(ts, 0, ts.length);
    }

    /** Pops values matching {@code ts[from..to)} (the last on top). */
    void popAll(int[] ts, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        int f = depth - 1;
        int base = sp - n;
        if (base >= height[f]) {
            // the common case: all operands are on the stack
            for (int k = 0; k < n; k++) {
                int actual = vals[base + k];
                int expected = ts[from + k];
                if (actual != expected && !sub.isSubtype(actual, expected)) {
                    throw mismatch(ts, from, to);
                }
            }
            sp = base;
            return;
        }
        int avail = sp - height[f];
        for (int k = 0; k < n; k++) {
            int expected = ts[to - 1 - k];
            if (k < avail) {
                int actual = vals[sp - 1 - k];
                if (actual != expected && !sub.isSubtype(actual, expected)) {
                    throw mismatch(ts, from, to);
                }
            } else if (!unreachable[f]) {
                throw mismatch(ts, from, to);
            } else {
                break;
            }
        }
        sp = n <= avail ? sp - n : height[f];
    }

    /** Whether the top values match {@code ts} (the last on top), without popping. */
    boolean topMatches(int[] ts) {
        int f = depth - 1;
        int avail = sp - height[f];
        int n = ts.length;
        for (int k = 0; k < n; k++) {
            if (k < avail) {
                int actual = vals[sp - 1 - k];
                int expected = ts[n - 1 - k];
                if (actual != expected && !sub.isSubtype(actual, expected)) {
                    return false;
                }
            } else {
                return unreachable[f];
            }
        }
        return true;
    }

    /** Pops {@code n} values that must each match {@code t}. */
    void popRepeated(int t, long n) {
        int f = depth - 1;
        long avail = sp - height[f];
        long checked = Math.min(n, avail);
        for (int k = 0; k < checked; k++) {
            int actual = vals[sp - 1 - k];
            if (actual != t && !sub.isSubtype(actual, t)) {
                throw invalid("type mismatch: instruction requires " + types.name(t) + " but stack has "
                        + types.name(actual));
            }
        }
        if (n > avail && !unreachable[f]) {
            throw invalid("type mismatch: instruction requires " + n + " values of type " + types.name(t)
                    + " but stack has " + describeTop((int) avail));
        }
        sp -= (int) checked;
    }

    /**
     * Pops a reference; returns its type, or a non-null reference to {@link Subtyping#BOTTOM_HEAP}
     * when the stack is polymorphic.
     */
    int popRef() {
        int t = pop();
        if (t == Subtyping.BOTTOM) {
            return ValType.ref(false, Subtyping.BOTTOM_HEAP);
        }
        if (!ValType.isRef(t)) {
            throw invalid("type mismatch: instruction requires reference type but stack has " + types.name(t));
        }
        return t;
    }

    /** Fails unless the top value (if any) is a reference; does not pop. */
    void peekRef() {
        int t = peek(0);
        if (t != Subtyping.BOTTOM && !ValType.isRef(t)) {
            throw invalid("type mismatch: instruction requires reference type but stack has " + types.name(t));
        }
    }

    // ---- errors ----

    InvalidException mismatch(int expected) {
        return invalid("type mismatch: instruction requires [" + types.name(expected) + "] but stack has "
                + describeTop(1));
    }

    InvalidException mismatch(int[] ts, int from, int to) {
        return invalid("type mismatch: instruction requires " + types.names(ts, from, to) + " but stack has "
                + describeTop(to - from));
    }

    /** The top {@code n} types of the current frame, as the reference interpreter prints them. */
    String describeTop(int n) {
        int f = depth - 1;
        int avail = sp - height[f];
        int shown = Math.min(n, avail);
        StringBuilder sb = new StringBuilder("[");
        if (unreachable[f]) {
            for (int i = shown; i < n; i++) {
                sb.append(sb.length() > 1 ? " " : "").append("_");
            }
        }
        for (int i = sp - shown; i < sp; i++) {
            sb.append(sb.length() > 1 ? " " : "").append(types.name(vals[i]));
        }
        return sb.append(']').toString();
    }

    InvalidException invalid(String reason) {
        return new InvalidException(reason, at);
    }
}
