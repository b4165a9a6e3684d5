package dev.wasmj.format;

import java.util.List;

/**
 * An element segment.
 *
 * @param mode          active, passive or declarative
 * @param table         the table index of an active segment (0 otherwise)
 * @param offset        the offset expression of an active segment, or null
 * @param type          the reference type of the elements ({@link ValType})
 * @param funcIndices   the elements as function indices (the compact form), or null
 * @param exprs         the elements as constant expressions, or null when {@code funcIndices} is used
 */
public record ElementSegment(SegmentMode mode, int table, Bytes offset, int type, int[] funcIndices,
                             List<Bytes> exprs) {

    /** The number of elements. */
    public int size() {
        return funcIndices != null ? funcIndices.length : exprs.size();
    }
}
