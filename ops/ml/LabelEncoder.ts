import { defineOp } from '../define.js';
import { tensorInput } from '../helpers/values.js';
import { type DataType, allocateData, isBigIntType } from '../../data/dtype.js';
import { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { OpContext } from '../types.js';
import { ML_DOMAIN } from '../../data/domains.js';

type Scalar = string | number | bigint;

interface Encoder {
  keyType: DataType;
  outType: DataType;
  map: Map<Scalar, Scalar>;
  fallback: Scalar;
}

const isIntegral = (t: DataType) => /^u?int/.test(t);

/** A scalar of `type` in the form the tensor data holds (bigint for 64-bit ints). */
function asType(type: DataType, v: Scalar): Scalar {
  if (type === 'string') return String(v);
  if (isBigIntType(type)) return typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
  return Number(v);
}

function encode(op: string, enc: Encoder, x: Tensor): Tensor {
  const keyIsString = enc.keyType === 'string';
  if ((x.type === 'string') !== keyIsString || (!keyIsString && isBigIntType(x.type) !== isBigIntType(enc.keyType))) {
    throw new InvalidInputError(`${op}: X has type ${x.type} but the keys are ${enc.keyType}`);
  }
  const src = x.data as ArrayLike<Scalar>;
  const out = allocateData(enc.outType, x.size) as unknown as { [i: number]: Scalar };
  for (let i = 0; i < x.size; i++) {
    // Map keys compare NaN equal to NaN, as the spec asks for float keys
    const v = enc.map.get(src[i]);
    out[i] = v === undefined ? enc.fallback : v;
  }
  return new Tensor(enc.outType, out as never, x.dims);
}

/** keys_* / values_* / default_* (ai.onnx.ml 2 and 4; the *_tensor forms from 4). */
function readEncoder(ctx: OpContext, withTensors: boolean): Encoder {
  const a = ctx.attrs;
  const keyChoices: [DataType, Scalar[] | undefined][] = [
    ['string', a.strings('keys_strings')],
    ['int64', a.ints('keys_int64s')],
    ['float32', a.floats('keys_floats')],
  ];
  const valueChoices: [DataType, Scalar[] | undefined][] = [
    ['string', a.strings('values_strings')],
    ['int64', a.ints('values_int64s')],
    ['float32', a.floats('values_floats')],
  ];
  if (withTensors) {
    const kt = a.tensor('keys_tensor');
    const vt = a.tensor('values_tensor');
    keyChoices.push([kt?.type ?? 'string', kt ? Array.from(kt.data as ArrayLike<Scalar>) : undefined]);
    valueChoices.push([vt?.type ?? 'string', vt ? Array.from(vt.data as ArrayLike<Scalar>) : undefined]);
  }
  const keys = keyChoices.filter(([, v]) => v !== undefined);
  const values = valueChoices.filter(([, v]) => v !== undefined);
  if (keys.length !== 1) throw a.error(`exactly one keys_* attribute must be set, got ${keys.length}`);
  if (values.length !== 1) throw a.error(`exactly one values_* attribute must be set, got ${values.length}`);
  const [keyType, keyList] = keys[0];
  const [outType, valueList] = values[0];
  if (keyList!.length !== valueList!.length) {
    throw a.error(`keys and values must have the same length, got ${keyList!.length} and ${valueList!.length}`);
  }
  const map = new Map<Scalar, Scalar>();
  // a repeated key: the last one wins
  keyList!.forEach((k, i) => map.set(asType(keyType, k), asType(outType, valueList![i])));

  let fallback: Scalar;
  const dt = withTensors ? a.tensor('default_tensor') : undefined;
  if (dt) {
    if (dt.size < 1) throw a.error('default_tensor is empty', 'default_tensor');
    fallback = (dt.data as ArrayLike<Scalar>)[0];
  } else if (outType === 'string') {
    fallback = a.string('default_string', '_Unused');
  } else if (isIntegral(outType)) {
    fallback = a.int('default_int64', -1);
  } else {
    fallback = a.float('default_float', -0);
  }
  return { keyType, outType, map, fallback: asType(outType, fallback) };
}

/** LabelEncoder-1: strings ↔ their positions in classes_strings. */
function readEncoderV1(ctx: OpContext): { toIndex: Encoder; toString: Encoder } {
  const classes = ctx.attrs.strings('classes_strings', []);
  const toIndex = new Map<Scalar, Scalar>();
  const toString = new Map<Scalar, Scalar>();
  classes.forEach((c, i) => {
    if (!toIndex.has(c)) toIndex.set(c, BigInt(i));
    toString.set(BigInt(i), c);
  });
  return {
    toIndex: { keyType: 'string', outType: 'int64', map: toIndex, fallback: BigInt(ctx.attrs.int('default_int64', -1)) },
    toString: { keyType: 'int64', outType: 'string', map: toString, fallback: ctx.attrs.string('default_string', '_Unused') },
  };
}

export const LabelEncoder = [
  defineOp('LabelEncoder', 1, (ctx) => {
    const { toIndex, toString } = readEncoderV1(ctx);
    return (inputs) => {
      const x = tensorInput(inputs, 0, 'X');
      return [encode('LabelEncoder', x.type === 'string' ? toIndex : toString, x)];
    };
  }, ML_DOMAIN),
  defineOp('LabelEncoder', 2, (ctx) => {
    const enc = readEncoder(ctx, false);
    return (inputs) => [encode('LabelEncoder', enc, tensorInput(inputs, 0, 'X'))];
  }, ML_DOMAIN),
  defineOp('LabelEncoder', 4, (ctx) => {
    const enc = readEncoder(ctx, true);
    return (inputs) => [encode('LabelEncoder', enc, tensorInput(inputs, 0, 'X'))];
  }, ML_DOMAIN),
];
