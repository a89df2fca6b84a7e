import type { OpDefinition } from '../types.js';
import { Abs } from './Abs.js';
import { Acos } from './Acos.js';
import { Acosh } from './Acosh.js';
import { Add } from './Add.js';
import { And } from './And.js';
import { Asin } from './Asin.js';
import { Asinh } from './Asinh.js';
import { Atan } from './Atan.js';
import { Atanh } from './Atanh.js';
import { BitCast } from './BitCast.js';
import { BitShift } from './BitShift.js';
import { BitwiseAnd } from './BitwiseAnd.js';
import { BitwiseNot } from './BitwiseNot.js';
import { BitwiseOr } from './BitwiseOr.js';
import { BitwiseXor } from './BitwiseXor.js';
import { Ceil } from './Ceil.js';
import { Celu } from './Celu.js';
import { Clip } from './Clip.js';
import { Cos } from './Cos.js';
import { Cosh } from './Cosh.js';
import { Div } from './Div.js';
import { Elu } from './Elu.js';
import { Equal } from './Equal.js';
import { Erf } from './Erf.js';
import { Exp } from './Exp.js';
import { Floor } from './Floor.js';
import { Gelu } from './Gelu.js';
import { Greater } from './Greater.js';
import { GreaterOrEqual } from './GreaterOrEqual.js';
import { HardSigmoid } from './HardSigmoid.js';
import { HardSwish } from './HardSwish.js';
import { Identity } from './Identity.js';
import { IsInf } from './IsInf.js';
import { IsNaN } from './IsNaN.js';
import { LeakyRelu } from './LeakyRelu.js';
import { Less } from './Less.js';
import { LessOrEqual } from './LessOrEqual.js';
import { Log } from './Log.js';
import { Max } from './Max.js';
import { Mean } from './Mean.js';
import { Min } from './Min.js';
import { Mish } from './Mish.js';
import { Mod } from './Mod.js';
import { Mul } from './Mul.js';
import { Neg } from './Neg.js';
import { Not } from './Not.js';
import { Or } from './Or.js';
import { Pow } from './Pow.js';
import { PRelu } from './PRelu.js';
import { Reciprocal } from './Reciprocal.js';
import { Relu } from './Relu.js';
import { Round } from './Round.js';
import { Selu } from './Selu.js';
import { Shrink } from './Shrink.js';
import { Sigmoid } from './Sigmoid.js';
import { Sign } from './Sign.js';
import { Sin } from './Sin.js';
import { Sinh } from './Sinh.js';
import { Softplus } from './Softplus.js';
import { Softsign } from './Softsign.js';
import { Sqrt } from './Sqrt.js';
import { Sub } from './Sub.js';
import { Sum } from './Sum.js';
import { Swish } from './Swish.js';
import { Tan } from './Tan.js';
import { Tanh } from './Tanh.js';
import { ThresholdedRelu } from './ThresholdedRelu.js';
import { Where } from './Where.js';
import { Xor } from './Xor.js';

export const mathOps: OpDefinition[] = [
  // arithmetic
  ...Add, ...Sub, ...Mul, ...Div, ...Pow, ...Mod, ...Neg, ...Abs, ...Sign, ...Reciprocal,
  ...Sqrt, ...Exp, ...Log, ...Erf, ...Floor, ...Ceil, ...Round,
  ...Sum, ...Mean, ...Max, ...Min, ...Clip,
  // trigonometric and hyperbolic
  ...Sin, ...Cos, ...Tan, ...Asin, ...Acos, ...Atan,
  ...Sinh, ...Cosh, ...Tanh, ...Asinh, ...Acosh, ...Atanh,
  // activations
  ...Relu, ...LeakyRelu, ...PRelu, ...ThresholdedRelu, ...Elu, ...Selu, ...Celu,
  ...Sigmoid, ...HardSigmoid, ...HardSwish, ...Softplus, ...Softsign, ...Mish, ...Gelu, ...Swish, ...Shrink,
  // comparisons and logic
  ...Equal, ...Less, ...Greater, ...LessOrEqual, ...GreaterOrEqual, ...IsNaN, ...IsInf,
  ...And, ...Or, ...Xor, ...Not,
  // bits
  ...BitShift, ...BitwiseAnd, ...BitwiseOr, ...BitwiseXor, ...BitwiseNot, ...BitCast,
  // selection and pass-through
  ...Where, ...Identity,
];
