package dev.wasmj.format;

/**
 * The body of a defined function, kept as bytes: no object per instruction.
 *
 * @param localCounts how many locals each local declaration declares
 * @param localTypes  the type ({@link ValType}) of each local declaration
 * @param code        the instructions, up to and including the final {@code end}
 */
public record FunctionBody(int[] localCounts, int[] localTypes, Bytes code) {

    /** The total number of declared locals (not counting parameters). */
    public long localCount() {
        long n = 0;
        for (int c : localCounts) {
            n += Integer.toUnsignedLong(c);
        }
        return n;
    }
}
