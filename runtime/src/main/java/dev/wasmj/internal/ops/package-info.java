/**
 * The semantics of WebAssembly's operators, written once as small static methods and shared by
 * the engines (the interpreter now, the JVM-bytecode compiler later).
 *
 * <ul>
 *   <li>{@link dev.wasmj.internal.ops.NumericOps}: scalar integer and float operators,
 *       conversions and wide arithmetic, on {@code int}/{@code long} values (floats as raw
 *       bits).</li>
 *   <li>{@link dev.wasmj.internal.ops.SimdOps} (integer lanes, whole vectors),
 *       {@link dev.wasmj.internal.ops.SimdFloatOps} (float lanes, lane conversions) and
 *       {@link dev.wasmj.internal.ops.RelaxedSimdOps} (relaxed SIMD, the spec's deterministic
 *       profile): v128 operators in stack form on a {@code long[]}, and
 *       {@link dev.wasmj.internal.ops.SimdDispatch} to run one by its opcode.</li>
 *   <li>{@link dev.wasmj.internal.ops.Traps}: the traps they throw, with the spec's messages.</li>
 * </ul>
 *
 * <p>A method is named after its instruction in camelCase ({@code i32.div_s} is
 * {@code i32DivS}, {@code i16x8.extmul_low_i8x16_s} is {@code i16x8ExtmulLowI8x16S}); a
 * two-result instruction has a {@code Lo} and a {@code Hi} method. Nothing here allocates, except
 * a trap.
 */
package dev.wasmj.internal.ops;
