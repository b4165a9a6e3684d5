package dev.wasmj.format.text;

import dev.wasmj.format.HeapType;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.ValType;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a .wast script into a {@link WastScript}. Modules are not parsed here: each becomes a
 * {@link ScriptModule} that the runner parses or decodes when it gets to the command, so one
 * malformed module fails one command and not the file.
 */
public final class WastParser {
    /** How deep {@code thread} and {@code either} forms may nest. */
    static final int MAX_NESTING = 100;

    private final TokenCursor c;
    private final Tokens tokens;
    private int nesting;

    private WastParser(Tokens tokens) {
        this.tokens = tokens;
        this.c = new TokenCursor(tokens, 0, tokens.count() - 1);
    }

    /**
     * Parses a whole script.
     *
     * @throws MalformedException if the script itself (outside module bodies that are parsed
     *                            later) does not follow the script grammar, or a token is malformed
     */
    public static WastScript parse(String text) {
        WastParser p = new WastParser(Lexer.tokenize(text));
        List<WastCommand> commands = new ArrayList<>();
        if (p.isInlineModule()) {
            int first = p.c.pos();
            int eof = p.tokens.count() - 1;
            ScriptModule m = ScriptModule.text(null, false, p.line(first), p.tokens, first, first, eof);
            return new WastScript(List.of(new WastCommand.Module(m, m.line())));
        }
        while (p.c.peek() != Tokens.EOF) {
            commands.add(p.command());
        }
        return new WastScript(commands);
    }

    /** Whether the script is just the fields of one module (the "inline module" form). */
    private boolean isInlineModule() {
        String keyword = c.peekParenKeyword();
        return keyword != null && switch (keyword) {
            case "type", "rec", "import", "func", "table", "memory", "global", "tag", "export", "start", "elem",
                 "data" -> true;
            default -> false;
        };
    }

    private int line(int token) {
        return tokens.line(token);
    }

    private WastCommand command() {
        int open = c.pos();
        String keyword = c.peekParenKeyword();
        if (keyword == null) {
            throw c.unexpected();
        }
        int line = line(open);
        WastCommand cmd = switch (keyword) {
            case "module" -> moduleCommand();
            case "register" -> {
                c.next();
                c.next();
                String as = c.expectName();
                String module = c.acceptId();
                c.expectRpar();
                yield new WastCommand.Register(as, module, line);
            }
            case "invoke", "get" -> new WastCommand.Action(action(), line);
            case "assert_return" -> {
                enter();
                WastAction action = action();
                List<WastValue> results = new ArrayList<>();
                while (c.peek() == Tokens.LPAR) {
                    results.add(result());
                }
                c.expectRpar();
                yield new WastCommand.AssertReturn(action, results, line);
            }
            case "assert_trap" -> {
                enter();
                if (c.peekParenKeyword("module")) {
                    ScriptModule m = module();
                    yield new WastCommand.AssertTrap(null, m, message(), line);
                }
                WastAction action = action();
                yield new WastCommand.AssertTrap(action, null, message(), line);
            }
            case "assert_exhaustion" -> {
                enter();
                WastAction action = action();
                yield new WastCommand.AssertExhaustion(action, message(), line);
            }
            case "assert_exception" -> {
                enter();
                WastAction action = action();
                c.expectRpar();
                yield new WastCommand.AssertException(action, line);
            }
            case "assert_malformed" -> {
                enter();
                ScriptModule m = module();
                yield new WastCommand.AssertMalformed(m, message(), line);
            }
            case "assert_invalid" -> {
                enter();
                ScriptModule m = module();
                yield new WastCommand.AssertInvalid(m, message(), line);
            }
            case "assert_unlinkable" -> {
                enter();
                ScriptModule m = module();
                yield new WastCommand.AssertUnlinkable(m, message(), line);
            }
            case "assert_uninstantiable" -> {
                enter();
                ScriptModule m = module();
                yield new WastCommand.AssertUninstantiable(m, message(), line);
            }
            case "assert_malformed_custom" -> {
                enter();
                ScriptModule m = module();
                yield new WastCommand.AssertMalformedCustom(m, message(), line);
            }
            case "assert_invalid_custom" -> {
                enter();
                ScriptModule m = module();
                yield new WastCommand.AssertInvalidCustom(m, message(), line);
            }
            case "thread" -> thread(line);
            case "wait" -> {
                enter();
                String name = c.acceptId();
                if (name == null) throw c.unexpected();
                c.expectRpar();
                yield new WastCommand.Wait(name, line);
            }
            default -> {
                c.next();
                throw c.unexpected();
            }
        };
        return cmd;
    }

