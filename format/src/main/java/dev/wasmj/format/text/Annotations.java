package dev.wasmj.format.text;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.CustomSection;
import dev.wasmj.format.SectionId;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The annotations a module parser interprets: {@code (@custom "name" place? "bytes"*)} becomes a
 * custom section (only between module fields), and {@code (@name "text")} names the module (before
 * the first field) or a function (right after {@code func} or its identifier), and branch hints
 * go to {@link BranchHintAnnotations}. Other annotations are ignored. Misplaced ones are rejected
 * with the messages of the annotations proposal's tests.
 */
final class Annotations {
    static final int MODULE = 0;
    static final int FUNC = 1;
    static final int OTHER = 2;

    private final Tokens tokens;
    private final BranchHintAnnotations branchHints;
    private final List<CustomSection> customs = new ArrayList<>();
    private final Map<Integer, String> functionNames = new HashMap<>();
    private String moduleName;
    private boolean moduleNameAnnotated;
    private boolean fieldLevel;
    private int nameSlot = -1;
    private int target = MODULE;
    private int targetIndex;

    Annotations(Tokens tokens, String moduleId) {
        this.tokens = tokens;
        this.moduleName = moduleId;
        this.branchHints = new BranchHintAnnotations(tokens);
    }

    /** The branch hints, which the code parser helps place. */
    BranchHintAnnotations branchHints() {
        return branchHints;
    }

    /** Whether the parser is between module fields (where @custom belongs). */
    void fieldLevel(boolean atFieldLevel) {
        fieldLevel = atFieldLevel;
    }

    /** The raw token position where an @name annotation may stand for the current target. */
    void nameSlot(int rawToken) {
        nameSlot = rawToken;
    }

    /** What an @name annotation in the slot names: {@link #FUNC} {@code index}, or another entity. */
    void target(int kind, int index) {
        target = kind;
        targetIndex = index;
    }

    /** A listener that only rejects misplaced annotations (for a pass that reads no fields). */
    TokenCursor.AnnotationListener checker() {
        return at -> {
            String name = tokens.annotationName(at);
            if (name.equals("custom")) {
                throw tokens.error(at, "misplaced @custom annotation");
            }
            if (name.equals(BranchHintAnnotations.NAME)) {
                branchHints.annotation(at); // outside any function
            }
        };
    }

    /** A listener that interprets the annotations it is told about. */
    TokenCursor.AnnotationListener recorder() {
        return this::annotation;
    }

    private void annotation(int at) {
        String name = tokens.annotationName(at);
        boolean inSlot = at == nameSlot;
        if (inSlot) {
            nameSlot = tokens.partner(at) + 1;
        }
        switch (name) {
            case "custom" -> {
                if (!fieldLevel) {
                    throw tokens.error(at, "misplaced @custom annotation");
                }
                customs.add(custom(at));
            }
            case "name" -> {
                if (!inSlot) {
                    throw tokens.error(at, "misplaced @name annotation");
                }
                String text = nameText(at);
                if (target == MODULE) {
                    if (moduleNameAnnotated) {
                        throw tokens.error(at, "@name annotation: multiple module");
                    }
                    moduleNameAnnotated = true;
                    moduleName = text;
                } else if (target == FUNC) {
                    functionNames.put(targetIndex, text);
                }
            }
            case BranchHintAnnotations.NAME -> branchHints.annotation(at);
            default -> { }
        }
    }

    private String nameText(int at) {
        int t = at + 1;
        if (tokens.kind(t) != Tokens.STRING || tokens.kind(t + 1) != Tokens.RPAR) {
            throw tokens.error(t, "@name annotation: unexpected token");
        }
        return tokens.stringText(t);
    }

    private CustomSection custom(int at) {
        int close = tokens.partner(at);
        int t = at + 1;
        if (t >= close || tokens.kind(t) != Tokens.STRING) {
            throw tokens.error(t, "@custom annotation: missing section name");
        }
        String name;
        try {
            name = tokens.stringText(t);
        } catch (dev.wasmj.format.MalformedException e) {
            throw tokens.error(t, "@custom annotation: malformed UTF-8 encoding");
        }
        t++;
        SectionId after = SectionId.DATA;
        if (tokens.kind(t) == Tokens.LPAR) {
            int placeClose = tokens.partner(t);
            int k = t + 1;
            boolean before = tokens.isKeyword(k, "before");
            if (!before && !tokens.isKeyword(k, "after")) {
                throw tokens.error(k, "@custom annotation: malformed placement");
            }
            SectionId section = k + 1 < placeClose ? section(k + 1) : null;
            if (section == null || k + 2 != placeClose) {
                throw tokens.error(k + 1, "@custom annotation: malformed section kind");
            }
            after = before ? previous(section) : section;
            if (tokens.isKeyword(k + 1, "first")) {
                after = SectionId.CUSTOM;
            } else if (tokens.isKeyword(k + 1, "last")) {
                after = SectionId.DATA;
            }
            t = placeClose + 1;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (; t < close; t++) {
            if (tokens.kind(t) != Tokens.STRING) {
                throw tokens.error(t, "@custom annotation: unexpected token");
            }
            content.writeBytes(tokens.stringBytes(t));
        }
        return new CustomSection(name, Bytes.of(content.toByteArray()), after);
    }

    /** The section named by keyword token {@code t} ({@code first}/{@code last} included), or null. */
    private SectionId section(int t) {
        if (tokens.kind(t) != Tokens.KEYWORD) {
            return null;
        }
        return switch (tokens.text(t)) {
            case "first" -> SectionId.CUSTOM;
            case "last" -> SectionId.DATA;
            case "type" -> SectionId.TYPE;
            case "import" -> SectionId.IMPORT;
            case "func" -> SectionId.FUNCTION;
            case "table" -> SectionId.TABLE;
            case "memory" -> SectionId.MEMORY;
            case "tag" -> SectionId.TAG;
            case "global" -> SectionId.GLOBAL;
            case "export" -> SectionId.EXPORT;
            case "start" -> SectionId.START;
            case "elem" -> SectionId.ELEMENT;
            case "datacount" -> SectionId.DATA_COUNT;
            case "code" -> SectionId.CODE;
            case "data" -> SectionId.DATA;
            default -> null;
        };
    }

    /** The section before {@code s} in the standard order ({@link SectionId#CUSTOM} before the first). */
    private static SectionId previous(SectionId s) {
        return s.ordinal() <= 1 ? SectionId.CUSTOM : SectionId.values()[s.ordinal() - 1];
    }

    List<CustomSection> customs() {
        return customs;
    }

    String moduleName() {
        return moduleName;
    }

    /** Function names: from identifiers, overridden by @name annotations. */
    Map<Integer, String> functionNames(Map<Integer, String> fromIds) {
        Map<Integer, String> all = new HashMap<>(fromIds);
        all.putAll(functionNames);
        return all;
    }
}
