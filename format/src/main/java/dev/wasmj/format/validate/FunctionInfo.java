package dev.wasmj.format.validate;

/**
 * What validation learned about one function body that an interpreter needs.
 *
 * <p>The side table has one entry per {@code block}, {@code loop}, {@code if}, {@code try} and
 * {@code try_table}, in the order they appear (so sorted by offset). Offsets are relative to the
 * start of the body's {@link dev.wasmj.format.FunctionBody#code() code}. For an {@code if} the
 * middle offset is its {@code else} (-1 if none); for a legacy {@code try} it is its first
 * {@code catch}, {@code catch_all} or {@code delegate} (-1 if none); the end offset is that of the
 * {@code end} (or {@code delegate}) closing the block.
 *
 * @param maxStackHeight  the most operand values on the stack at once (a v128 counts as one)
 * @param maxControlDepth the deepest nesting of control frames, the function's own frame included
 * @param blocks          the side table: for entry {@code i}, {@code blocks[3i]} is the block's
 *                        offset, {@code blocks[3i+1]} its else (or first catch), {@code blocks[3i+2]}
 *                        its end
 */
public record FunctionInfo(int maxStackHeight, int maxControlDepth, int[] blocks) {

    /** The number of blocks in the side table. */
    public int blockCount() {
        return blocks.length / 3;
    }

    /** The side table entry of the block instruction at {@code offset}, or -1 if there is none. */
    public int blockAt(int offset) {
        int lo = 0;
        int hi = blockCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int o = blocks[3 * mid];
            if (o < offset) {
                lo = mid + 1;
            } else if (o > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The offset of the block instruction of entry {@code i}. */
    public int start(int i) {
        return blocks[3 * i];
    }

    /** The offset of the {@code else} (or first {@code catch}) of entry {@code i}, or -1. */
    public int elseOffset(int i) {
        return blocks[3 * i + 1];
    }

    /** The offset of the {@code end} (or {@code delegate}) of entry {@code i}. */
    public int end(int i) {
        return blocks[3 * i + 2];
    }
}
