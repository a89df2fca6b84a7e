// Convolution as GEMM: per image and group, Y_g (Mg x O) = W_g (Mg x Cg*K) * col (Cg*K x O),
// with the bias and activation applied in the GEMM epilogue. Pointwise (1x1, stride 1, no
// padding) convolutions multiply the image directly, with no im2col; depthwise ones take
// a direct path. float32 runs on the blocked GEMM, float64 on the generic one.
import { type ConvArgs, product } from './conv-args.js';
import { convDepthwise, isDepthwise } from './conv-depthwise.js';
import { gemmF32 } from './f32-gemm.js';
import { gemmNumbers } from './generic-gemm.js';
import { im2col } from './im2col.js';
import type { GemmArgs } from './gemm-args.js';
import { ScratchF32, ScratchF64 } from './scratch.js';

const colF32 = new ScratchF32();
const colF64 = new ScratchF64();

export function convF32(a: ConvArgs<Float32Array>): void {
  convByGemm(a, gemmF32, (n) => colF32.get(n));
}

export function convF64(a: ConvArgs<Float64Array>): void {
  convByGemm(a, (g) => gemmNumbers(g), (n) => colF64.get(n));
}

/** Whether every kernel tap reads the input position of its own output: Y = W * X. */
export function isPointwise(a: ConvArgs<unknown>): boolean {
  return a.kernel.every((k) => k === 1) && a.strides.every((s) => s === 1) && a.padsBegin.every((p) => p === 0)
    && a.outShape.every((d, i) => d === a.inShape[i]);
}

export const convTuning = {
  /**
   * Beyond this many im2col elements, the output is produced in bands of rows along the first
   * spatial axis, so the column matrix stays cache-sized and memory stays bounded.
   */
  maxColumnElements: 1 << 22,
};

function convByGemm<T extends Float32Array | Float64Array>(a: ConvArgs<T>, gemm: (g: GemmArgs<T>) => void, scratch: (n: number) => T): void {
  if (isDepthwise(a)) {
    convDepthwise(a);
    return;
  }
  const { batch, group } = a;
  if (product(a.outShape) === 0) return;
  const cg = a.inChannels / group, mg = a.outChannels / group;
  const inSize = product(a.inShape), outSize = product(a.outShape), kg = cg * product(a.kernel);
  const pointwise = isPointwise(a);
  // output rows (along the first spatial axis) per band, and the outputs in one row
  const rowSize = outSize / a.outShape[0];
  const bandRows = pointwise ? a.outShape[0] : Math.max(1, Math.min(a.outShape[0], Math.floor(convTuning.maxColumnElements / (kg * rowSize))));
  const col = pointwise ? undefined : scratch(kg * bandRows * rowSize);
  for (let n = 0; n < batch; n++) {
    for (let g = 0; g < group; g++) {
      const xo = (n * a.inChannels + g * cg) * inSize;
      for (let r0 = 0; r0 < a.outShape[0]; r0 += bandRows) {
        const rows = Math.min(bandRows, a.outShape[0] - r0);
        if (col) {
          // the band is a convolution of its own whose first axis starts r0 strides later
          const band = { ...a, outShape: [rows, ...a.outShape.slice(1)], padsBegin: [a.padsBegin[0] - r0 * a.strides[0], ...a.padsBegin.slice(1)] };
          im2col(a.x, xo, cg, band, col);
        }
        gemm({
          m: mg, n: rows * rowSize, k: kg,
          a: a.w, aOffset: g * mg * kg,
          b: col ?? a.x, bOffset: col ? 0 : xo,
          c: a.y, cOffset: (n * a.outChannels + g * mg) * outSize + r0 * rowSize, ldc: outSize,
          bias: a.bias ? { values: a.bias, offset: g * mg, along: 'rows' } : undefined,
          activation: a.activation,
        });
      }
    }
  }
}