    /** Consumes {@code (} and the command keyword. */
    private void enter() {
        c.next();
        c.next();
    }

    /** A string message and the closing parenthesis of the command. */
    private String message() {
        String m = c.expectName();
        c.expectRpar();
        return m;
    }

    private WastCommand moduleCommand() {
        int open = c.pos();
        int k = c.after(open);
        int afterKeyword = c.after(k);
        if (c.kindAt(afterKeyword) == Tokens.KEYWORD && tokens.isKeyword(afterKeyword, "instance")) {
            c.next();
            c.next();
            c.next();
            String instance = c.acceptId();
            String module = c.acceptId();
            c.expectRpar();
            return new WastCommand.ModuleInstance(instance, module, line(open));
        }
        return new WastCommand.Module(module(), line(open));
    }

    /** {@code (module $id? ...)} in any of its forms. */
    private ScriptModule module() {
        int open = c.pos();
        c.expectLpar();
        c.expectKeyword("module");
        int line = line(open);
        int first = c.mark();
        boolean definition = c.acceptKeyword("definition");
        if (definition) {
            first = c.mark();
        }
        String name = c.acceptId();
        if (name != null) {
            first = c.mark();
        }
        if (c.acceptKeyword("binary")) {
            return ScriptModule.binary(name, definition, line, strings());
        }
        if (c.acceptKeyword("quote")) {
            return ScriptModule.quote(name, definition, line, strings());
        }
        int close = tokens.partner(open);
        if (close < 0) {
            c.reset(tokens.count() - 1);
            throw c.unexpected();
        }
        c.reset(close + 1);
        return ScriptModule.text(name, definition, line, tokens, open, first, close);
    }

