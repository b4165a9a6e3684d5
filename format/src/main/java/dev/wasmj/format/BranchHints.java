package dev.wasmj.format;

import java.util.List;

/**
 * What the branch hinting proposal's {@code metadata.code.branch_hint} custom section says: which
 * {@code if} and {@code br_if} instructions of some functions are likely, or unlikely, to branch.
 * {@link #EMPTY} when the module has no such section.
 *
 * <p>An offset is the proposal's: bytes from the start of the function's body in the binary
 * format, i.e. from its local declarations. The instruction a hint is about starts at
 * {@code offset - body.localsSize()} in the body's {@link FunctionBody#code() code}.
 *
 * <p>The decoder keeps the section's order; {@link dev.wasmj.format.validate.Validator} checks
 * that functions and offsets ascend and that every offset is an {@code if} or {@code br_if}.
 *
 * @param functions the hinted functions, in the order of the section
 */
public record BranchHints(List<FunctionHints> functions) {
    /** The name of the custom section. */
    public static final String SECTION_NAME = "metadata.code.branch_hint";

    public static final BranchHints EMPTY = new BranchHints(List.of());

    public BranchHints {
        functions = List.copyOf(functions);
    }

    public boolean isEmpty() {
        return functions.isEmpty();
    }

    /**
     * The hints for one function, as parallel arrays (no object per hint).
     *
     * @param funcIndex the function's index (imported functions first)
     * @param offsets   each hinted instruction's offset from the start of the body (a u32)
     * @param likely    for each offset: whether the branch is likely taken (hint 1) or not (hint 0)
     */
    public record FunctionHints(int funcIndex, int[] offsets, boolean[] likely) {
        public FunctionHints {
            if (offsets.length != likely.length) {
                throw new IllegalArgumentException(offsets.length + " offsets but " + likely.length + " hints");
            }
        }

        /** The number of hints. */
        public int size() {
            return offsets.length;
        }
    }
}
