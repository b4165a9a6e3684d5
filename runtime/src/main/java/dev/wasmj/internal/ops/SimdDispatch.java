package dev.wasmj.internal.ops;

import dev.wasmj.format.Opcode;

/**
 * Runs a SIMD operator given by its opcode: the u32 that follows the {@code 0xFD} prefix. For an
 * interpreter that keeps the opcode; the compiler calls the operator's method directly. Covers
 * every SIMD instruction that is not a memory access, {@code v128.const} or {@code i8x16.shuffle}
 * (whose 16-byte immediate goes to {@link SimdOps#i8x16Shuffle} directly).
 */
public final class SimdDispatch {
    private SimdDispatch() {}

    /**
     * The stack slots an operator with a fixed signature pops: two per v128 operand, one per other
     * operand. So {@code at} is the stack height before the instruction minus this.
     */
    public static int operandSlots(Opcode op) {
        String sig = op.signature();
        return slots(sig, 0, sig.indexOf(':'));
    }

    /** The stack slots an operator with a fixed signature pushes (written from {@code at}). */
    public static int resultSlots(Opcode op) {
        String sig = op.signature();
        return slots(sig, sig.indexOf(':') + 1, sig.length());
    }

    private static int slots(String sig, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += sig.charAt(i) == 'v' ? 2 : 1;
        }
        return n;
    }

    /**
     * Runs operator {@code code} in the stack form of {@link SimdOps}: operands at
     * {@code s[at...]}, result written at {@code s[at]}.
     *
     * @param lane the lane index of {@code extract_lane}/{@code replace_lane}; ignored by the others
     * @throws IllegalArgumentException if {@code code} is not such an operator
     */
    public static void exec(int code, long[] s, int at, int lane) {
        switch (code) {
            case 14 -> SimdOps.i8x16Swizzle(s, at);
            case 15 -> SimdOps.i8x16Splat(s, at);
            case 16 -> SimdOps.i16x8Splat(s, at);
            case 17 -> SimdOps.i32x4Splat(s, at);
            case 18 -> SimdOps.i64x2Splat(s, at);
            case 19 -> SimdFloatOps.f32x4Splat(s, at);
            case 20 -> SimdFloatOps.f64x2Splat(s, at);
            case 21 -> SimdOps.i8x16ExtractLaneS(s, at, lane);
            case 22 -> SimdOps.i8x16ExtractLaneU(s, at, lane);
            case 23 -> SimdOps.i8x16ReplaceLane(s, at, lane);
            case 24 -> SimdOps.i16x8ExtractLaneS(s, at, lane);
            case 25 -> SimdOps.i16x8ExtractLaneU(s, at, lane);
            case 26 -> SimdOps.i16x8ReplaceLane(s, at, lane);
            case 27 -> SimdOps.i32x4ExtractLane(s, at, lane);
            case 28 -> SimdOps.i32x4ReplaceLane(s, at, lane);
            case 29 -> SimdOps.i64x2ExtractLane(s, at, lane);
            case 30 -> SimdOps.i64x2ReplaceLane(s, at, lane);
            case 31 -> SimdFloatOps.f32x4ExtractLane(s, at, lane);
            case 32 -> SimdFloatOps.f32x4ReplaceLane(s, at, lane);
            case 33 -> SimdFloatOps.f64x2ExtractLane(s, at, lane);
            case 34 -> SimdFloatOps.f64x2ReplaceLane(s, at, lane);
            case 35 -> SimdOps.i8x16Eq(s, at);
            case 36 -> SimdOps.i8x16Ne(s, at);
            case 37 -> SimdOps.i8x16LtS(s, at);
            case 38 -> SimdOps.i8x16LtU(s, at);
            case 39 -> SimdOps.i8x16GtS(s, at);
            case 40 -> SimdOps.i8x16GtU(s, at);
            case 41 -> SimdOps.i8x16LeS(s, at);
            case 42 -> SimdOps.i8x16LeU(s, at);
            case 43 -> SimdOps.i8x16GeS(s, at);
            case 44 -> SimdOps.i8x16GeU(s, at);
            case 45 -> SimdOps.i16x8Eq(s, at);
            case 46 -> SimdOps.i16x8Ne(s, at);
            case 47 -> SimdOps.i16x8LtS(s, at);
            case 48 -> SimdOps.i16x8LtU(s, at);
            case 49 -> SimdOps.i16x8GtS(s, at);
            case 50 -> SimdOps.i16x8GtU(s, at);
            case 51 -> SimdOps.i16x8LeS(s, at);
            case 52 -> SimdOps.i16x8LeU(s, at);
            case 53 -> SimdOps.i16x8GeS(s, at);
            case 54 -> SimdOps.i16x8GeU(s, at);
            case 55 -> SimdOps.i32x4Eq(s, at);
            case 56 -> SimdOps.i32x4Ne(s, at);
            case 57 -> SimdOps.i32x4LtS(s, at);
            case 58 -> SimdOps.i32x4LtU(s, at);
            case 59 -> SimdOps.i32x4GtS(s, at);
            case 60 -> SimdOps.i32x4GtU(s, at);
            case 61 -> SimdOps.i32x4LeS(s, at);
            case 62 -> SimdOps.i32x4LeU(s, at);
            case 63 -> SimdOps.i32x4GeS(s, at);
            case 64 -> SimdOps.i32x4GeU(s, at);
            case 65 -> SimdFloatOps.f32x4Eq(s, at);
            case 66 -> SimdFloatOps.f32x4Ne(s, at);
            case 67 -> SimdFloatOps.f32x4Lt(s, at);
            case 68 -> SimdFloatOps.f32x4Gt(s, at);
            case 69 -> SimdFloatOps.f32x4Le(s, at);
            case 70 -> SimdFloatOps.f32x4Ge(s, at);
            case 71 -> SimdFloatOps.f64x2Eq(s, at);
            case 72 -> SimdFloatOps.f64x2Ne(s, at);
            case 73 -> SimdFloatOps.f64x2Lt(s, at);
            case 74 -> SimdFloatOps.f64x2Gt(s, at);
            case 75 -> SimdFloatOps.f64x2Le(s, at);
            case 76 -> SimdFloatOps.f64x2Ge(s, at);
            case 77 -> SimdOps.v128Not(s, at);
            case 78 -> SimdOps.v128And(s, at);
            case 79 -> SimdOps.v128Andnot(s, at);
            case 80 -> SimdOps.v128Or(s, at);
            case 81 -> SimdOps.v128Xor(s, at);
            case 82 -> SimdOps.v128Bitselect(s, at);
            case 83 -> SimdOps.v128AnyTrue(s, at);
            case 94 -> SimdFloatOps.f32x4DemoteF64x2Zero(s, at);
            case 95 -> SimdFloatOps.f64x2PromoteLowF32x4(s, at);
            case 96 -> SimdOps.i8x16Abs(s, at);
            case 97 -> SimdOps.i8x16Neg(s, at);
            case 98 -> SimdOps.i8x16Popcnt(s, at);
            case 99 -> SimdOps.i8x16AllTrue(s, at);
            case 100 -> SimdOps.i8x16Bitmask(s, at);
            case 101 -> SimdOps.i8x16NarrowI16x8S(s, at);
            case 102 -> SimdOps.i8x16NarrowI16x8U(s, at);
            case 103 -> SimdFloatOps.f32x4Ceil(s, at);
            case 104 -> SimdFloatOps.f32x4Floor(s, at);
            case 105 -> SimdFloatOps.f32x4Trunc(s, at);
            case 106 -> SimdFloatOps.f32x4Nearest(s, at);
            case 107 -> SimdOps.i8x16Shl(s, at);
            case 108 -> SimdOps.i8x16ShrS(s, at);
            case 109 -> SimdOps.i8x16ShrU(s, at);
            case 110 -> SimdOps.i8x16Add(s, at);
            case 111 -> SimdOps.i8x16AddSatS(s, at);
            case 112 -> SimdOps.i8x16AddSatU(s, at);
            case 113 -> SimdOps.i8x16Sub(s, at);
            case 114 -> SimdOps.i8x16SubSatS(s, at);
            case 115 -> SimdOps.i8x16SubSatU(s, at);
            case 116 -> SimdFloatOps.f64x2Ceil(s, at);
            case 117 -> SimdFloatOps.f64x2Floor(s, at);
            case 118 -> SimdOps.i8x16MinS(s, at);
            case 119 -> SimdOps.i8x16MinU(s, at);
            case 120 -> SimdOps.i8x16MaxS(s, at);
            case 121 -> SimdOps.i8x16MaxU(s, at);
            case 122 -> SimdFloatOps.f64x2Trunc(s, at);
            case 123 -> SimdOps.i8x16AvgrU(s, at);
            case 124 -> SimdOps.i16x8ExtaddPairwiseI8x16S(s, at);
            case 125 -> SimdOps.i16x8ExtaddPairwiseI8x16U(s, at);
            case 126 -> SimdOps.i32x4ExtaddPairwiseI16x8S(s, at);
            case 127 -> SimdOps.i32x4ExtaddPairwiseI16x8U(s, at);
            case 128 -> SimdOps.i16x8Abs(s, at);
            case 129 -> SimdOps.i16x8Neg(s, at);
            case 130 -> SimdOps.i16x8Q15mulrSatS(s, at);
            case 131 -> SimdOps.i16x8AllTrue(s, at);
            case 132 -> SimdOps.i16x8Bitmask(s, at);
            case 133 -> SimdOps.i16x8NarrowI32x4S(s, at);
            case 134 -> SimdOps.i16x8NarrowI32x4U(s, at);
            case 135 -> SimdOps.i16x8ExtendLowI8x16S(s, at);
            case 136 -> SimdOps.i16x8ExtendHighI8x16S(s, at);
            case 137 -> SimdOps.i16x8ExtendLowI8x16U(s, at);
            case 138 -> SimdOps.i16x8ExtendHighI8x16U(s, at);
            case 139 -> SimdOps.i16x8Shl(s, at);
            case 140 -> SimdOps.i16x8ShrS(s, at);
            case 141 -> SimdOps.i16x8ShrU(s, at);
            case 142 -> SimdOps.i16x8Add(s, at);
            case 143 -> SimdOps.i16x8AddSatS(s, at);
            case 144 -> SimdOps.i16x8AddSatU(s, at);
            case 145 -> SimdOps.i16x8Sub(s, at);
            case 146 -> SimdOps.i16x8SubSatS(s, at);
            case 147 -> SimdOps.i16x8SubSatU(s, at);
            case 148 -> SimdFloatOps.f64x2Nearest(s, at);
            case 149 -> SimdOps.i16x8Mul(s, at);
            case 150 -> SimdOps.i16x8MinS(s, at);
            case 151 -> SimdOps.i16x8MinU(s, at);
            case 152 -> SimdOps.i16x8MaxS(s, at);
            case 153 -> SimdOps.i16x8MaxU(s, at);
            case 155 -> SimdOps.i16x8AvgrU(s, at);
            case 156 -> SimdOps.i16x8ExtmulLowI8x16S(s, at);
            case 157 -> SimdOps.i16x8ExtmulHighI8x16S(s, at);
            case 158 -> SimdOps.i16x8ExtmulLowI8x16U(s, at);
            case 159 -> SimdOps.i16x8ExtmulHighI8x16U(s, at);
            case 160 -> SimdOps.i32x4Abs(s, at);
            case 161 -> SimdOps.i32x4Neg(s, at);
            case 163 -> SimdOps.i32x4AllTrue(s, at);
            case 164 -> SimdOps.i32x4Bitmask(s, at);
            case 167 -> SimdOps.i32x4ExtendLowI16x8S(s, at);
            case 168 -> SimdOps.i32x4ExtendHighI16x8S(s, at);
            case 169 -> SimdOps.i32x4ExtendLowI16x8U(s, at);
            case 170 -> SimdOps.i32x4ExtendHighI16x8U(s, at);
            case 171 -> SimdOps.i32x4Shl(s, at);
            case 172 -> SimdOps.i32x4ShrS(s, at);
            case 173 -> SimdOps.i32x4ShrU(s, at);
            case 174 -> SimdOps.i32x4Add(s, at);
            case 177 -> SimdOps.i32x4Sub(s, at);
            case 181 -> SimdOps.i32x4Mul(s, at);
            case 182 -> SimdOps.i32x4MinS(s, at);
            case 183 -> SimdOps.i32x4MinU(s, at);
            case 184 -> SimdOps.i32x4MaxS(s, at);
            case 185 -> SimdOps.i32x4MaxU(s, at);
            case 186 -> SimdOps.i32x4DotI16x8S(s, at);
            case 188 -> SimdOps.i32x4ExtmulLowI16x8S(s, at);
            case 189 -> SimdOps.i32x4ExtmulHighI16x8S(s, at);
            case 190 -> SimdOps.i32x4ExtmulLowI16x8U(s, at);
            case 191 -> SimdOps.i32x4ExtmulHighI16x8U(s, at);
            case 192 -> SimdOps.i64x2Abs(s, at);
            case 193 -> SimdOps.i64x2Neg(s, at);
            case 195 -> SimdOps.i64x2AllTrue(s, at);
            case 196 -> SimdOps.i64x2Bitmask(s, at);
            case 199 -> SimdOps.i64x2ExtendLowI32x4S(s, at);
            case 200 -> SimdOps.i64x2ExtendHighI32x4S(s, at);
            case 201 -> SimdOps.i64x2ExtendLowI32x4U(s, at);
            case 202 -> SimdOps.i64x2ExtendHighI32x4U(s, at);
            case 203 -> SimdOps.i64x2Shl(s, at);
            case 204 -> SimdOps.i64x2ShrS(s, at);
            case 205 -> SimdOps.i64x2ShrU(s, at);
            case 206 -> SimdOps.i64x2Add(s, at);
            case 209 -> SimdOps.i64x2Sub(s, at);
            case 213 -> SimdOps.i64x2Mul(s, at);
            case 214 -> SimdOps.i64x2Eq(s, at);
            case 215 -> SimdOps.i64x2Ne(s, at);
            case 216 -> SimdOps.i64x2LtS(s, at);
            case 217 -> SimdOps.i64x2GtS(s, at);
            case 218 -> SimdOps.i64x2LeS(s, at);
            case 219 -> SimdOps.i64x2GeS(s, at);
            case 220 -> SimdOps.i64x2ExtmulLowI32x4S(s, at);
            case 221 -> SimdOps.i64x2ExtmulHighI32x4S(s, at);
            case 222 -> SimdOps.i64x2ExtmulLowI32x4U(s, at);
            case 223 -> SimdOps.i64x2ExtmulHighI32x4U(s, at);
            case 224 -> SimdFloatOps.f32x4Abs(s, at);
            case 225 -> SimdFloatOps.f32x4Neg(s, at);
            case 227 -> SimdFloatOps.f32x4Sqrt(s, at);
            case 228 -> SimdFloatOps.f32x4Add(s, at);
            case 229 -> SimdFloatOps.f32x4Sub(s, at);
            case 230 -> SimdFloatOps.f32x4Mul(s, at);
            case 231 -> SimdFloatOps.f32x4Div(s, at);
            case 232 -> SimdFloatOps.f32x4Min(s, at);
            case 233 -> SimdFloatOps.f32x4Max(s, at);
            case 234 -> SimdFloatOps.f32x4Pmin(s, at);
            case 235 -> SimdFloatOps.f32x4Pmax(s, at);
            case 236 -> SimdFloatOps.f64x2Abs(s, at);
            case 237 -> SimdFloatOps.f64x2Neg(s, at);
            case 239 -> SimdFloatOps.f64x2Sqrt(s, at);
            case 240 -> SimdFloatOps.f64x2Add(s, at);
            case 241 -> SimdFloatOps.f64x2Sub(s, at);
            case 242 -> SimdFloatOps.f64x2Mul(s, at);
            case 243 -> SimdFloatOps.f64x2Div(s, at);
            case 244 -> SimdFloatOps.f64x2Min(s, at);
            case 245 -> SimdFloatOps.f64x2Max(s, at);
            case 246 -> SimdFloatOps.f64x2Pmin(s, at);
            case 247 -> SimdFloatOps.f64x2Pmax(s, at);
            case 248 -> SimdFloatOps.i32x4TruncSatF32x4S(s, at);
            case 249 -> SimdFloatOps.i32x4TruncSatF32x4U(s, at);
            case 250 -> SimdFloatOps.f32x4ConvertI32x4S(s, at);
            case 251 -> SimdFloatOps.f32x4ConvertI32x4U(s, at);
            case 252 -> SimdFloatOps.i32x4TruncSatF64x2SZero(s, at);
            case 253 -> SimdFloatOps.i32x4TruncSatF64x2UZero(s, at);
            case 254 -> SimdFloatOps.f64x2ConvertLowI32x4S(s, at);
            case 255 -> SimdFloatOps.f64x2ConvertLowI32x4U(s, at);
            case 256 -> RelaxedSimdOps.i8x16RelaxedSwizzle(s, at);
            case 257 -> RelaxedSimdOps.i32x4RelaxedTruncF32x4S(s, at);
            case 258 -> RelaxedSimdOps.i32x4RelaxedTruncF32x4U(s, at);
            case 259 -> RelaxedSimdOps.i32x4RelaxedTruncF64x2SZero(s, at);
            case 260 -> RelaxedSimdOps.i32x4RelaxedTruncF64x2UZero(s, at);
            case 261 -> RelaxedSimdOps.f32x4RelaxedMadd(s, at);
            case 262 -> RelaxedSimdOps.f32x4RelaxedNmadd(s, at);
            case 263 -> RelaxedSimdOps.f64x2RelaxedMadd(s, at);
            case 264 -> RelaxedSimdOps.f64x2RelaxedNmadd(s, at);
            case 265 -> RelaxedSimdOps.i8x16RelaxedLaneselect(s, at);
            case 266 -> RelaxedSimdOps.i16x8RelaxedLaneselect(s, at);
            case 267 -> RelaxedSimdOps.i32x4RelaxedLaneselect(s, at);
            case 268 -> RelaxedSimdOps.i64x2RelaxedLaneselect(s, at);
            case 269 -> RelaxedSimdOps.f32x4RelaxedMin(s, at);
            case 270 -> RelaxedSimdOps.f32x4RelaxedMax(s, at);
            case 271 -> RelaxedSimdOps.f64x2RelaxedMin(s, at);
            case 272 -> RelaxedSimdOps.f64x2RelaxedMax(s, at);
            case 273 -> RelaxedSimdOps.i16x8RelaxedQ15mulrS(s, at);
            case 274 -> RelaxedSimdOps.i16x8RelaxedDotI8x16I7x16S(s, at);
            case 275 -> RelaxedSimdOps.i32x4RelaxedDotI8x16I7x16AddS(s, at);
            default -> throw new IllegalArgumentException("not a SIMD operator: 0xFD " + code);
        }
    }
}
