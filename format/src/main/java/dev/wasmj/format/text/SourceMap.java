package dev.wasmj.format.text;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;

import java.util.List;

/**
 * Where the instructions of a parsed text module came from in the text, so that an error found
 * at a byte offset of the module's binary encoding (by the decoder or the validator) can be
 * reported at a line and column.
 *
 * <p>Each expression the parser writes (a function body, a global's or table's initializer, a
 * segment's offset, an element item) is a unit: the field it belongs to, and for each instruction
 * the pair (offset of its opcode in the expression, token of its mnemonic), in ascending offsets,
 * all in one int array. The encoder copies expressions verbatim, so the same expression of the
 * decoded encoding holds the same bytes at the same relative offsets; an offset between two
 * instructions' opcodes (an immediate, or an implicit {@code end}) belongs to the instruction
 * before it.
 *
 * <p>Errors elsewhere (types, imports, exports, limits) have no offset inside an expression and
 * keep their byte offset.
 */
public final class SourceMap {
    /** The kinds of expression: what a unit's index and item number count. */
    static final int FUNCTION = 0;
    static final int GLOBAL = 1;
    static final int TABLE = 2;
    static final int ELEMENT_OFFSET = 3;
    static final int ELEMENT_ITEM = 4;
    static final int DATA_OFFSET = 5;

    /** Ints per unit in {@link #units}. */
    private static final int UNIT = 5;

    private final Tokens tokens;
    /** (offset in the expression, token) pairs of the instructions of every unit, unit after unit. */
    private final IntList pairs = new IntList();
    /**
     * Per unit: its first pair in {@link #pairs}, the opening parenthesis of its field, its kind,
     * and which expression of the module it is: the index of the defined function, global, table
     * or segment (counted in the module's lists), and for an element item, which item.
     */
    private final IntList units = new IntList();

    SourceMap(Tokens tokens) {
        this.tokens = tokens;
    }

    // ---- recording (by the parser) ----

    /**
     * Starts an expression of field {@code field} (its opening parenthesis): of {@code kind}, for
     * entity {@code index} of that kind (and item {@code item} of an element segment, else 0).
     */
    void begin(int field, int kind, int index, int item) {
        units.add(pairs.size());
        units.add(field);
        units.add(kind);
        units.add(index);
        units.add(item);
    }

    /** The opcode of the instruction named by {@code token} is at {@code offset} of the current expression. */
    void instruction(int offset, int token) {
        pairs.add(offset, token);
    }

    // ---- lookup ----

    /** A 1-based line and column in the text. */
    public record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    /**
     * The text position of byte {@code offset} of the binary encoding of the parsed module, or
     * null when the offset is not inside an expression.
     *
     * @param decoded the module decoded from that encoding (its slices give the expressions' offsets)
     */
    public Position position(WasmModule decoded, long offset) {
        int token = token(decoded, offset);
        return token < 0 ? null : new Position(tokens.line(token), tokens.column(token));
    }

    /**
     * {@code e} at the text position of its byte offset in the encoding of the parsed module, or
     * {@code e} itself when it has no such position.
     */
    public WasmFormatException locate(WasmFormatException e, WasmModule decoded) {
        Position p = e.line() > 0 || decoded == null ? null : position(decoded, e.offset());
        if (p == null) {
            return e;
        }
        WasmFormatException located = e instanceof InvalidException
                ? new InvalidException(e.reason(), p.line(), p.column())
                : new MalformedException(e.reason(), p.line(), p.column());
        located.initCause(e);
        return located;
    }

    /** The token that byte {@code offset} of the encoding came from, or -1. */
    private int token(WasmModule m, long offset) {
        if (offset < 0) {
            return -1;
        }
        for (int u = 0; u < units.size() / UNIT; u++) {
            Bytes slice = slice(m, units.get(u * UNIT + 2), units.get(u * UNIT + 3), units.get(u * UNIT + 4));
            if (slice != null && offset >= slice.start() && offset < slice.end()) {
                return token(u, (int) (offset - slice.start()));
            }
        }
        return -1;
    }

    /** The expression of the decoded module that unit's {@code kind}, {@code index} and {@code item} name, or null. */
    private static Bytes slice(WasmModule m, int kind, int index, int item) {
        return switch (kind) {
            case FUNCTION -> index < m.codes().size() ? m.codes().get(index).code() : null;
            case GLOBAL -> index < m.globals().size() ? m.globals().get(index).init() : null;
            case TABLE -> index < m.tables().size() ? m.tables().get(index).init() : null;
            case ELEMENT_OFFSET -> index < m.elements().size() ? m.elements().get(index).offset() : null;
            case ELEMENT_ITEM -> {
                List<Bytes> items = index < m.elements().size() ? m.elements().get(index).exprs() : null;
                yield items != null && item < items.size() ? items.get(item) : null;
            }
            case DATA_OFFSET -> index < m.data().size() ? m.data().get(index).offset() : null;
            default -> throw new IllegalStateException("unit kind " + kind);
        };
    }

    /**
     * The token of the instruction at byte {@code relative} of the expression of {@code unit}:
     * the last instruction whose opcode is at or before it, else (an empty expression) the field.
     */
    private int token(int unit, int relative) {
        int from = units.get(unit * UNIT);
        int to = (unit + 1) * UNIT < units.size() ? units.get((unit + 1) * UNIT) : pairs.size();
        // the last pair at or before the offset
        int lo = 0;
        int hi = (to - from) / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (pairs.get(from + 2 * mid) <= relative) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? units.get(unit * UNIT + 1) : pairs.get(from + 2 * found + 1);
    }
}
