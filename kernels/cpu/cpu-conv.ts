// Convolution as GEMM: per image and group, Y_g (Mg x O) = W_g (Mg x Cg*K) * col (Cg*K x O),
// with the bias and activation applied in the GEMM epilogue. Pointwise (1x1, stride 1, no
// padding) convolutions multiply the image directly, with no im2col; depthwise ones take
// a direct path. float32 runs on the blocked GEMM, float64 on the generic one.
import { type ConvArgs, product } from './conv-args.js';
import { convDepthwise, isDepthwise } from './cpu-conv-depthwise.js';
import { gemmF32 } from './cpu-f32-gemm.js';
import { gemmNumbers } from './cpu-generic-gemm.js';
import { im2col } from './cpu-im2col.js';
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

function convByGemm<T extends Float32Array | Float64Array>(a: ConvArgs<T>, gemm: (g: GemmArgs<T>) => void, scratch: (n: number) => T): void {
  if (isDepthwise(a)) {
    convDepthwise(a);
    return;
  }
  const { batch, group } = a;
  const cg = a.inChannels / group, mg = a.outChannels / group;
  const inSize = product(a.inShape), outSize = product(a.outShape), kg = cg * product(a.kernel);
  const pointwise = isPointwise(a);
  const col = pointwise ? undefined : scratch(kg * outSize);
  for (let n = 0; n < batch; n++) {
    for (let g = 0; g < group; g++) {
      const xo = (n * a.inChannels + g * cg) * inSize;
      if (col) im2col(a.x, xo, cg, a, col);
      gemm({
        m: mg, n: outSize, k: kg,
        a: a.w, aOffset: g * mg * kg,
        b: col ?? a.x, bOffset: col ? 0 : xo,
        c: a.y, cOffset: (n * a.outChannels + g * mg) * outSize,
        bias: a.bias ? { values: a.bias, offset: g * mg, along: 'rows' } : undefined,
        activation: a.activation,
      });
    }
  }
}
