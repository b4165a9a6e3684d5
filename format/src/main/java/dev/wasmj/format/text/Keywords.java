package dev.wasmj.format.text;

import dev.wasmj.format.Opcode;

import java.util.Set;

/**
 * The keywords of the text format and of scripts. A keyword the language does not know is
 * reported as "unknown operator", a known one in the wrong place as "unexpected token".
 */
final class Keywords {
    private Keywords() {}

    /** Keywords of the module grammar that are not instructions or types. */
    static final Set<String> SYNTAX = Set.of("module", "type", "func", "param", "result", "local", "global",
            "table", "memory", "elem", "data", "start", "import", "export", "offset", "item", "declare", "mut",
            "ref", "null", "then", "do", "rec", "sub", "final", "struct", "array", "field", "tag", "exact",
            "describes", "descriptor", "shared", "pagesize", "i8", "i16", "catch_ref", "catch_all_ref",
            "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2");

    private static final Set<String> SCRIPT = Set.of("binary", "quote", "definition", "instance", "register",
            "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion", "assert_exception",
            "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable",
            "assert_malformed_custom", "assert_invalid_custom", "either", "thread", "wait", "nan:canonical",
            "nan:arithmetic", "ref.extern", "ref.host", "ref.struct", "ref.array", "ref.any", "ref.exn");

    /** Whether {@code kw} is a keyword of the text format or of scripts. */
    static boolean isKnown(String kw) {
        return Opcode.byText(kw) != null || SYNTAX.contains(kw) || SCRIPT.contains(kw)
                || TypeNames.valueType(kw) >= 0 || TypeNames.abstractHeapType(kw) >= 0
                || kw.startsWith("offset=") || kw.startsWith("align=");
    }
}
