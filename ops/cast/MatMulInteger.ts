import { Tensor } from '../../data/tensor.js';
import { defineOp } from '../define.js';
import { optionalTensorInput, tensorInput } from '../helpers/values.js';
import { perRowDims } from './broadcast-param.js';
import { matmulGeometry, matmulValues } from './integer-matmul.js';
import { minusZeroPoint } from './zero-point.js';

// (A - a_zero_point) @ (B - b_zero_point) in int32. a_zero_point is per tensor or per row of A,
// b_zero_point per tensor or per column of B.
export const MatMulInteger = [
  defineOp('MatMulInteger', 10, () => (inputs) => {
    const a = tensorInput(inputs, 0, 'A');
    const b = tensorInput(inputs, 1, 'B');
    const aZero = optionalTensorInput(inputs, 2), bZero = optionalTensorInput(inputs, 3);
    const g = matmulGeometry(a.dims, b.dims);
    const av = minusZeroPoint(a, aZero, 'a_zero_point', a.dims.length > 1 ? perRowDims(aZero, g.M) : undefined);
    const bv = minusZeroPoint(b, bZero, 'b_zero_point');
    return [new Tensor('int32', Int32Array.from(matmulValues(av, bv, g)), g.outDims)];
  }),
];
