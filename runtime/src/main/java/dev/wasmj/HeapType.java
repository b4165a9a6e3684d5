package dev.wasmj;

import dev.wasmj.format.validate.DefType;
import dev.wasmj.format.validate.TypeRegistry;
import java.util.Objects;

/**
 * A heap type: what a reference points to. Either abstract ({@code func}, {@code extern},
 * {@code any}, {@code eq}, {@code i31}, {@code struct}, {@code array}, {@code exn} and the bottom
 * types {@code nofunc}, {@code noextern}, {@code none}, {@code noexn}) or concrete: a function,
 * struct or array type defined by a module (see {@link #kind()}).
 *
 * <p>A concrete heap type belongs to the {@link Engine} whose modules defined it; two concrete
 * heap types are equal when their types are equivalent (iso-recursive equivalence).
 */
public final class HeapType {
    /** The kinds of heap types. */
    public enum Kind {
        FUNC, EXTERN, ANY, EQ, I31, STRUCT, ARRAY, EXN, NOFUNC, NOEXTERN, NONE, NOEXN,
        /** A function type defined by a module. */
        CONCRETE_FUNC,
        /** A struct type defined by a module. */
        CONCRETE_STRUCT,
        /** An array type defined by a module. */
        CONCRETE_ARRAY
    }

    public static final HeapType FUNC = new HeapType(dev.wasmj.format.HeapType.FUNC, null);
    public static final HeapType EXTERN = new HeapType(dev.wasmj.format.HeapType.EXTERN, null);
    public static final HeapType ANY = new HeapType(dev.wasmj.format.HeapType.ANY, null);
    public static final HeapType EQ = new HeapType(dev.wasmj.format.HeapType.EQ, null);
    public static final HeapType I31 = new HeapType(dev.wasmj.format.HeapType.I31, null);
    public static final HeapType STRUCT = new HeapType(dev.wasmj.format.HeapType.STRUCT, null);
    public static final HeapType ARRAY = new HeapType(dev.wasmj.format.HeapType.ARRAY, null);
    public static final HeapType EXN = new HeapType(dev.wasmj.format.HeapType.EXN, null);
    public static final HeapType NOFUNC = new HeapType(dev.wasmj.format.HeapType.NOFUNC, null);
    public static final HeapType NOEXTERN = new HeapType(dev.wasmj.format.HeapType.NOEXTERN, null);
    public static final HeapType NONE = new HeapType(dev.wasmj.format.HeapType.NONE, null);
    public static final HeapType NOEXN = new HeapType(dev.wasmj.format.HeapType.NOEXN, null);

    /** The format's encoding, in closed form: a concrete type is a global id of {@link #registry}. */
    private final int code;
    /** The registry of a concrete type's id; null for abstract types. */
    private final TypeRegistry registry;

    private HeapType(int code, TypeRegistry registry) {
        this.code = code;
        this.registry = registry;
    }

    /** The heap type with the format's closed-form encoding {@code code} (ids of {@code registry}). */
    static HeapType of(int code, TypeRegistry registry) {
        return switch (code) {
            case dev.wasmj.format.HeapType.FUNC -> FUNC;
            case dev.wasmj.format.HeapType.EXTERN -> EXTERN;
            case dev.wasmj.format.HeapType.ANY -> ANY;
            case dev.wasmj.format.HeapType.EQ -> EQ;
            case dev.wasmj.format.HeapType.I31 -> I31;
            case dev.wasmj.format.HeapType.STRUCT -> STRUCT;
            case dev.wasmj.format.HeapType.ARRAY -> ARRAY;
            case dev.wasmj.format.HeapType.EXN -> EXN;
            case dev.wasmj.format.HeapType.NOFUNC -> NOFUNC;
            case dev.wasmj.format.HeapType.NOEXTERN -> NOEXTERN;
            case dev.wasmj.format.HeapType.NONE -> NONE;
            case dev.wasmj.format.HeapType.NOEXN -> NOEXN;
            default -> {
                if (dev.wasmj.format.HeapType.isAbstract(code)) {
                    throw new IllegalArgumentException("unknown heap type " + Integer.toHexString(code));
                }
                yield new HeapType(code, Objects.requireNonNull(registry));
            }
        };
    }

    /** The concrete heap type of {@code funcType} (canonicalized in {@code engine}'s type registry). */
    public static HeapType concrete(Engine engine, FuncType funcType) {
        return new HeapType(engine.canonical(funcType).id(), engine.registry());
    }

    int code() {
        return code;
    }

    /** The registry a concrete type's id refers to; null for abstract types. */
    TypeRegistry registry() {
        return registry;
    }

    public Kind kind() {
        if (registry == null) {
            return switch (code) {
                case dev.wasmj.format.HeapType.FUNC -> Kind.FUNC;
                case dev.wasmj.format.HeapType.EXTERN -> Kind.EXTERN;
                case dev.wasmj.format.HeapType.ANY -> Kind.ANY;
                case dev.wasmj.format.HeapType.EQ -> Kind.EQ;
                case dev.wasmj.format.HeapType.I31 -> Kind.I31;
                case dev.wasmj.format.HeapType.STRUCT -> Kind.STRUCT;
                case dev.wasmj.format.HeapType.ARRAY -> Kind.ARRAY;
                case dev.wasmj.format.HeapType.EXN -> Kind.EXN;
                case dev.wasmj.format.HeapType.NOFUNC -> Kind.NOFUNC;
                case dev.wasmj.format.HeapType.NOEXTERN -> Kind.NOEXTERN;
                case dev.wasmj.format.HeapType.NONE -> Kind.NONE;
                default -> Kind.NOEXN;
            };
        }
        DefType def = definition();
        return def.isFunc() ? Kind.CONCRETE_FUNC : def.isStruct() ? Kind.CONCRETE_STRUCT : Kind.CONCRETE_ARRAY;
    }

    /** Whether this is a type defined by a module rather than an abstract one. */
    public boolean isConcrete() {
        return registry != null;
    }

    /** Whether this is an exact concrete type (custom-descriptors proposal). */
    public boolean isExact() {
        return registry != null && dev.wasmj.format.HeapType.isExact(code);
    }

    /** The function type of a {@link Kind#CONCRETE_FUNC} heap type. */
    public FuncType funcType() {
        if (kind() != Kind.CONCRETE_FUNC) {
            throw new IllegalStateException(this + " is not a concrete function type");
        }
        return FuncType.of(definition(), registry);
    }

    DefType definition() {
        return registry.get(dev.wasmj.format.HeapType.typeIndex(code));
    }

    /** Whether this heap type is a subtype of {@code other}. */
    public boolean matches(HeapType other) {
        return Types.subtyping(this.registry, other.registry).isHeapSubtype(code, other.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeapType h && h.code == code && h.registry == registry;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** The text form: {@code func}, {@code any}, ... or the structure of a concrete type. */
    @Override
    public String toString() {
        if (registry == null) {
            return dev.wasmj.format.HeapType.name(code);
        }
        String s = definition().composite().toString();
        return isExact() ? "(exact " + s + ")" : s;
    }
}
