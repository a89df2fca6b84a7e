import type { OpDefinition } from '../types.js';
import { convPoolMatmulOps } from './conv-pool-matmul-ops.js';
import { Attention } from './Attention.js';
import { BatchNormalization } from './BatchNormalization.js';
import { CausalConvWithState } from './CausalConvWithState.js';
import { Det } from './Det.js';
import { Dropout } from './Dropout.js';
import { Einsum } from './Einsum.js';
import { GroupNormalization } from './GroupNormalization.js';
import { GRU } from './GRU.js';
import { Hardmax } from './Hardmax.js';
import { InstanceNormalization } from './InstanceNormalization.js';
import { LayerNormalization } from './LayerNormalization.js';
import { LinearAttention } from './LinearAttention.js';
import { LogSoftmax } from './LogSoftmax.js';
import { LpNormalization } from './LpNormalization.js';
import { LRN } from './LRN.js';
import { LSTM } from './LSTM.js';
import { MeanVarianceNormalization } from './MeanVarianceNormalization.js';
import { NegativeLogLikelihoodLoss } from './NegativeLogLikelihoodLoss.js';
import { RMSNormalization } from './RMSNormalization.js';
import { RNN } from './RNN.js';
import { RotaryEmbedding } from './RotaryEmbedding.js';
import { Softmax } from './Softmax.js';
import { SoftmaxCrossEntropyLoss } from './SoftmaxCrossEntropyLoss.js';
import { SwiGLU } from './SwiGLU.js';

export const nnOps: OpDefinition[] = [
  ...BatchNormalization, ...InstanceNormalization, ...GroupNormalization, ...LayerNormalization,
  ...RMSNormalization, ...LpNormalization, ...LRN, ...MeanVarianceNormalization,
  ...Softmax, ...LogSoftmax, ...Hardmax, ...Dropout, ...SwiGLU, ...Det,
  ...NegativeLogLikelihoodLoss, ...SoftmaxCrossEntropyLoss, ...RNN, ...GRU, ...LSTM,
  ...Einsum, ...Attention, ...RotaryEmbedding, ...LinearAttention, ...CausalConvWithState,
  ...convPoolMatmulOps,
];
