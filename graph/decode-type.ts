// TypeProto → ValueType, with the presence rules of onnx.proto: an unset field is not a zero.
import { type DataType, dataTypeFromCode } from '../data/dtype.js';
import { InvalidModelError } from '../data/errors.js';
import type { Dim, ValueType } from './ir.js';
import { type Int64, type TypeMessage, int64ToNumber } from './proto/onnx-messages.js';

/**
 * Whether a singular field was on the wire. protobufjs reflection puts every field's default
 * on the message prototype (0, '', an empty Long), so an unset field reads as a zero: only an
 * own property says the writer set it (zeros included, the schema being proto2).
 */
export function wasSet(message: object, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field);
}

type ShapeMessage = { dim?: { dimValue?: Int64; dimParam?: string }[] };

/**
 * A TensorShapeProto dimension: dim_param names a symbolic size, dim_value fixes one, and a
 * dimension with neither (or a negative value, which older exporters wrote for "dynamic") is
 * unknown.
 */
function convertDim(d: { dimValue?: Int64; dimParam?: string }): Dim {
  if (d.dimParam) return d.dimParam;
  if (!wasSet(d, 'dimValue')) return undefined;
  const v = int64ToNumber(d.dimValue);
  return v >= 0 ? v : undefined;
}

/** No shape field means the rank is unknown; a shape with no dims is a scalar. */
function convertShape(s: ShapeMessage | null | undefined): Dim[] | undefined {
  return s ? (s.dim ?? []).map(convertDim) : undefined;
}

function elementType(code: number | undefined, what: string): DataType {
  const type = code ? dataTypeFromCode(code) : undefined;
  if (!type) {
    throw new InvalidModelError(code
      ? `${what} has element type ${code}, which is no ONNX TensorProto.DataType onnx-ts knows`
      : `${what} has no element type (elem_type is unset or UNDEFINED); ONNX requires one`);
  }
  return type;
}

/**
 * TypeProto → ValueType; `where` names the value for errors. A TypeProto with none of its
 * kinds set (or an opaque type) is an unknown type; a tensor type without a valid element
 * type breaks the spec ("MUST NOT have the value of UNDEFINED") and is refused.
 */
export function convertType(t: TypeMessage | undefined | null, where = 'A type'): ValueType | undefined {
  if (!t) return undefined;
  if (t.tensorType) {
    return { kind: 'tensor', elemType: elementType(t.tensorType.elemType, where), shape: convertShape(t.tensorType.shape) };
  }
  if (t.sparseTensorType) {
    return { kind: 'sparse_tensor', elemType: elementType(t.sparseTensorType.elemType, where), shape: convertShape(t.sparseTensorType.shape) };
  }
  if (t.sequenceType) return { kind: 'sequence', elem: convertType(t.sequenceType.elemType, `${where} (sequence element)`) };
  if (t.optionalType) return { kind: 'optional', elem: convertType(t.optionalType.elemType, `${where} (optional element)`) };
  if (t.mapType) {
    return { kind: 'map', keyType: elementType(t.mapType.keyType, `${where} (map key)`), value: convertType(t.mapType.valueType, `${where} (map value)`) };
  }
  return undefined;
}
