package dev.wasmj.format.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only: finds the modules written in binary form ({@code (module binary "..." ...)}) in a
 * .wast script, alone or inside {@code assert_malformed} / {@code assert_invalid}, with the
 * expected message. Just enough of the script syntax for that (comments, strings, parentheses).
 */
final class WastBinaryModules {

    /** A binary module of a script: the command ({@code module}, {@code assert_malformed}, ...). */
    record Case(Path file, int line, String command, String message, byte[] bytes) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " " + command + (message == null ? "" : " \"" + message + "\"");
        }
    }

    private final String src;
    private int pos;
    private int line = 1;

    private WastBinaryModules(String src) {
        this.src = src;
    }

    static List<Case> read(Path file) throws IOException {
        WastBinaryModules p = new WastBinaryModules(Files.readString(file));
        List<Case> cases = new ArrayList<>();
        List<Object> top = p.list();
        for (Object o : top) {
            if (o instanceof Node cmd && !cmd.items.isEmpty() && cmd.items.getFirst() instanceof String head) {
                if (head.equals("module")) {
                    byte[] b = binary(cmd);
                    if (b != null) cases.add(new Case(file, cmd.line, head, null, b));
                } else if (head.startsWith("assert_") && cmd.items.size() >= 3 && cmd.items.get(1) instanceof Node m
                        && cmd.items.get(2) instanceof Str msg) {
                    byte[] b = binary(m);
                    if (b != null) cases.add(new Case(file, cmd.line, head, new String(msg.bytes, StandardCharsets.UTF_8), b));
                }
            }
        }
        return cases;
    }

    /** The bytes of {@code (module $id? binary "..."*)}, or null for other modules. */
    private static byte[] binary(Node m) {
        List<Object> items = m.items;
        int i = 1;
        if (items.isEmpty() || !"module".equals(items.getFirst())) return null;
        while (i < items.size() && items.get(i) instanceof String s && (s.startsWith("$") || s.equals("definition"))) i++;
        if (i >= items.size() || !"binary".equals(items.get(i))) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int j = i + 1; j < items.size(); j++) {
            if (items.get(j) instanceof Str s) out.writeBytes(s.bytes);
        }
        return out.toByteArray();
    }

    private record Node(int line, List<Object> items) {}

    private record Str(byte[] bytes) {}

    private List<Object> list() {
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) return items;
            char c = src.charAt(pos);
            if (c == ')') {
                pos++;
                return items;
            } else if (c == '(') {
                int at = line;
                pos++;
                items.add(new Node(at, list()));
            } else if (c == '"') {
                items.add(string());
            } else {
                int start = pos;
                while (pos < src.length() && " \t\r\n()\";".indexOf(src.charAt(pos)) < 0) pos++;
                items.add(src.substring(start, Math.max(pos, start + 1)));
                if (pos == start) pos++;
            }
        }
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith(";;", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (src.startsWith("(;", pos)) {
                int depth = 0;
                do {
                    if (src.startsWith("(;", pos)) { depth++; pos += 2; }
                    else if (src.startsWith(";)", pos)) { depth--; pos += 2; }
                    else { if (src.charAt(pos) == '\n') line++; pos++; }
                } while (depth > 0 && pos < src.length());
            } else {
                return;
            }
        }
    }

    private Str string() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pos++;
        while (src.charAt(pos) != '"') {
            int c = src.codePointAt(pos);
            pos += Character.charCount(c);
            if (c != '\\') {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char d = src.charAt(pos++);
            switch (d) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '"', '\'', '\\' -> out.write(d);
                case 'u' -> {
                    int close = src.indexOf('}', pos);
                    int cp = Integer.parseInt(src.substring(pos + 1, close), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    pos = close + 1;
                }
                default -> {
                    out.write(Integer.parseInt(src.substring(pos - 1, pos + 1), 16));
                    pos++;
                }
            }
        }
        pos++;
        return new Str(out.toByteArray());
    }
}