    /** {@code string* )}, joined. */
    private byte[] strings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (c.peek() == Tokens.STRING) {
            out.writeBytes(c.expectString());
        }
        c.expectRpar();
        return out.toByteArray();
    }

    private WastCommand thread(int line) {
        nest();
        String name = c.acceptId();
        List<String> shared = new ArrayList<>();
        while (c.acceptParenKeyword("shared")) {
            c.expectLpar();
            c.expectKeyword("module");
            String m = c.acceptId();
            if (m == null) throw c.unexpected();
            c.expectRpar();
            c.expectRpar();
            shared.add(m);
        }
        List<WastCommand> commands = new ArrayList<>();
        while (c.peek() == Tokens.LPAR) {
            commands.add(command());
        }
        c.expectRpar();
        nesting--;
        return new WastCommand.Thread(name, shared, commands, line);
    }

    /**
     * Enters a form that may nest in itself ({@code thread}, {@code either}), which this parser
     * reads by recursion: the depth is limited so that no script can overflow the stack.
     */
    private void nest() {
        if (++nesting > MAX_NESTING) {
            throw c.errorAt(c.pos(), "nesting too deep");
        }
        enter();
    }

    /** {@code (invoke $m? "name" arg*)} or {@code (get $m? "name")}. */
    private WastAction action() {
        int open = c.pos();
        int line = line(open);
        if (c.acceptParenKeyword("invoke")) {
            String module = c.acceptId();
            String name = c.expectName();
            List<WastValue> args = new ArrayList<>();
            while (c.peek() == Tokens.LPAR) {
                args.add(argument());
            }
            c.expectRpar();
            return new WastAction.Invoke(module, name, args, line);
        }
        if (c.acceptParenKeyword("get")) {
            String module = c.acceptId();
            String name = c.expectName();
            c.expectRpar();
            return new WastAction.Get(module, name, line);
        }
        throw c.unexpected();
    }

    /** An argument constant. */
    private WastValue argument() {
        WastValue v = value(false);
        c.expectRpar();
        return v;
    }

    /** An expected result. */
    private WastValue result() {
        if (c.peekParenKeyword("either")) {
            nest();
            List<WastValue> alternatives = new ArrayList<>();
            while (c.peek() == Tokens.LPAR) {
                alternatives.add(result());
            }
            c.expectRpar();
            nesting--;
            return new WastValue.Either(alternatives);
        }
        WastValue v = value(true);
        c.expectRpar();
        return v;
    }

    /** {@code (op ...} of a constant or result, up to but not including the closing parenthesis. */
    private WastValue value(boolean result) {
        c.expectLpar();
        if (c.peek() != Tokens.KEYWORD) {
            throw c.unexpected();
        }
        int opToken = c.next();
        String op = tokens.text(opToken);
        switch (op) {
            case "i32.const":
                return new WastValue.I32(Literals.i32(c));
            case "i64.const":
                return new WastValue.I64(Literals.i64(c));
            case "f32.const":
                if (result && nanPattern()) {
                    return new WastValue.Nan(ValType.F32, canonical());
                }
                return new WastValue.F32(Literals.f32(c));
            case "f64.const":
                if (result && nanPattern()) {
                    return new WastValue.Nan(ValType.F64, canonical());
                }
                return new WastValue.F64(Literals.f64(c));
            case "v128.const":
                return v128(result);
            case "ref.null": {
                if (c.peek() == Tokens.RPAR && result) {
                    return new WastValue.RefNull(-1);
                }
                int t = c.expect(Tokens.KEYWORD);
                int heap = TypeNames.abstractHeapType(tokens.text(t));
                if (heap < 0) {
                    throw c.errorAt(t, "unexpected token");
                }
                return new WastValue.RefNull(heap);
            }
            case "ref.extern":
                if (result && c.peek() == Tokens.RPAR) {
                    return new WastValue.RefKind(HeapType.EXTERN);
                }
                return new WastValue.RefExtern(Literals.unsigned(c, 64, "constant out of range"));
            case "ref.host":
                return new WastValue.RefHost(Literals.unsigned(c, 64, "constant out of range"));
            default:
                break;
        }
        if (result) {
            int heap = switch (op) {
                case "ref.func" -> HeapType.FUNC;
                case "ref.struct" -> HeapType.STRUCT;
                case "ref.array" -> HeapType.ARRAY;
                case "ref.i31" -> HeapType.I31;
                case "ref.eq" -> HeapType.EQ;
                case "ref.any" -> HeapType.ANY;
                case "ref.exn" -> HeapType.EXN;
                default -> -1;
            };
            if (heap >= 0) {
                return new WastValue.RefKind(heap);
            }
        }
        throw c.errorAt(opToken, "unexpected token");
    }

    private boolean nanPattern() {
        return c.peekKeyword("nan:canonical") || c.peekKeyword("nan:arithmetic");
    }

    /** Consumes a NaN pattern keyword; whether it is {@code nan:canonical}. */
    private boolean canonical() {
        return tokens.isKeyword(c.next(), "nan:canonical");
    }

    private WastValue v128(boolean result) {
        if (result && c.peek() == Tokens.KEYWORD) {
            String shape = tokens.text(c.pos());
            if (shape.equals("f32x4") || shape.equals("f64x2")) {
                int lanesStart = c.after(c.pos());
                boolean pattern = false;
                int n = 0;
                for (int p = lanesStart; c.kindAt(p) == Tokens.KEYWORD || Literals.isNumber(c.kindAt(p)); p = c.after(p)) {
                    pattern |= c.kindAt(p) == Tokens.KEYWORD
                            && (tokens.isKeyword(p, "nan:canonical") || tokens.isKeyword(p, "nan:arithmetic"));
                    n++;
                }
                if (pattern) {
                    return lanePattern(shape, n);
                }
            }
        }
        byte[] bytes = new byte[16];
        Literals.v128(c, bytes);
        long low = 0;
        long high = 0;
        for (int i = 7; i >= 0; i--) {
            low = low << 8 | (bytes[i] & 0xFF);
            high = high << 8 | (bytes[i + 8] & 0xFF);
        }
        return new WastValue.V128(low, high);
    }

    private WastValue lanePattern(String shape, int n) {
        c.next();
        boolean f32 = shape.equals("f32x4");
        int lanes = f32 ? 4 : 2;
        if (n != lanes) {
            throw c.error("wrong number of lane literals");
        }
        List<WastValue> values = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            if (nanPattern()) {
                values.add(new WastValue.Nan(f32 ? ValType.F32 : ValType.F64, canonical()));
            } else if (f32) {
                values.add(new WastValue.F32(Literals.f32(c)));
            } else {
                values.add(new WastValue.F64(Literals.f64(c)));
            }
        }
        return new WastValue.V128Lanes(shape, values);
    }
}
