package dev.wasmj.format.fuzz;

import dev.wasmj.format.Opcode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of binary modules and of text: the kinds of damage that find decoder and
 * parser bugs (flipped bits, interesting integers, LEB128 boundaries, truncation, duplication and
 * deletion of ranges, splices between inputs, deep nesting).
 */
final class Mutator {
    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x41, 0x0B, 0x60, 0x70, 0xFB, 0xFC, 0xFD, 0xFE};
    private static final byte[][] INTERESTING_LEBS = {
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},       // u32 max
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},       // 2^31-1
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},       // 2^31
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // unterminated
            {(byte) 0xFF, (byte) 0xFF, 0x03},                                  // 65535
            {(byte) 0x80, (byte) 0x80, 0x04},                                  // 65536
    };
    private static final String[] TEXT_TOKENS = {
            "(", ")", "(block", "(loop", "(if", "(then", "(else", "end", "$x", "0", "-1", "0x", "nan:0x1",
            "inf", "\"", "\\", ";;", "(;", ";)", "(@custom", "(module", "(func", "(param i32)", "(result i64)",
            "i32.const", "local.get 0", "br 0", "(type 0)", "(ref null $t)", "offset=", "align=3",
            "4294967296", "-2147483649", "1.7976931348623157e309", "0x1p-1074", "(rec", "(sub final",
            "(struct (field", "(array", "\u0000", "\u00ff", "\ud83d\ude00"};

    private static final String[] NESTING = {"(", "(block ", "(loop ", "(if (i32.const 0) (then ", "(i32.add ",
            "(@a ", "(;", "(rec ", "(sub ", "(func ", "(module ", "(thread ", "(either ", "(assert_return (invoke \"f\") "};

    private final SplittableRandom random;

    Mutator(long seed) {
        random = new SplittableRandom(seed);
    }

    /** The seed of iteration {@code i} of a campaign with seed {@code seed}: distinct, well mixed. */
    static long seedOf(long seed, long i) {
        return new SplittableRandom(seed ^ i * 0x9E3779B97F4A7C15L).nextLong();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /**
     * A damaged copy of {@code input} whose section sizes (and function body sizes) still add up:
     * the damage is confined to one section's content or one function body, so it reaches the
     * checks behind the framing. Falls back to {@link #mutateBinary} when the input has no
     * well-formed sections.
     */
    byte[] mutateSections(byte[] input, byte[] other) {
        List<int[]> sections = regions(input, 8, input.length, true);
        if (sections == null || sections.isEmpty()) {
            return mutateBinary(input, other);
        }
        int[] s = sections.get(random.nextInt(sections.size()));
        if (random.nextBoolean()) {
            // function bodies half the time: the validator's instruction rules are the largest part
            for (int[] c : sections) {
                if (c[0] == CODE_SECTION) {
                    s = c;
                }
            }
        }
        byte[] content = Arrays.copyOfRange(input, s[1], s[2]);
        content = s[0] == CODE_SECTION ? mutateOneBody(content, other) : mutateBinary(content, other);
        return reframe(input, s, new byte[] {(byte) s[0]}, content);
    }

    private static final int CODE_SECTION = 10;

    private byte[] mutateOneBody(byte[] code, byte[] other) {
        int[] p = {0};
        int count = u32(code, p, code.length);
        List<int[]> bodies = count < 0 ? null : regions(code, p[0], code.length, false);
        if (bodies == null || bodies.isEmpty() || random.nextInt(8) == 0) {
            return mutateBinary(code, other);
        }
        int[] b = bodies.get(random.nextInt(bodies.size()));
        return reframe(code, b, null, mutateBinary(Arrays.copyOfRange(code, b[1], b[2]), other));
    }

    /**
     * The size-prefixed regions of {@code b[from, to)} as {id or -1, content start, content end,
     * region start}, or null when they do not fit exactly.
     */
    private static List<int[]> regions(byte[] b, int from, int to, boolean withId) {
        List<int[]> out = new ArrayList<>();
        int[] p = {from};
        while (p[0] < to) {
            int start = p[0];
            int id = withId ? b[p[0]++] & 0xFF : -1;
            int size = u32(b, p, to);
            if (size < 0 || size > to - p[0]) {
                return null;
            }
            out.add(new int[] {id, p[0], p[0] + size, start});
            p[0] += size;
        }
        return out;
    }

    /** {@code b} with region {@code r} replaced by {@code id}, the size of {@code content}, and {@code content}. */
    private static byte[] reframe(byte[] b, int[] r, byte[] id, byte[] content) {
        var out = new java.io.ByteArrayOutputStream(b.length + content.length + 8);
        out.write(b, 0, r[3]);
        if (id != null) {
            out.writeBytes(id);
        }
        for (int v = content.length; ; v >>>= 7) {
            out.write(v < 0x80 ? v : v & 0x7F | 0x80);
            if (v < 0x80) break;
        }
        out.writeBytes(content);
        out.write(b, r[2], b.length - r[2]);
        return out.toByteArray();
    }

    /** An unsigned LEB128 at {@code p[0]} (advanced past it), or -1 when there is none below {@code end}. */
    private static int u32(byte[] b, int[] p, int end) {
        long v = 0;
        for (int shift = 0; shift < 35 && p[0] < end; shift += 7) {
            int x = b[p[0]++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v > Integer.MAX_VALUE ? -1 : (int) v;
            }
        }
        return -1;
    }

    /** A damaged copy of {@code input}; {@code other} is a second input for splices. */
    byte[] mutateBinary(byte[] input, byte[] other) {
        byte[] b = input.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (b.length == 0) {
                b = new byte[] {0};
            }
            // the header rarely: damage there only ever meets the first check
            int first = b.length > HEADER && b[0] == 0 && b[1] == 'a' && random.nextInt(32) != 0 ? HEADER : 0;
            int at = random.nextInt(first, b.length);
            switch (random.nextInt(10)) {
                case 9 -> b = insert(b, at, instruction());
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                case 2 -> b[at] = (byte) random.nextInt(256);
                case 3 -> b = replace(b, at, 1 + random.nextInt(Math.min(5, b.length - at)),
                        INTERESTING_LEBS[random.nextInt(INTERESTING_LEBS.length)]);
                case 4 -> b = Arrays.copyOf(b, at);                                  // truncate
                case 5 -> b = remove(b, at, 1 + random.nextInt(Math.min(16, b.length - at)));
                case 6 -> {                                                          // duplicate a range
                    int len = 1 + random.nextInt(Math.min(32, b.length - at));
                    b = insert(b, random.nextInt(b.length + 1), Arrays.copyOfRange(b, at, at + len));
                }
                case 7 -> {                                                          // splice from another input
                    if (other.length > 0) {
                        int from = random.nextInt(other.length);
                        int len = 1 + random.nextInt(Math.min(64, other.length - from));
                        b = insert(b, at, Arrays.copyOfRange(other, from, from + len));
                    }
                }
                default -> b[at] = (byte) (b[at] + random.nextInt(-2, 3));          // off by one or two
            }
        }
        return b;
    }

    /** A damaged copy of {@code text}: character damage or, more often, token and s-expression edits. */
    String mutateText(String text, String other) {
        StringBuilder sb = new StringBuilder(text);
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int at = sb.isEmpty() ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(14)) {
                case 0 -> { if (!sb.isEmpty()) sb.deleteCharAt(at); }
                case 1 -> sb.insert(at, TEXT_TOKENS[random.nextInt(TEXT_TOKENS.length)]);
                case 2 -> sb.insert(at, ' ' + TEXT_TOKENS[random.nextInt(TEXT_TOKENS.length)] + ' ');
                case 3 -> sb.setLength(at);
                case 4 -> {
                    if (!sb.isEmpty()) {
                        int len = 1 + random.nextInt(Math.min(40, sb.length() - at));
                        sb.delete(at, at + len);
                    }
                }
                case 5 -> {
                    if (!other.isEmpty()) {
                        int from = random.nextInt(other.length());
                        int len = 1 + random.nextInt(Math.min(80, other.length() - from));
                        sb.insert(at, other, from, from + len);
                    }
                }
                case 6 -> sb.insert(at, (char) random.nextInt(0x20, 0x7F));
                case 7 -> {                                                          // deep nesting
                    String open = NESTING[random.nextInt(NESTING.length)];
                    int depth = 1 + random.nextInt(random.nextInt(8) == 0 ? 20_000 : 50);
                    sb.insert(at, open.repeat(depth) + (random.nextBoolean() ? ")".repeat(depth) : ""));
                }
                case 8, 9 -> {                                                       // a word from the other text
                    int[] w = word(sb, at);
                    int[] o = other.isEmpty() ? null : word(other, random.nextInt(other.length()));
                    if (w != null && o != null) {
                        sb.replace(w[0], w[1], other.substring(o[0], o[1]));
                    }
                }
                case 10 -> {                                                         // an interesting number
                    int[] w = word(sb, at);
                    if (w != null) {
                        sb.replace(w[0], w[1], NUMBERS[random.nextInt(NUMBERS.length)]);
                    }
                }
                case 11 -> {                                                         // drop an s-expression
                    int[] e = sexpr(sb, at);
                    if (e != null) {
                        sb.delete(e[0], e[1]);
                    }
                }
                default -> {                                                         // copy an s-expression
                    CharSequence from = random.nextBoolean() || other.isEmpty() ? sb : other;
                    int[] e = sexpr(from, random.nextInt(Math.max(1, from.length())));
                    if (e != null) {
                        sb.insert(at, from.subSequence(e[0], e[1]).toString());
                    }
                }
            }
        }
        return sb.toString();
    }

    private static final String[] NUMBERS = {"0", "1", "-1", "4294967295", "4294967296", "2147483648", "-2147483649",
            "18446744073709551615", "18446744073709551616", "0x7fffffff", "0x1p+128", "nan:0x7fffff", "-nan", "inf",
            "1_000", "0x_1", "1e400", "65536", "65537", "100000"};

    /** The word (a run of token characters) at or after {@code at}, as [start, end), or null. */
    private static int[] word(CharSequence s, int at) {
        int i = at;
        while (i < s.length() && !isWordChar(s.charAt(i))) i++;
        if (i >= s.length()) {
            return null;
        }
        int start = i;
        while (start > 0 && isWordChar(s.charAt(start - 1))) start--;
        while (i < s.length() && isWordChar(s.charAt(i))) i++;
        return new int[] {start, i};
    }

    private static boolean isWordChar(char c) {
        return c > ' ' && c != '(' && c != ')' && c != '"' && c != ';' && c < 0x7F;
    }

    /** The parenthesized expression opening at the last '(' before {@code at}, as [start, end), or null. */
    private static int[] sexpr(CharSequence s, int at) {
        int start = Math.min(at, s.length() - 1);
        while (start >= 0 && s.charAt(start) != '(') start--;
        if (start < 0) {
            return null;
        }
        int depth = 0;
        for (int i = start; i < s.length() && i < start + 100_000; i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return new int[] {start, i + 1};
        }
        return null;
    }

    private static final int HEADER = 8;
    private static final Opcode[] OPCODES = Opcode.values();
    private static final int[] SMALL_IMMEDIATES = {0x00, 0x00, 0x01, 0x02, 0x40, 0x7F, 0x7E, 0x70, 0x63, 0x64, 0x0B};

    /** The bytes of a random instruction with small immediates (often valid indices and types). */
    private byte[] instruction() {
        Opcode op = OPCODES[random.nextInt(OPCODES.length)];
        var out = new java.io.ByteArrayOutputStream(8);
        if (op.prefix() != 0) {
            out.write(op.prefix());
            for (int v = op.code(); ; v >>>= 7) {
                out.write(v < 0x80 ? v : v & 0x7F | 0x80);
                if (v < 0x80) break;
            }
        } else {
            out.write(op.code());
        }
        int immediates = op.imm() == Opcode.Imm.NONE ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < immediates; i++) {
            out.write(SMALL_IMMEDIATES[random.nextInt(SMALL_IMMEDIATES.length)]);
        }
        return out.toByteArray();
    }

    private static byte[] replace(byte[] b, int at, int len, byte[] with) {
        return insert(remove(b, at, len), at, with);
    }

    private static byte[] remove(byte[] b, int at, int len) {
        byte[] r = new byte[b.length - len];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(b, at + len, r, at, b.length - at - len);
        return r;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] r = new byte[b.length + what.length];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(what, 0, r, at, what.length);
        System.arraycopy(b, at, r, at + what.length, b.length - at);
        return r;
    }
}
