package dev.wasmj.format.fuzz;

import java.util.Arrays;
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

    private final SplittableRandom random;

    Mutator(long seed) {
        random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A damaged copy of {@code input}; {@code other} is a second input for splices. */
    byte[] mutateBinary(byte[] input, byte[] other) {
        byte[] b = input.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (b.length == 0) {
                b = new byte[] {0};
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(9)) {
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

    /** A damaged copy of {@code text}. */
    String mutateText(String text, String other) {
        StringBuilder sb = new StringBuilder(text);
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int at = sb.isEmpty() ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(7)) {
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
                default -> sb.insert(at, (char) random.nextInt(0x20, 0x7F));
            }
        }
        return sb.toString();
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
