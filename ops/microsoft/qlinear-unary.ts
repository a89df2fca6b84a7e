// QLinearSigmoid and QLinearLeakyRelu: Y = quantize(f(dequantize(X))) by a 256-entry table
// (qlinear-lookup.ts), built once at create time when the scales and zero points are
// initializers, per run otherwise. Inputs: X, X_scale, X_zero_point, Y_scale, Y_zero_point.
import { Tensor } from '../../data/tensor.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import type { KernelFn, KernelInput, OpContext } from '../types.js';
import { constantInputs } from '../helpers/constant-inputs.js';
import { type FloatArrayFn, applyLookupTable, buildLookupTable } from './qlinear-lookup.js';
import { type QuantizedType, allocQuantized, quantizedType, scaleValue, zeroPointValue } from './qlinear-params.js';

function tableFor(op: string, type: QuantizedType, params: (Tensor | undefined)[], fn: FloatArrayFn): Uint8Array | Int8Array {
  return buildLookupTable(
    type,
    { scale: scaleValue(op, params[0]!, 'X_scale'), zeroPoint: zeroPointValue(op, params[1], type, 'X_zero_point') },
    { scale: scaleValue(op, params[2]!, 'Y_scale'), zeroPoint: zeroPointValue(op, params[3], type, 'Y_zero_point') },
    fn,
  );
}

export function qlinearUnaryKernel(ctx: OpContext, fn: FloatArrayFn): KernelFn {
  const op = ctx.node.opType;
  const fixed = constantInputs(ctx, [1, 2, 3, 4]);
  const fixedTables = new Map<QuantizedType, Uint8Array | Int8Array>();
  return (inputs: KernelInput[]) => {
    const x = tensorInput(inputs, 0, 'X');
    const type = quantizedType(op, x, 'X');
    let table = fixed ? fixedTables.get(type) : undefined;
    if (!table) {
      const params = [tensorInput(inputs, 1, 'X_scale'), optionalTensorInput(inputs, 2), tensorInput(inputs, 3, 'Y_scale'), optionalTensorInput(inputs, 4)];
      table = tableFor(op, type, params, fn);
      if (fixed) fixedTables.set(type, table);
    }
    const out = allocQuantized(type, x.size);
    applyLookupTable(table, x.data as Uint8Array | Int8Array, out);
    return [new Tensor(type, out, x.dims)];
  };
}
