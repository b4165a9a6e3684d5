package dev.wasmj.format;

import java.util.Arrays;

/**
 * Where each declaration of a decoded binary module starts: the byte offset of each type (sub
 * type), import, function declaration, table, memory, tag, global, export, element and data
 * segment, of the start section's function index, and of each section. Validation errors about
 * a declaration carry its offset.
 *
 * <p>One int array per kind, filled by the decoder in declaration order: the i-th offset of a kind
 * is that of the i-th entry of the module's list of that kind ({@link WasmModule#types()},
 * {@link WasmModule#imports()}, {@link WasmModule#functions()}, {@link WasmModule#tables()}, ...),
 * defined entities only (imports are counted as {@link Kind#IMPORT}).
 */
public final class DeclarationOffsets {
    /** The kinds of declaration. */
    public enum Kind { TYPE, IMPORT, FUNCTION, TABLE, MEMORY, TAG, GLOBAL, EXPORT, START, ELEMENT, DATA }

    private static final Kind[] KINDS = Kind.values();
    private static final int[] NONE = new int[0];

    /** No positions: for modules not decoded from bytes. */
    public static final DeclarationOffsets EMPTY = new DeclarationOffsets();

    private final int[][] offsets = new int[KINDS.length][];
    private final int[] counts = new int[KINDS.length];
    private final int[] sections = new int[SectionId.values().length];
    private int branchHints = -1;

    private DeclarationOffsets() {
        Arrays.fill(offsets, NONE);
        Arrays.fill(sections, -1);
    }

    /** Collects offsets in declaration order (by the decoder); {@link #build} ends its use. */
    public static final class Builder {
        private DeclarationOffsets o = new DeclarationOffsets();

        /** Records that the next declaration of {@code kind} starts at {@code offset}. */
        public void add(Kind kind, int offset) {
            int k = kind.ordinal();
            int[] a = o.offsets[k];
            if (o.counts[k] == a.length) {
                a = o.offsets[k] = Arrays.copyOf(a, Math.max(8, a.length * 2));
            }
            a[o.counts[k]++] = offset;
        }

        /** Records that {@code section} (its id byte) starts at {@code offset}. */
        public void section(SectionId section, int offset) {
            o.sections[section.ordinal()] = offset;
        }

        /** Records that the {@code metadata.code.branch_hint} custom section starts at {@code offset}. */
        public void branchHints(int offset) {
            o.branchHints = offset;
        }

        /** The offsets collected; the builder cannot be used afterwards. */
        public DeclarationOffsets build() {
            DeclarationOffsets built = o;
            o = null;
            return built;
        }
    }

    /** The offset of declaration {@code index} of {@code kind}, or -1 when unknown. */
    public int of(Kind kind, int index) {
        int k = kind.ordinal();
        return index >= 0 && index < counts[k] ? offsets[k][index] : -1;
    }

    /** The offset of {@code section}, or -1 when unknown or absent. */
    public int section(SectionId section) {
        return sections[section.ordinal()];
    }

    /** The offset of the {@code metadata.code.branch_hint} custom section, or -1. */
    public int branchHints() {
        return branchHints;
    }

    /** How many declarations of {@code kind} have offsets. */
    public int count(Kind kind) {
        return counts[kind.ordinal()];
    }

    /**
     * The declaration that {@code offset} is in, as {@code kind ordinal << 32 | index}, or -1: the
     * last declaration starting at or before it, of whichever kind, if the offset is before the next
     * declaration of that kind and before the next section.
     */
    public long declarationAt(long offset) {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            return -1;
        }
        long found = -1;
        int foundStart = -1;
        for (int k = 0; k < KINDS.length; k++) {
            int i = Arrays.binarySearch(offsets[k], 0, counts[k], (int) offset);
            i = i >= 0 ? i : -i - 2; // the last at or before the offset
            if (i < 0 || offsets[k][i] <= foundStart) {
                continue;
            }
            int start = offsets[k][i];
            int end = i + 1 < counts[k] ? offsets[k][i + 1] : Integer.MAX_VALUE;
            for (int section : sections) {
                if (section > start && section < end) {
                    end = section;
                }
            }
            if (branchHints > start && branchHints < end) {
                end = branchHints;
            }
            if (offset < end) {
                found = (long) k << 32 | i;
                foundStart = start;
            }
        }
        return found;
    }
}
