package dev.wasmj.internal.runtime;

import dev.wasmj.format.ExternType;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.validate.Subtyping;
import dev.wasmj.format.validate.TypeContext;

/** Whether an external value matches an import's type (the spec's external subtyping). */
final class ImportMatcher {
    private final TypeContext types;
    private final Subtyping sub;

    ImportMatcher(TypeContext types, Subtyping sub) {
        this.types = types;
        this.sub = sub;
    }

    /** Whether {@code value} may be given for an import of type {@code type} (module-relative). */
    boolean matches(ExternType type, Object value) {
        return switch (type) {
            case FuncImport f -> value instanceof FunctionInstance fi
                    && (f.exact() ? fi.type().id() == types.id(f.typeIndex())
                                  : sub.isDefSubtype(fi.type().id(), types.id(f.typeIndex())));
            case TableType t -> value instanceof TableInstance ti && matchesTable(t, ti);
            case MemoryType m -> value instanceof MemoryInstance mi && matchesMemory(m, mi);
            case GlobalType g -> value instanceof GlobalInstance gi && matchesGlobal(g, gi);
            case TagType t -> value instanceof TagInstance ti && ti.type().id() == types.id(t.typeIndex());
        };
    }

    private boolean matchesTable(TableType want, TableInstance have) {
        int wantElem = types.toGlobal(want.elementType());
        return want.is64() == have.declaredType().is64()
                && sub.isSubtype(wantElem, have.elementType()) && sub.isSubtype(have.elementType(), wantElem)
                && limits(have.type().limits(), want.limits());
    }

    private boolean matchesMemory(MemoryType want, MemoryInstance have) {
        return want.is64() == have.is64() && want.shared() == have.shared()
                && want.pageSizeLog2() == have.pageSizeLog2()
                && limits(have.type().limits(), want.limits());
    }

    private boolean matchesGlobal(GlobalType want, GlobalInstance have) {
        int wantType = types.toGlobal(want.valType());
        GlobalType h = have.type();
        if (want.mutable() != h.mutable()) {
            return false;
        }
        return want.mutable()
                ? sub.isSubtype(wantType, h.valType()) && sub.isSubtype(h.valType(), wantType)
                : sub.isSubtype(h.valType(), wantType);
    }

    /** Limits {@code have} match {@code want}: at least the minimum, and within the maximum if any. */
    private static boolean limits(Limits have, Limits want) {
        if (Long.compareUnsigned(have.min(), want.min()) < 0) {
            return false;
        }
        if (!want.hasMax()) {
            return true;
        }
        return have.hasMax() && Long.compareUnsigned(have.max(), want.max()) <= 0;
    }
}
