// Add and Mul on the wasm kernels when one float32 operand is the full output and the other
// broadcasts onto it as a scalar, a trailing block (bias over the last axes) or one value per
// channel ([C, 1, 1] against [N, C, H, W]); other broadcasts run the reference kernel.
import { outputF32 } from '../../../ops/helpers/output-data.js';
import { sizeOf } from '../../../ops/helpers/shape.js';
import type { OpDefinition } from '../../../ops/types.js';
import { type WasmBinaryOp, type WasmBroadcast, wasmBinaryF32 } from '../../../kernels/wasm/wasm-f32-elementwise.js';
import { Tensor } from '../../../data/tensor.js';
import { type F32Tensor, defineWasmOp, isNonEmptyF32, lazyReference, writesInPlace } from './op-support.js';

/** How `small` broadcasts onto `big` (big's shape is the output's), if the kernels cover it. */
function broadcastPattern(big: readonly number[], small: readonly number[]): WasmBroadcast | undefined {
  if (small.length > big.length) return undefined;
  const aligned = [...new Array<number>(big.length - small.length).fill(1), ...small];
  let first = -1, last = -1;
  for (let i = 0; i < aligned.length; i++) {
    if (aligned[i] === 1) continue;
    if (aligned[i] !== big[i]) return undefined;
    if (first < 0) first = i;
    last = i;
  }
  // the non-1 dims must form one contiguous block equal to big's
  for (let i = first; i >= 0 && i <= last; i++) if (aligned[i] !== big[i]) return undefined;
  if (first < 0) return { kind: 'trailing' }; // a scalar
  const inner = sizeOf(big.slice(last + 1));
  if (inner === 1) return { kind: 'trailing' };
  return { kind: 'channel', outer: sizeOf(big.slice(0, first)), channels: sizeOf(big.slice(first, last + 1)), inner };
}

function pick(a: F32Tensor, b: F32Tensor): [F32Tensor, F32Tensor, WasmBroadcast] | undefined {
  const ab = broadcastPattern(a.dims, b.dims);
  if (ab && (a.dims.length >= b.dims.length)) return [a, b, ab];
  // both ops commute, so the full-size operand may come second
  const ba = broadcastPattern(b.dims, a.dims);
  if (ba) return [b, a, ba];
  return undefined;
}

/** From opset 7 on: Add-1/6 broadcast only by attribute, which the reference op handles. */
export function binaryOp(opType: string, op: WasmBinaryOp): OpDefinition[] {
  return defineWasmOp(opType, (ctx, w) => {
    const fallback = lazyReference(ctx, true);
    return writesInPlace((inputs, rt) => {
      const [a, b] = inputs;
      if (!isNonEmptyF32(a) || !isNonEmptyF32(b)) return fallback(inputs, rt);
      const plan = pick(a, b);
      if (!plan) return fallback(inputs, rt);
      const [big, small, pattern] = plan;
      return [new Tensor('float32', wasmBinaryF32(w, op, big.data, small.data, pattern, outputF32(rt, 0, big.size)), big.dims)];
    });
  }, { since: 7 });
}
