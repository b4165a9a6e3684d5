package dev.wasmj.internal.ops;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;

/**
 * The traps raised by the operations of this package, with the specification's messages. The
 * ops return the exception for the caller to throw ({@code throw Traps.integerOverflow()}), so
 * the throwing path stays out of line and the hot path small.
 */
public final class Traps {
    private Traps() {}

    /** A new {@link Trap} with the given code and message. */
    public static Trap trap(TrapCode code, String message) {
        return new Trap(code, message);
    }

    /** Division or remainder by zero: "integer divide by zero". */
    public static Trap integerDivideByZero() {
        return trap(TrapCode.INTEGER_DIVISION_BY_ZERO, "integer divide by zero");
    }

    /** A signed division of the minimum by -1, or a truncation out of range: "integer overflow". */
    public static Trap integerOverflow() {
        return trap(TrapCode.INTEGER_OVERFLOW, "integer overflow");
    }

    /** A truncation of NaN to an integer: "invalid conversion to integer". */
    public static Trap invalidConversionToInteger() {
        return trap(TrapCode.BAD_CONVERSION_TO_INTEGER, "invalid conversion to integer");
    }
}
