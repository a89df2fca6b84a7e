import { InvalidInputError } from '../../data/errors.js';
import { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { broadcastIndex, broadcastShapes, sizeOf } from '../helpers/shape.js';
import { tensorInput } from '../helpers/values.js';
import { buildLookupTable, identity, sameQuantization, type QuantParams } from './qlinear-lookup.js';
import { allocQuantized, quantizedType, scaleValue, zeroPointValue, type QuantizedType } from './qlinear-params.js';

// Where(condition, X, Y) on quantized X and Y, each requantized to Z's scale and zero point
// (by lookup table, or copied when already in Z's). Inputs: condition, X, x_scale,
// x_zero_point, Y, y_scale, y_zero_point, z_scale, z_zero_point; uint8 or int8.
export const QLinearWhere = [
  defineOp('QLinearWhere', 1, (ctx) => {
    if (ctx.node.inputs.length !== 9) throw ctx.attrs.error(`needs 9 inputs, got ${ctx.node.inputs.length}`);
    const op = 'QLinearWhere';
    return (inputs) => {
      const cond = tensorInput(inputs, 0, 'condition');
      if (cond.type !== 'bool') throw new InvalidInputError(`${op}: condition must be bool, got ${cond.type}`, 'condition');
      const x = tensorInput(inputs, 1, 'X'), y = tensorInput(inputs, 4, 'Y');
      const zZero = tensorInput(inputs, 8, 'z_zero_point');
      const type = quantizedType(op, zZero, 'z_zero_point');
      const params = (scale: number, zero: number, what: string): QuantParams => ({
        scale: scaleValue(op, tensorInput(inputs, scale, `${what}_scale`), `${what}_scale`),
        zeroPoint: zeroPointValue(op, tensorInput(inputs, zero, `${what}_zero_point`), type, `${what}_zero_point`),
      });
      const z = params(7, 8, 'z');
      const requantize = (t: Tensor, q: QuantParams, what: string): ArrayLike<number> => {
        if (t.type !== type) throw new InvalidInputError(`${op}: ${what} must be ${type}, got ${t.type}`, what);
        if (sameQuantization(q, z)) return t.data as Uint8Array | Int8Array;
        const table = buildLookupTable(type as QuantizedType, q, z, identity);
        const raw = t.data instanceof Uint8Array ? t.data : new Uint8Array((t.data as Int8Array).buffer, (t.data as Int8Array).byteOffset, t.size);
        return Array.from(raw, (b) => table[b]);
      };
      const xv = requantize(x, params(2, 3, 'x'), 'X');
      const yv = requantize(y, params(5, 6, 'y'), 'Y');
      let outDims: number[];
      try {
        outDims = broadcastShapes(cond.dims, x.dims, y.dims);
      } catch {
        throw new InvalidInputError(`${op}: condition [${cond.dims}], X [${x.dims}] and Y [${y.dims}] do not broadcast`);
      }
      const ic = broadcastIndex(outDims, cond.dims), ix = broadcastIndex(outDims, x.dims), iy = broadcastIndex(outDims, y.dims);
      const c = cond.data as Uint8Array;
      const out = allocQuantized(type, sizeOf(outDims));
      for (let i = 0; i < out.length; i++) out[i] = c[ic[i]] ? xv[ix[i]] : yv[iy[i]];
      return [new Tensor(type, out, outDims)];
    };
  }, MICROSOFT_DOMAIN),
];
