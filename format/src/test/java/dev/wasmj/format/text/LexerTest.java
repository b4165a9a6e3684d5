package dev.wasmj.format.text;

import dev.wasmj.format.MalformedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LexerTest {

    private static String kinds(String text) {
        Tokens t = Lexer.tokenize(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.count(); i++) {
            sb.append(switch (t.kind(i)) {
                case Tokens.LPAR -> "(";
                case Tokens.RPAR -> ")";
                case Tokens.ANNOT -> "@";
                case Tokens.KEYWORD -> "k";
                case Tokens.ID -> "$";
                case Tokens.STRING -> "s";
                case Tokens.NAT -> "n";
                case Tokens.INT -> "i";
                case Tokens.FLOAT -> "f";
                case Tokens.RESERVED -> "r";
                case Tokens.EOF -> ".";
                default -> "?";
            });
        }
        return sb.toString();
    }

    private static MalformedException error(String text) {
        try {
            Lexer.tokenize(text);
        } catch (MalformedException e) {
            return e;
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void classifiesTokens() {
        assertThat(kinds("(module $m (func))")).isEqualTo("(k$(k)).");
        assertThat(kinds("0 1_000 0xFF_ff +1 -0x10")).isEqualTo("nnnii.");
        assertThat(kinds("1.5 1e10 -1.5E-3 0x1p-3 0x1.8 inf -nan nan:0x7f +inf 1.")).isEqualTo("ffffffffff.");
        assertThat(kinds("i32.add offset=4 align=8 nan:canonical")).isEqualTo("kkkk.");
        assertThat(kinds("\"a\" \"\\t\\n\\\\\\u{1F600}\\00\"")).isEqualTo("ss.");
    }

    @Test
    void runsOfIdCharactersAndStringsAreOneToken() {
        assertThat(kinds("0x 1x 1__0 _1 1_ .0 0e 0x.")).isEqualTo("rrrrrrrr.");
        assertThat(kinds("$l\"a\" \"a\"\"b\" 0\"a\" a,b {x}")).isEqualTo("rrrrr.");
        assertThat(kinds("br 0(nop)$f;;comment\n\"a\")")).isEqualTo("kn(k)$s).");
    }

    @Test
    void identifiersPlainAndQuoted() {
        Tokens t = Lexer.tokenize("$f $\"f\" $\"\\41B\" $!?@#a$%^&*b-+_.:9'`|/\\<=>~");
        assertThat(t.idName(0)).isEqualTo("f");
        assertThat(t.idName(1)).isEqualTo("f");
        assertThat(t.idName(2)).isEqualTo("AB");
        assertThat(t.idName(3)).isEqualTo("!?@#a$%^&*b-+_.:9'`|/\\<=>~");
    }

    @Test
    void stringEscapesDecodeToBytes() {
        Tokens t = Lexer.tokenize("\"\\t\\n\\r\\\"\\'\\\\\\00\\ff\\u{41}\\u{10FFFF}\u00e9\"");
        byte[] expected = {9, 10, 13, '"', '\'', '\\', 0, (byte) 0xFF, 'A',
                (byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF, (byte) 0xC3, (byte) 0xA9};
        assertThat(t.stringBytes(0)).containsExactly(expected);
        assertThat(new String(Lexer.tokenize("\"h\u00e9\"").stringBytes(0), StandardCharsets.UTF_8)).isEqualTo("h\u00e9");
    }

    @Test
    void commentsNestAndLineCommentsEndAtCarriageReturn() {
        assertThat(kinds("(;a(;b;)c;) x ;; y\r z (;\u0000;)")).isEqualTo("kk.");
        assertThat(kinds(";;only")).isEqualTo(".");
        assertThat(error("(; (; ;)").reason()).isEqualTo("unclosed comment");
    }

    @Test
    void annotationsAreBalancedAndMayHoldAnything() {
        Tokens t = Lexer.tokenize("(@a , ; ] [ (@) (@ x) \"s\") x");
        assertThat(t.kind(0)).isEqualTo(Tokens.ANNOT);
        assertThat(t.annotationName(0)).isEqualTo("a");
        assertThat(t.kind(t.partner(0) + 1)).isEqualTo(Tokens.KEYWORD);
        assertThat(Lexer.tokenize("(@\"a b\")").annotationName(0)).isEqualTo("a b");
        assertThat(error("(@x (y)").reason()).isEqualTo("unclosed annotation");
        assertThat(error("(@ x)").reason()).isEqualTo("empty annotation id");
        assertThat(error("(@\"\")").reason()).isEqualTo("empty annotation id");
    }

    @Test
    void errorsCarryTheTestsuiteMessagesAndPositions() {
        MalformedException e = error("(module\n  (func \"abc\n))");
        assertThat(e.reason()).isEqualTo("unclosed string");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(9);
        assertThat(error("(func $)").reason()).isEqualTo("empty identifier");
        assertThat(error("(func $\"\")").reason()).isEqualTo("empty identifier");
        assertThat(error("(func $\"a\tb\")").reason()).isEqualTo("empty identifier");
        assertThat(error("(func $\"\\ef\")").reason()).isEqualTo("malformed UTF-8 encoding");
        assertThat(error("x \u0007").reason()).isEqualTo("illegal character");
        assertThat(error("(@a H\u00e9)").reason()).isEqualTo("illegal character");
        assertThat(error("\"\\q\"").reason()).isEqualTo("illegal escape");
        assertThat(error("\"\\u{D800}\"").reason()).isEqualTo("illegal escape");
        assertThat(error("\"a\u0001\"").reason()).isEqualTo("illegal character");
    }

    @Test
    void matchingParenthesesAreRecorded() {
        Tokens t = Lexer.tokenize("(a (b) c)");
        assertThat(t.partner(0)).isEqualTo(6);
        assertThat(t.partner(2)).isEqualTo(4);
        assertThat(Lexer.tokenize("(a").partner(0)).isEqualTo(-1);
    }
}
