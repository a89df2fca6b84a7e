// Clip-11+ (bounds as optional scalar inputs) for float32 on the wasm kernels. An omitted bound
// is float32's lowest/max, as the spec says, so infinities are clipped to finite values.
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { ACT } from '../../../kernels/wasm/wasm-activation.js';
import { wasmUnaryF32 } from '../../../kernels/wasm/wasm-f32-elementwise.js';
import { Tensor } from '../../../data/tensor.js';
import { defineWasmOp, isF32, isNonEmptyF32, lazyReference, writesInPlace } from './op-support.js';

const FLOAT32_MAX = 3.4028234663852886e38;

export const Clip = defineWasmOp('Clip', (ctx, w) => {
  const fallback = lazyReference(ctx, true);
  return writesInPlace((inputs, rt) => {
    const [x, lo, hi] = inputs;
    if (!isNonEmptyF32(x)) return fallback(inputs, rt);
    if ((lo !== undefined && (!isF32(lo) || lo.size !== 1)) || (hi !== undefined && (!isF32(hi) || hi.size !== 1))) {
      return fallback(inputs, rt);
    }
    const p0 = lo ? lo.data[0] : -FLOAT32_MAX, p1 = hi ? hi.data[0] : FLOAT32_MAX;
    return [new Tensor('float32', wasmUnaryF32(w, x.data, { kind: ACT.clip, p0, p1 }, outputF32(rt, 0, x.size)), x.dims)];
  });
}, { since: 11 });
