// The page's inputs: random values of each input's type and shape (symbolic dimensions as 1),
// or, for an image-shaped float input ([1, 3, H, W]), a picture the user picked, resized to H x W.
import { type InferenceSession, Tensor } from 'onnx-ts';

type Metadata = InferenceSession.ValueMetadata;

/** Image size H x W when `m` is a float [1 or symbolic, 3, H, W] input; undefined otherwise. */
export function imageSize(m: Metadata): { height: number; width: number } | undefined {
  if (!m.isTensor || m.type !== 'float32' || m.shape.length !== 4) return undefined;
  const [n, c, h, w] = m.shape;
  if ((typeof n === 'number' && n !== 1) || c !== 3) return undefined;
  return { height: typeof h === 'number' ? h : 224, width: typeof w === 'number' ? w : 224 };
}

/** The dimensions a random feed gets: symbolic (or unknown) ones become 1. */
export function concreteDims(m: Metadata): number[] {
  return m.isTensor ? m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : 1)) : [];
}

/** Values in [0, 1) for floats, small integers otherwise; throws naming the input for types it cannot make. */
export function randomTensor(m: Metadata): Tensor {
  if (!m.isTensor) throw new Error(`input ${m.name} is not a tensor; this page feeds tensors only`);
  const dims = concreteDims(m);
  const n = dims.reduce((a, b) => a * b, 1);
  const float = () => Math.random();
  const small = () => Math.floor(Math.random() * 10);
  switch (m.type) {
    case 'float32': return new Tensor('float32', Float32Array.from({ length: n }, float), dims);
    case 'float64': return new Tensor('float64', Float64Array.from({ length: n }, float), dims);
    case 'int32': return new Tensor('int32', Int32Array.from({ length: n }, small), dims);
    case 'int64': return new Tensor('int64', BigInt64Array.from({ length: n }, () => BigInt(small())), dims);
    case 'uint8': return new Tensor('uint8', Uint8Array.from({ length: n }, small), dims);
    case 'int8': return new Tensor('int8', Int8Array.from({ length: n }, small), dims);
    case 'bool': return new Tensor('bool', Uint8Array.from({ length: n }, () => (Math.random() < 0.5 ? 1 : 0)), dims);
    default: throw new Error(`input ${m.name}: this page makes no random ${m.type} values (float32, float64, int32, int64, uint8, int8, bool)`);
  }
}

/** An image-shaped input from a picked file: RGB, NCHW, values in [0, 1], resized to the input's size. */
export async function imageTensor(m: Metadata, file: Blob): Promise<Tensor> {
  const size = imageSize(m);
  if (!size) throw new Error(`input ${m.name} is not image-shaped ([1, 3, H, W] float32)`);
  const bitmap = await createImageBitmap(file);
  try {
    return await Tensor.fromImage(bitmap, { resizedHeight: size.height, resizedWidth: size.width });
  } finally {
    bitmap.close();
  }
}
