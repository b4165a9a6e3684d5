package dev.wasmj.format;

/**
 * A data segment.
 *
 * @param mode   active or passive
 * @param memory the memory index of an active segment (0 otherwise)
 * @param offset the offset expression of an active segment, or null
 * @param init   the bytes
 */
public record DataSegment(SegmentMode mode, int memory, Bytes offset, Bytes init) {
}
