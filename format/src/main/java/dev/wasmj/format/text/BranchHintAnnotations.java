package dev.wasmj.format.text;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.MalformedException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects branch hint annotations, {@code (@metadata.code.branch_hint "\00")} (unlikely) or
 * {@code "\01"} (likely), into {@link BranchHints}, as the reference interpreter reads them: an
 * annotation inside a function's definition hints the first instruction of the function that
 * starts after it, where a folded instruction starts at its opening parenthesis. So
 * {@code (@metadata.code.branch_hint "\01") (if (local.get 0) (then))} hints the {@code if}, whose
 * opcode follows the condition's in the binary format. Whether that instruction is an {@code if}
 * or {@code br_if} is the validator's concern, as in the reference interpreter.
 *
 * <p>The code parser reports where each instruction starts ({@link #bind}) and, once it has written
 * it, where its opcode is ({@link #resolve}). The messages are the reference interpreter's.
 */
final class BranchHintAnnotations {
    static final String NAME = BranchHints.SECTION_NAME;
    private static final String PREFIX = "@" + NAME + " annotation: ";

    private final Tokens tokens;
    private final List<FunctionHints> functions = new ArrayList<>();
    /** The function whose definition is being read, or -1 outside a function definition. */
    private int funcIndex = -1;
    /** The current function's annotations in source order: token, hint, code offset (or -1). */
    private final IntList annotations = new IntList();
    private final IntList hints = new IntList();
    private final IntList offsets = new IntList();
    /** The annotations before this one have their instruction. */
    private int bound;

    BranchHintAnnotations(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Reads the annotation at token {@code at}; it must be inside a function definition. */
    void annotation(int at) {
        int close = tokens.partner(at);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int t = at + 1; t < close; t++) {
            if (tokens.kind(t) != Tokens.STRING) {
                throw error(t, "unexpected token");
            }
            payload.writeBytes(tokens.stringBytes(t));
        }
        if (funcIndex < 0) {
            throw error(at, "not in a function");
        }
        byte[] hint = payload.toByteArray();
        if (hint.length != 1 || (hint[0] != 0 && hint[0] != 1)) {
            throw error(at, "invalid hint value");
        }
        annotations.add(at);
        hints.add(hint[0]);
        offsets.add(-1);
    }

    /** The definition of function {@code index} starts: annotations from here on are in it. */
    void enterFunction(int index) {
        funcIndex = index;
    }

    /** The function being defined is imported: it has no code, its annotations are misplaced. */
    void importedFunction() {
        if (!annotations.isEmpty()) {
            throw error(annotations.get(0), "not in a function");
        }
        funcIndex = -1;
    }

    /**
     * An instruction starts at token {@code start}: it gets the annotation before it, if any.
     *
     * @return the annotation, for {@link #resolve}, or -1
     */
    int bind(int start) {
        if (bound == annotations.size() || annotations.get(bound) > start) {
            return -1;
        }
        int hint = bound++;
        if (bound < annotations.size() && annotations.get(bound) < start) {
            throw error(annotations.get(bound), "duplicate annotation");
        }
        return hint;
    }

    /** The instruction of annotation {@code hint} (from {@link #bind}; -1 for none) is at {@code offset} in the code. */
    void resolve(int hint, int offset) {
        if (hint >= 0) {
            offsets.set(hint, offset);
        }
    }

    /** {@link #bind} and {@link #resolve} at once, for an instruction whose opcode is written as it starts. */
    void instruction(int start, int offset) {
        resolve(bind(start), offset);
    }

    /**
     * The function's code has been read; its local declarations take {@code localsSize} bytes.
     * Each annotation must have had an instruction, a later one than the annotation before.
     */
    void endFunction(int localsSize) {
        int n = annotations.size();
        if (bound < n) {
            throw error(annotations.get(bound), "invalid placement");
        }
        if (n > 0) {
            int[] bodyOffsets = new int[n];
            boolean[] likely = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (i > 0 && offsets.get(i) <= offsets.get(i - 1)) {
                    throw error(annotations.get(i), "duplicate annotation");
                }
                bodyOffsets[i] = localsSize + offsets.get(i);
                likely[i] = hints.get(i) == 1;
            }
            functions.add(new FunctionHints(funcIndex, bodyOffsets, likely));
        }
        annotations.clear();
        hints.clear();
        offsets.clear();
        bound = 0;
        funcIndex = -1;
    }

    /** The hints of all functions read. */
    BranchHints hints() {
        return functions.isEmpty() ? BranchHints.EMPTY : new BranchHints(functions);
    }

    private MalformedException error(int token, String reason) {
        return tokens.error(token, PREFIX + reason);
    }
}
