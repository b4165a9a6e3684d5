package dev.wasmj;

/**
 * Why WebAssembly code trapped: Wasmtime's trap codes. A {@link Trap} carries one, together with
 * the specification's message for the exact situation (e.g. {@link #TABLE_OUT_OF_BOUNDS} is
 * "undefined element" for {@code call_indirect} and "out of bounds table access" for
 * {@code table.get}).
 */
public enum TrapCode {
    /** The call stack was exhausted (deep or unbounded recursion). */
    STACK_OVERFLOW,
    /** A load or store outside the bounds of its memory. */
    MEMORY_OUT_OF_BOUNDS,
    /** An atomic access at an address not aligned to its size. */
    HEAP_MISALIGNED,
    /** An access outside the bounds of a table. */
    TABLE_OUT_OF_BOUNDS,
    /** {@code call_indirect} found a null function reference. */
    INDIRECT_CALL_TO_NULL,
    /** {@code call_indirect} found a function of the wrong type. */
    BAD_SIGNATURE,
    /** Integer overflow, e.g. {@code i32.div_s} of the minimum by -1 or a truncation out of range. */
    INTEGER_OVERFLOW,
    /** Integer division or remainder by zero. */
    INTEGER_DIVISION_BY_ZERO,
    /** A float-to-integer truncation of NaN. */
    BAD_CONVERSION_TO_INTEGER,
    /** The {@code unreachable} instruction was executed. */
    UNREACHABLE_CODE_REACHED,
    /** Execution was interrupted by the epoch deadline. */
    INTERRUPT,
    /** The store ran out of fuel. */
    OUT_OF_FUEL,
    /** {@code memory.atomic.wait} on a memory that is not shared. */
    ATOMIC_WAIT_NON_SHARED_MEMORY,
    /** A null reference where a non-null one was needed. */
    NULL_REFERENCE,
    /** An array access outside the array's bounds. */
    ARRAY_OUT_OF_BOUNDS,
    /** An allocation larger than the runtime supports. */
    ALLOCATION_TOO_LARGE,
    /** A {@code ref.cast} (or descriptor cast) that failed. */
    CAST_FAILURE,
    /** A WebAssembly exception was thrown and not caught before reaching the host. */
    UNHANDLED_TAG
}
