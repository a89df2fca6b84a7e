// Transposed convolution as GEMM + col2im: per image and group, col (Mg*K x I) = W_g^T * X_g,
// then every column entry is added onto the output position its tap writes. Pointwise cases
// (1x1, stride 1, no padding) write the GEMM straight into the output.
import { applyActivation } from './activation.js';
import { type ConvArgs, type SpatialGeometry, product } from './conv-args.js';
import { isPointwise } from './conv.js';
import { gemmF32 } from './f32-gemm.js';
import { gemmNumbers } from './generic-gemm.js';
import { col2imAdd } from './im2col.js';
import type { GemmArgs } from './gemm-args.js';
import { ScratchF32, ScratchF64 } from './scratch.js';

const colF32 = new ScratchF32();
const colF64 = new ScratchF64();

/** w is [inChannels, outChannels/group, ...kernel]; inShape/outShape are X's and Y's spatial dims. */
export function convTransposeF32(a: ConvArgs<Float32Array>): void {
  convTransposeByGemm(a, gemmF32, (n) => colF32.get(n));
}

export function convTransposeF64(a: ConvArgs<Float64Array>): void {
  convTransposeByGemm(a, (g) => gemmNumbers(g), (n) => colF64.get(n));
}

function convTransposeByGemm<T extends Float32Array | Float64Array>(
  a: ConvArgs<T>, gemm: (g: GemmArgs<T>) => void, scratch: (n: number) => T,
): void {
  const { batch, group, y } = a;
  const cg = a.inChannels / group, mg = a.outChannels / group;
  const inSize = product(a.inShape), outSize = product(a.outShape), mk = mg * product(a.kernel);
  const direct = isPointwise(a);
  // col2im walks the output as its "image" and the input positions as its "columns"
  const scatter: SpatialGeometry = { ...a, inShape: a.outShape, outShape: a.inShape };
  const col = direct ? undefined : scratch(mk * inSize);
  for (let n = 0; n < batch; n++) {
    for (let g = 0; g < group; g++) {
      const yo = (n * a.outChannels + g * mg) * outSize;
      const args: GemmArgs<T> = {
        m: mk, n: inSize, k: cg,
        a: a.w, aOffset: g * cg * mk, lda: mk, transA: true,
        b: a.x, bOffset: (n * a.inChannels + g * cg) * inSize,
        c: col ?? y, cOffset: col ? 0 : yo,
      };
      if (!col) {
        gemm({ ...args, bias: a.bias ? { values: a.bias, offset: g * mg, along: 'rows' } : undefined });
        continue;
      }
      gemm(args);
      for (let m = 0; m < mg; m++) y.fill(a.bias ? a.bias[g * mg + m] : 0, yo + m * outSize, yo + (m + 1) * outSize);
      col2imAdd(col, mg, scatter, y, yo);
    }
  }
  if (a.activation) applyActivation(y, 0, batch * a.outChannels * outSize, a.activation);
}
