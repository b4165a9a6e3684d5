package dev.wasmj.format.text;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.WasmWriter;

import java.util.Arrays;

/**
 * Parses instruction sequences (function bodies and constant expressions), plain and folded, and
 * writes their binary encoding. Nesting is tracked on explicit stacks, never by recursion, so the
 * depth of blocks and folded expressions is limited only by memory.
 *
 * <p>A folded plain instruction {@code (op imm* operand*)} has its own encoding written to a side
 * buffer when it opens and copied to the output when it closes, after its operands.
 *
 * <p>Each instruction's start is reported to the {@link BranchHintAnnotations}, and then where its
 * opcode was written: for a folded {@code if} or plain instruction, that is after the operands.
 * Where each opcode was written is also recorded in the {@link SourceMap}, with the token of its
 * mnemonic (block delimiters included; the {@code end} of a folded block or of the expression has
 * no token of its own).
 */
final class CodeParser {
    // frame kinds
    private static final int PLAIN_BLOCK = 0;     // block, loop, try_table ... end
    private static final int PLAIN_IF = 1;        // if ... (else) ... end, before else
    private static final int PLAIN_ELSE = 2;
    private static final int PLAIN_TRY = 3;       // legacy try, before any catch
    private static final int PLAIN_CATCH = 4;     // after catch
    private static final int PLAIN_CATCH_ALL = 5; // after catch_all
    private static final int FOLDED_BLOCK = 6;    // (block ...), (loop ...), (try_table ...)
    private static final int FOLDED_PLAIN = 7;    // (op imm* operand*)
    private static final int FOLDED_IF = 8;       // state: 0 condition, 1 after then, 2 after else
    private static final int FOLDED_ARM = 9;      // (then ...), (else ...), (do ...), (catch ...)
    private static final int FOLDED_TRY = 10;     // state: 0 before do, 1 after do, 2 after catch_all, 3 delegated, 4 after catch

    private final ModuleContext m;
    private final TokenCursor c;
    private final Tokens tokens;
    private final TypeParser types;
    private final Labels labels = new Labels();
    private final ImmediateParser immediates;
    private final WasmWriter pending = new WasmWriter();
    private final BranchHintAnnotations hints;
    private final SourceMap positions;

    private int[] kinds = new int[16];
    /** FOLDED_PLAIN: start in {@link #pending}; FOLDED_IF/FOLDED_TRY: state. */
    private int[] a = new int[16];
    /** FOLDED_PLAIN: end in {@link #pending}; FOLDED_IF: block type. */
    private long[] b = new long[16];
    /** FOLDED_IF: the label, pushed only at {@code (then}. */
    private String[] ifLabels = new String[16];
    /** FOLDED_IF, FOLDED_PLAIN: the branch hint annotation of the instruction, or -1. */
    private int[] hintOf = new int[16];
    /** FOLDED_IF, FOLDED_PLAIN: the token of the instruction's mnemonic. */
    private int[] mnemonicOf = new int[16];
    private int depth;
    private int foldedPlain;

    CodeParser(ModuleContext m, TokenCursor c, TypeParser types, BranchHintAnnotations hints, SourceMap positions) {
        this.m = m;
        this.hints = hints;
        this.positions = positions;
        this.c = c;
        this.tokens = c.tokens;
        this.types = types;
        this.immediates = new ImmediateParser(m, c, types, labels);
    }

    /**
     * Parses instructions up to the {@code )} that closes the enclosing field (not consumed) and
     * writes them to {@code out}, followed by {@code end}.
     *
     * @param locals the function's locals, or an empty space for constant expressions
     */
    void expression(IndexSpace locals, WasmWriter out) {
        reset(locals);
        while (depth > 0 || c.peek() != Tokens.RPAR) {
            step(out);
        }
        out.u8(0x0B);
    }

    /**
     * Parses one folded instruction (the abbreviated forms of offsets and element items) and writes
     * it to {@code out}, followed by {@code end}.
     */
    void folded(IndexSpace locals, WasmWriter out) {
        reset(locals);
        if (c.peek() != Tokens.LPAR) {
            throw c.unexpected();
        }
        do {
            step(out);
        } while (depth > 0);
        out.u8(0x0B);
    }

