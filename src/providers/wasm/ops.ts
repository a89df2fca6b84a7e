// The wasm provider's op table: each entry runs on the SIMD kernels where its inputs allow
// and falls back to the reference kernel otherwise.
import { OpRegistry } from '../../../ops/registry.js';
import { Add } from './Add.js';
import { AveragePool } from './AveragePool.js';
import { Clip } from './Clip.js';
import { Conv, FusedConv } from './Conv.js';
import { ConvInteger } from './ConvInteger.js';
import { DequantizeLinear } from './DequantizeLinear.js';
import { DynamicQuantizeLinear } from './DynamicQuantizeLinear.js';
import { FusedAttention } from './FusedAttention.js';
import { FusedGemm, Gemm } from './Gemm.js';
import { GlobalAveragePool } from './GlobalAveragePool.js';
import { FusedLayerNormalization, LayerNormalization } from './LayerNormalization.js';
import { FusedMatMul, MatMul } from './MatMul.js';
import { MatMulInteger } from './MatMulInteger.js';
import { MatMulIntegerToFloat } from './MatMulIntegerToFloat.js';
import { MatMulNBits } from './MatMulNBits.js';
import { MaxPool } from './MaxPool.js';
import { Mul } from './Mul.js';
import { QLinearConv } from './QLinearConv.js';
import { QLinearMatMul } from './QLinearMatMul.js';
import { QuantizeLinear } from './QuantizeLinear.js';
import { Relu } from './Relu.js';
import { Softmax } from './Softmax.js';

export const wasmOps = new OpRegistry().register(
  ...Conv, ...FusedConv, ...Gemm, ...FusedGemm, ...MatMul, ...FusedMatMul,
  ...MaxPool, ...AveragePool, ...GlobalAveragePool,
  ...Add, ...Mul, ...Relu, ...Clip, ...Softmax, ...LayerNormalization, ...FusedLayerNormalization,
  ...FusedAttention,
  ...MatMulInteger, ...MatMulIntegerToFloat, ...MatMulNBits, ...DynamicQuantizeLinear, ...ConvInteger, ...QLinearConv, ...QLinearMatMul,
  ...QuantizeLinear, ...DequantizeLinear,
);
