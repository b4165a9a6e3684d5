package dev.wasmj.format.text;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Global;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.Table;
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
    private final Tokens tokens;
    /** (offset in the expression, token) pairs of the instructions of every unit, unit after unit. */
    private final IntList pairs = new IntList();
    /** The index in {@link #pairs} of each unit's first pair. */
    private final IntList unitStarts = new IntList();
    /** The opening parenthesis of each unit's field. */
    private final IntList unitFields = new IntList();

    /** The unit of each defined function, global, table (-1: no initializer), element and data segment offset. */
    private final IntList functions = new IntList();
    private final IntList globals = new IntList();
    private final IntList tables = new IntList();
    private final IntList elementOffsets = new IntList();
    private final IntList dataOffsets = new IntList();
    /** Per element segment: the unit of its first item expression (the others follow), or -1. */
    private final IntList elementItems = new IntList();
    private final IntList elementItemCounts = new IntList();

    SourceMap(Tokens tokens) {
        this.tokens = tokens;
    }

    // ---- recording (by the parser) ----

    /** Starts the expression of field {@code field} (its opening parenthesis); returns the new unit. */
    int begin(int field) {
        unitStarts.add(pairs.size());
        unitFields.add(field);
        return unitStarts.size() - 1;
    }

    /** The opcode of the instruction named by {@code token} is at {@code offset} of the current unit. */
    void instruction(int offset, int token) {
        pairs.add(offset);
        pairs.add(token);
    }

    void function(int unit) {
        functions.add(unit);
    }

    void global(int unit) {
        globals.add(unit);
    }

    void table(int unit) {
        tables.add(unit);
    }

    void data(int offsetUnit) {
        dataOffsets.add(offsetUnit);
    }

    void element(int offsetUnit, int firstItemUnit, int itemCount) {
        elementOffsets.add(offsetUnit);
        elementItems.add(firstItemUnit);
        elementItemCounts.add(itemCount);
    }

    /** The number of units so far: the next unit's index. */
    int units() {
        return unitStarts.size();
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
        for (int i = 0; i < m.codes().size() && i < functions.size(); i++) {
            int t = token(functions.get(i), m.codes().get(i).code(), offset);
            if (t >= 0) {
                return t;
            }
        }
        List<Global> gs = m.globals();
        for (int i = 0; i < gs.size() && i < globals.size(); i++) {
            int t = token(globals.get(i), gs.get(i).init(), offset);
            if (t >= 0) {
                return t;
            }
        }
        List<Table> ts = m.tables();
        for (int i = 0; i < ts.size() && i < tables.size(); i++) {
            int t = token(tables.get(i), ts.get(i).init(), offset);
            if (t >= 0) {
                return t;
            }
        }
        List<ElementSegment> es = m.elements();
        for (int i = 0; i < es.size() && i < elementOffsets.size(); i++) {
            ElementSegment e = es.get(i);
            int t = token(elementOffsets.get(i), e.offset(), offset);
            int first = elementItems.get(i);
            if (t < 0 && first >= 0 && e.exprs() != null && e.exprs().size() == elementItemCounts.get(i)) {
                for (int k = 0; k < e.exprs().size() && t < 0; k++) {
                    t = token(first + k, e.exprs().get(k), offset);
                }
            }
            if (t >= 0) {
                return t;
            }
        }
        List<DataSegment> ds = m.data();
        for (int i = 0; i < ds.size() && i < dataOffsets.size(); i++) {
            int t = token(dataOffsets.get(i), ds.get(i).offset(), offset);
            if (t >= 0) {
                return t;
            }
        }
        return -1;
    }

    /**
     * The token of the instruction of {@code unit} at byte {@code offset} of the encoding, given
     * the unit's slice of the encoding; -1 when the offset is outside the slice (or there is none).
     */
    private int token(int unit, Bytes slice, long offset) {
        if (unit < 0 || slice == null || offset < slice.start() || offset >= slice.end()) {
            return -1;
        }
        int relative = (int) (offset - slice.start());
        int from = unitStarts.get(unit);
        int to = unit + 1 < unitStarts.size() ? unitStarts.get(unit + 1) : pairs.size();
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
        return found < 0 ? unitFields.get(unit) : pairs.get(from + 2 * found + 1);
    }
}
