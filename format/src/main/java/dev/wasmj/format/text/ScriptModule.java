package dev.wasmj.format.text;

import dev.wasmj.format.Features;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A module as written in a .wast script, kept unparsed until the runner asks for it, so that a
 * malformed module fails its own command and not the whole script.
 *
 * <p>Three forms: {@link Form#TEXT} (a {@code (module ...)} in the script), {@link Form#BINARY}
 * ({@code (module binary "...")}) and {@link Form#QUOTE} ({@code (module quote "...")}, text given
 * as strings).
 */
public final class ScriptModule {
    /** How the module is written. */
    public enum Form { TEXT, BINARY, QUOTE }

    private final Form form;
    private final String name;
    private final boolean definition;
    private final int line;
    /** TEXT: the script's tokens, the opening parenthesis, the first field token and the closing one. */
    private final Tokens tokens;
    private final int open;
    private final int first;
    private final int close;
    /** BINARY: the module's bytes; QUOTE: the text's bytes. */
    private final byte[] bytes;

    private ScriptModule(Form form, String name, boolean definition, int line, Tokens tokens, int open, int first,
                         int close, byte[] bytes) {
        this.form = form;
        this.name = name;
        this.definition = definition;
        this.line = line;
        this.tokens = tokens;
        this.open = open;
        this.first = first;
        this.close = close;
        this.bytes = bytes;
    }

    static ScriptModule text(String name, boolean definition, int line, Tokens tokens, int open, int first,
                             int close) {
        return new ScriptModule(Form.TEXT, name, definition, line, tokens, open, first, close, null);
    }

    static ScriptModule binary(String name, boolean definition, int line, byte[] bytes) {
        return new ScriptModule(Form.BINARY, name, definition, line, null, 0, 0, 0, bytes);
    }

    static ScriptModule quote(String name, boolean definition, int line, byte[] bytes) {
        return new ScriptModule(Form.QUOTE, name, definition, line, null, 0, 0, 0, bytes);
    }

    public Form form() {
        return form;
    }

    /** The module's name ({@code $name} without the dollar), or null. */
    public String name() {
        return name;
    }

    /** Whether this is a {@code (module definition ...)}: defined but not instantiated. */
    public boolean isDefinition() {
        return definition;
    }

    /** The line of the module's opening parenthesis in the script. */
    public int line() {
        return line;
    }

    /** The bytes of a {@link Form#BINARY} module. */
    public byte[] bytes() {
        if (form != Form.BINARY) {
            throw new IllegalStateException("not a binary module: " + form);
        }
        return bytes.clone();
    }

    /**
     * The text of a {@link Form#TEXT} module (the whole {@code (module ...)} form) or of a
     * {@link Form#QUOTE} module (its strings joined).
     *
     * @throws MalformedException "malformed UTF-8 encoding" if quoted bytes are not UTF-8
     */
    public String text() {
        return switch (form) {
            case TEXT -> tokens.source().substring(tokens.start(open), tokens.end(close));
            case QUOTE -> decodeQuote(bytes);
            case BINARY -> throw new IllegalStateException("not a text module");
        };
    }

    /**
     * Parses a text or quoted module into the model.
     *
     * @throws MalformedException if the text is malformed (positions are in the script for
     *                            {@link Form#TEXT} and in the quoted text for {@link Form#QUOTE})
     */
    public WasmModule parse() {
        return parse(Features.ALL);
    }

    /** Parses a text or quoted module with the text grammar of {@code features}. */
    public WasmModule parse(Features features) {
        return parseWithSourceMap(features).module();
    }

    /**
     * Parses a text or quoted module as {@link #parse(Features)} does, with its source map (whose
     * positions are in the script, or in the quoted text).
     */
    public ParsedModule parseWithSourceMap(Features features) {
        return switch (form) {
            case TEXT -> WatParser.parse(tokens, first, close, name, features);
            case QUOTE -> WatParser.parse(text(), features);
            case BINARY -> throw new IllegalStateException("a binary module is decoded: use module(Features)");
        };
    }

    /**
     * The module in the binary format: the bytes of a {@link Form#BINARY} module, or the encoding
     * of a parsed text or quoted module.
     *
     * @throws MalformedException if a text module is malformed
     */
    public byte[] binary() {
        return form == Form.BINARY ? bytes.clone() : BinaryEncoder.encode(parse());
    }

    /**
     * The module as the runtime loads it, whatever its form: text is parsed and encoded, and the
     * binary is decoded with {@code features} (so feature gating and the decoder's checks apply to
     * text modules too). Not validated.
     *
     * @throws MalformedException if the module is malformed or uses a disabled feature
     */
    public WasmModule module(Features features) {
        return BinaryDecoder.decode(form == Form.BINARY ? bytes : BinaryEncoder.encode(parse(features)), features);
    }

    /** Decodes quoted bytes as UTF-8, reporting the line and column of the first bad byte. */
    static String decodeQuote(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int lineNo = 1;
            int col = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    lineNo++;
                    col = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            throw new MalformedException("malformed UTF-8 encoding", lineNo, col);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    @Override
    public String toString() {
        return "module" + (name != null ? " $" + name : "") + " (" + form.name().toLowerCase() + ", line " + line + ")";
    }
}