    /** Whether an instruction so far needs the data count section (it names a data segment). */
    boolean usesDataCount() {
        return immediates.usesDataCount;
    }

    private void reset(IndexSpace locals) {
        immediates.locals = locals;
        depth = 0;
        labels.clear();
        pending.reset();
        foldedPlain = 0;
    }

    /** Handles the next token of an instruction sequence. */
    private void step(WasmWriter out) {
        byte k = c.peek();
        if (k == Tokens.RPAR) {
            close(out);
        } else if (k == Tokens.LPAR) {
            open(out);
        } else if (k == Tokens.KEYWORD) {
            if (depth > 0 && !acceptsPlain(kinds[depth - 1])) {
                throw c.unexpected();
            }
            plain(out);
        } else {
            throw c.unexpected();
        }
    }

    /** Whether plain instructions may appear directly inside a frame of this kind. */
    private static boolean acceptsPlain(int kind) {
        return kind != FOLDED_PLAIN && kind != FOLDED_IF && kind != FOLDED_TRY;
    }

    private void push(int kind, int x, long y) {
        if (depth == kinds.length) {
            int n = depth * 2;
            kinds = Arrays.copyOf(kinds, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            ifLabels = Arrays.copyOf(ifLabels, n);
            hintOf = Arrays.copyOf(hintOf, n);
            mnemonicOf = Arrays.copyOf(mnemonicOf, n);
        }
        kinds[depth] = kind;
        a[depth] = x;
        b[depth] = y;
        ifLabels[depth] = null;
        hintOf[depth] = -1;
        depth++;
    }

    private int topKind() {
        return depth == 0 ? -1 : kinds[depth - 1];
    }

    // ---- plain (unfolded) instructions ----

    private void plain(WasmWriter out) {
        int t = c.next();
        String kw = tokens.text(t);
        if (!isDelimiter(kw)) {
            hints.instruction(t, out.size());
        }
        positions.instruction(out.size(), t);
        switch (kw) {
            case "block", "loop" -> {
                String label = c.acceptId();
                long bt = types.blockType();
                out.u8(kw.equals("block") ? 0x02 : 0x03);
                blockType(bt, out);
                labels.push(label);
                push(PLAIN_BLOCK, 0, 0);
            }
            case "if" -> {
                String label = c.acceptId();
                long bt = types.blockType();
                out.u8(0x04);
                blockType(bt, out);
                labels.push(label);
                push(PLAIN_IF, 0, 0);
            }
            case "try_table" -> {
                String label = c.acceptId();
                tryTable(out);
                labels.push(label);
                push(PLAIN_BLOCK, 0, 0);
            }
            case "try" -> {
                String label = c.acceptId();
                long bt = types.blockType();
                out.u8(0x06);
                blockType(bt, out);
                labels.push(label);
                push(PLAIN_TRY, 0, 0);
            }
            case "else" -> {
                if (topKind() != PLAIN_IF) {
                    throw c.errorAt(t, "unexpected token");
                }
                endLabel();
                out.u8(0x05);
                kinds[depth - 1] = PLAIN_ELSE;
            }
            case "catch" -> {
                int k = topKind();
                if (k != PLAIN_TRY && k != PLAIN_CATCH) {
                    throw c.errorAt(t, "unexpected token");
                }
                ImmediateParser.opcode(Opcode.CATCH, out);
                out.u32(m.tags.read(c));
                kinds[depth - 1] = PLAIN_CATCH;
            }
            case "catch_all" -> {
                int k = topKind();
                if (k != PLAIN_TRY && k != PLAIN_CATCH) {
                    throw c.errorAt(t, "unexpected token");
                }
                out.u8(0x19);
                kinds[depth - 1] = PLAIN_CATCH_ALL;
            }
            case "delegate" -> {
                if (topKind() != PLAIN_TRY) {
                    throw c.errorAt(t, "unexpected token");
                }
                labels.pop();
                depth--;
                out.u8(0x18);
                out.u32(labels.read(c));
            }
            case "end" -> {
                int k = topKind();
                if (k < PLAIN_BLOCK || k > PLAIN_CATCH_ALL) {
                    throw c.errorAt(t, "unexpected token");
                }
                endLabel();
                out.u8(0x0B);
                labels.pop();
                depth--;
            }
            default -> immediates.instruction(opcode(t, kw), out);
        }
    }

    /** Whether plain keyword {@code kw} is part of a block instruction rather than an instruction. */
    private static boolean isDelimiter(String kw) {
        return switch (kw) {
            case "else", "end", "catch", "catch_all", "delegate" -> true;
            default -> false;
        };
    }

    /** Checks the optional label after {@code end} or {@code else} against the block's label. */
    private void endLabel() {
        if (c.peek() == Tokens.ID) {
            int t = c.next();
            String id = tokens.idName(t);
            if (!id.equals(labels.top())) {
                throw c.errorAt(t, "mismatching label");
            }
        }
    }

    /** The instruction named by keyword token {@code t}. */
    private Opcode opcode(int t, String kw) {
        Opcode op = Opcode.byText(kw);
        if (op == null || op.imm() == Opcode.Imm.BLOCK_TYPE || op.imm() == Opcode.Imm.TRY_TABLE
                || op == Opcode.END || op == Opcode.ELSE || op == Opcode.CATCH || op == Opcode.CATCH_ALL
                || op == Opcode.DELEGATE) {
            throw c.errorAt(t, Keywords.isKnown(kw) ? "unexpected token" : "unknown operator " + kw);
        }
        return op;
    }

    static void blockType(long bt, WasmWriter out) {
        if (bt == TypeParser.BLOCK_EMPTY) {
            out.u8(0x40);
        } else if (bt < 0) {
            out.valType((int) ~bt);
        } else {
            out.s64(bt);
        }
    }

    /** {@code bt catch*} of a try_table, written after its opcode (labels resolved outside the block). */
    private void tryTable(WasmWriter out) {
        long bt = types.blockType();
        out.u8(0x1F);
        blockType(bt, out);
        IntList clauses = new IntList();
        while (true) {
            int kind;
            if (c.peekParenKeyword("catch")) {
                kind = 0;
            } else if (c.peekParenKeyword("catch_ref")) {
                kind = 1;
            } else if (c.peekParenKeyword("catch_all")) {
                kind = 2;
            } else if (c.peekParenKeyword("catch_all_ref")) {
                kind = 3;
            } else {
                break;
            }
            c.next();
            c.next();
            clauses.add(kind);
            clauses.add(kind < 2 ? m.tags.read(c) : 0);
            clauses.add(labels.read(c));
            c.expectRpar();
        }
        int n = clauses.size() / 3;
        out.u32(n);
        for (int i = 0; i < n; i++) {
            int kind = clauses.get(3 * i);
            out.u8(kind);
            if (kind < 2) {
                out.u32(clauses.get(3 * i + 1));
            }
            out.u32(clauses.get(3 * i + 2));
        }
    }

    // ---- folded instructions ----

    /** At {@code (}: opens a folded instruction or an arm of a folded if/try. */
    private void open(WasmWriter out) {
        int parent = topKind();
        int open = c.next();
        if (c.peek() != Tokens.KEYWORD) {
            throw c.unexpected();
        }
        int t = c.pos();
        String kw = tokens.text(t);
        if (parent == FOLDED_IF) {
            int state = a[depth - 1];
            if (kw.equals("then") && state == 0) {
                c.next();
                hints.resolve(hintOf[depth - 1], out.size());
                positions.instruction(out.size(), mnemonicOf[depth - 1]);
                out.u8(0x04);
                blockType(b[depth - 1], out);
                labels.push(ifLabels[depth - 1]);
                a[depth - 1] = 1;
                push(FOLDED_ARM, 0, 0);
                return;
            }
            if (kw.equals("else") && state == 1) {
                c.next();
                positions.instruction(out.size(), t);
                out.u8(0x05);
                a[depth - 1] = 2;
                push(FOLDED_ARM, 0, 0);
                return;
            }
            if (state != 0) {
                throw c.errorAt(t, "unexpected token");
            }
        } else if (parent == FOLDED_TRY) {
            int state = a[depth - 1];
            if (kw.equals("do") && state == 0) {
                c.next();
                a[depth - 1] = 1;
                push(FOLDED_ARM, 0, 0);
                return;
            }
            if (kw.equals("catch") && (state == 1 || state == 4)) {
                c.next();
                positions.instruction(out.size(), t);
                ImmediateParser.opcode(Opcode.CATCH, out);
                out.u32(m.tags.read(c));
                a[depth - 1] = 4;
                push(FOLDED_ARM, 0, 0);
                return;
            }
            if (kw.equals("catch_all") && (state == 1 || state == 4)) {
                c.next();
                positions.instruction(out.size(), t);
                out.u8(0x19);
                a[depth - 1] = 2;
                push(FOLDED_ARM, 0, 0);
                return;
            }
            if (kw.equals("delegate") && state == 1) {
                c.next();
                positions.instruction(out.size(), t);
                labels.pop();
                out.u8(0x18);
                out.u32(labels.read(c));
                c.expectRpar();
                a[depth - 1] = 3;
                return;
            }
            throw c.errorAt(t, "unexpected token");
        }
        c.next();
        switch (kw) {
            case "block", "loop" -> {
                hints.instruction(open, out.size());
                positions.instruction(out.size(), t);
                String label = c.acceptId();
                long bt = types.blockType();
                out.u8(kw.equals("block") ? 0x02 : 0x03);
                blockType(bt, out);
                labels.push(label);
                push(FOLDED_BLOCK, 0, 0);
            }
            case "try_table" -> {
                hints.instruction(open, out.size());
                positions.instruction(out.size(), t);
                String label = c.acceptId();
                tryTable(out);
                labels.push(label);
                push(FOLDED_BLOCK, 0, 0);
            }
            case "if" -> {
                int hint = hints.bind(open);
                String label = c.acceptId();
                long bt = types.blockType();
                push(FOLDED_IF, 0, bt);
                ifLabels[depth - 1] = label;
                hintOf[depth - 1] = hint;
                mnemonicOf[depth - 1] = t;
            }
            case "try" -> {
                hints.instruction(open, out.size());
                positions.instruction(out.size(), t);
                String label = c.acceptId();
                long bt = types.blockType();
                out.u8(0x06);
                blockType(bt, out);
                labels.push(label);
                push(FOLDED_TRY, 0, 0);
            }
            default -> {
                int hint = hints.bind(open);
                Opcode op = opcode(t, kw);
                int start = pending.size();
                immediates.instruction(op, pending);
                push(FOLDED_PLAIN, start, pending.size());
                hintOf[depth - 1] = hint;
                mnemonicOf[depth - 1] = t;
                foldedPlain++;
            }
        }
    }

    /** At {@code )}: closes the innermost frame. */
    private void close(WasmWriter out) {
        int k = kinds[depth - 1];
        switch (k) {
            case FOLDED_PLAIN -> {
                c.next();
                hints.resolve(hintOf[depth - 1], out.size());
                positions.instruction(out.size(), mnemonicOf[depth - 1]);
                out.bytes(pending.view().array(), a[depth - 1], (int) b[depth - 1] - a[depth - 1]);
                depth--;
                if (--foldedPlain == 0) {
                    pending.reset();
                }
            }
            case FOLDED_BLOCK -> {
                c.next();
                out.u8(0x0B);
                labels.pop();
                depth--;
            }
            case FOLDED_ARM -> {
                c.next();
                depth--;
            }
            case FOLDED_IF -> {
                if (a[depth - 1] == 0) {
                    throw c.unexpected();
                }
                c.next();
                out.u8(0x0B);
                labels.pop();
                depth--;
            }
            case FOLDED_TRY -> {
                int state = a[depth - 1];
                if (state == 0) {
                    throw c.unexpected();
                }
                c.next();
                if (state != 3) {
                    out.u8(0x0B);
                    labels.pop();
                }
                depth--;
            }
            default -> throw c.unexpected(); // an unfolded block is missing its end
        }
    }
}
