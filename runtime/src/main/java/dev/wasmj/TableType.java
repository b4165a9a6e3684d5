package dev.wasmj;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A table type: the element type and the size limits in elements.
 *
 * @param element the reference type of the elements
 * @param minimum the initial (and smallest) size
 * @param maximum the largest size, if any
 * @param is64    whether the table is indexed by {@code i64} (memory64 proposal)
 */
public record TableType(RefType element, long minimum, OptionalLong maximum, boolean is64) implements ExternType {
    public TableType {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(maximum, "maximum");
    }

    /** A 32-bit table of {@code element}s with {@code minimum} elements and no maximum. */
    public static TableType of(RefType element, long minimum) {
        return new TableType(element, minimum, OptionalLong.empty(), false);
    }

    /** A 32-bit table of {@code element}s with {@code minimum} elements, growable to {@code maximum}. */
    public static TableType of(RefType element, long minimum, long maximum) {
        return new TableType(element, minimum, OptionalLong.of(maximum), false);
    }

    static TableType of(dev.wasmj.format.TableType t, dev.wasmj.format.validate.TypeRegistry registry) {
        ValType element = ValType.of(t.elementType(), registry);
        return new TableType(element.refType(), t.limits().min(), Types.max(t.limits()), t.is64());
    }

    /** The format's type, element type in closed form. */
    dev.wasmj.format.TableType toFormat() {
        return new dev.wasmj.format.TableType(element.code(), Types.limits(minimum, maximum), is64);
    }

    @Override
    public String toString() {
        return "(table " + (is64 ? "i64 " : "") + minimum + (maximum.isPresent() ? " " + maximum.getAsLong() : "")
                + " " + element + ")";
    }
}
