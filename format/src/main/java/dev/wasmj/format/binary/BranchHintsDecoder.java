package dev.wasmj.format.binary;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.MalformedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the branch hinting proposal's {@code metadata.code.branch_hint} custom section:
 * {@code vec(funcidx vec(offset:u32 size:u32 hint:byte))}, where the size must be 1 and the hint
 * 0 (unlikely) or 1 (likely). Unlike the {@code name} section, a malformed branch hint section
 * fails the module, as in the reference interpreter: its messages start with
 * {@code "@metadata.code.branch_hint section: "}. Whether the hints point at branches is checked by
 * the validator, which knows where instructions start.
 */
final class BranchHintsDecoder {
    private static final String PREFIX = "@" + BranchHints.SECTION_NAME + " section: ";
    /** The fewest bytes a function's entry takes: its index and its number of hints. */
    private static final int MIN_FUNCTION = 2;

    private final WasmReader in;

    private BranchHintsDecoder(byte[] bytes, int start, int end) {
        this.in = new WasmReader(bytes, start, end).inSections();
    }

    /** The hints in {@code bytes[start, end)}, the content of a {@code metadata.code.branch_hint} section. */
    static BranchHints decode(byte[] bytes, int start, int end) {
        try {
            return new BranchHintsDecoder(bytes, start, end).section();
        } catch (MalformedException e) {
            throw new MalformedException(PREFIX + e.reason(), e.offset());
        }
    }

    private BranchHints section() {
        int n = in.len32();
        List<FunctionHints> functions = new ArrayList<>(Math.min(n, in.remaining() / MIN_FUNCTION));
        for (int i = 0; i < n; i++) {
            functions.add(function());
        }
        if (!in.atEnd()) {
            throw in.error("unexpected content after the hints");
        }
        return new BranchHints(functions);
    }

    private FunctionHints function() {
        int funcIndex = in.u32();
        int n = in.len32();
        int[] offsets = new int[n];
        boolean[] likely = new boolean[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = in.u32();
            int sizeAt = in.pos();
            if (in.u32() != 1) {
                throw in.error("missing reserved byte", sizeAt);
            }
            int hintAt = in.pos();
            int hint = in.u8();
            if (hint > 1) {
                throw in.error("invalid hint value", hintAt);
            }
            likely[i] = hint == 1;
        }
        return new FunctionHints(funcIndex, offsets, likely);
    }
}
