package dev.wasmj.format;

/**
 * The body of a defined function, kept as bytes: no object per instruction.
 *
 * @param localCounts how many locals each local declaration declares
 * @param localTypes  the type ({@link ValType}) of each local declaration
 * @param localsSize  the size in bytes of the local declarations in the binary format, i.e. where
 *                    the instructions start in the body: as read by the decoder, or, for a body
 *                    made otherwise, as {@code BinaryEncoder} writes them (offsets of
 *                    {@link BranchHints} count from the start of the declarations)
 * @param code        the instructions, up to and including the final {@code end}
 */
public record FunctionBody(int[] localCounts, int[] localTypes, int localsSize, Bytes code) {

    /** The total number of declared locals (not counting parameters). */
    public long localCount() {
        long n = 0;
        for (int c : localCounts) {
            n += Integer.toUnsignedLong(c);
        }
        return n;
    }
}
