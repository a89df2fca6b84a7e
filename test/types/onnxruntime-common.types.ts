// Compile-time check (tsc -p tsconfig.json) that onnx-ts is onnxruntime-common 1.30 as far as
// TypeScript can tell: its exports are assignable to onnxruntime-common's, its namespace types
// exist under the same names, and options typed with onnxruntime-common's types are accepted.
// onnxruntime-common is a dev dependency, imported here for its types only.
//
// onnx-ts's tensors have more element types than onnxruntime-common's Tensor.Type names (every
// ONNX type: bfloat16, float8, float4, int2, complex); the augmentation below adds them to its
// type maps, so that assignability is checked for everything else.
import type * as ort from 'onnxruntime-common';
import * as onnxTs from '../../src/index.js';
import { InferenceSession, Tensor, env } from '../../src/index.js';
import type { DataType } from '../../src/index.js';

declare module 'onnxruntime-common' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Tensor {
    interface DataTypeMap {
      bfloat16: Uint16Array;
      float8e4m3fn: Uint8Array;
      float8e4m3fnuz: Uint8Array;
      float8e5m2: Uint8Array;
      float8e5m2fnuz: Uint8Array;
      float8e8m0: Uint8Array;
      float4e2m1: Uint8Array;
      int2: Int8Array;
      uint2: Uint8Array;
      complex64: Float32Array;
      complex128: Float64Array;
    }
    interface ElementTypeMap {
      bfloat16: number;
      float8e4m3fn: number;
      float8e4m3fnuz: number;
      float8e5m2: number;
      float8e5m2fnuz: number;
      float8e8m0: number;
      float4e2m1: number;
      int2: number;
      uint2: number;
      complex64: number;
      complex128: number;
    }
  }
}

/** Fails to compile when A is not assignable to B. */
type Assignable<A, B> = [A] extends [B] ? true : false;
const yes = <T extends true>(): T => true as T;

// the augmentation names exactly our extra types: none is missing, none is made up
yes<Assignable<DataType, ort.Tensor.Type>>();
yes<Assignable<ort.Tensor.Type, DataType>>();

// the exports themselves
export const sessionFactory: typeof ort.InferenceSession = InferenceSession;
export const environment: typeof ort.env = env;
export const tensorConstructor: typeof ort.Tensor = Tensor;
export const constructed: ort.Tensor[] = [
  new Tensor('float32', new Float32Array(6), [2, 3]),
  new Tensor('float32', [1, 2, 3]),
  new Tensor('int64', new BigInt64Array([1n]), [1]),
  new Tensor('int64', [1, 2]),
  new Tensor('bool', [true, false]),
  new Tensor('string', ['a', 'b'], [2]),
  new Tensor('uint8', new Uint8ClampedArray(4), [1, 4]),
  new Tensor(new Float32Array(4), [2, 2]),
  new Tensor(['a']),
];

// the whole module
export const moduleExports: typeof import('onnxruntime-common') = onnxTs;

// the factories and constructors say the element type they make, as onnxruntime-common's do
declare const buffer: ort.Tensor.GpuBufferType;
export const typed: [ort.TypedTensor<'float32'>, ort.TypedTensor<'int64'>, ort.TypedTensor<'int32'>, ort.TypedTensor<'float16'>, ort.TypedTensor<'uint8'>] = [
  new Tensor('float32', [1, 2]), new Tensor(new BigInt64Array(2)), Tensor.fromPinnedBuffer('int32', new Int32Array(2)),
  Tensor.fromGpuBuffer(buffer, { dataType: 'float16', dims: [2] }), new Tensor('uint8', new Uint8ClampedArray(4)),
];
export const elementData: Float32Array = new Tensor('float32', [1]).data;
export const downloaded: Promise<BigInt64Array> = new Tensor('int64', [1]).getData();
// @ts-expect-error a float32 tensor's data is not an Int32Array: the element type is checked, not `any`
export const wrongData: Int32Array = new Tensor('float32', [1]).data;

// instances both ways: our outputs read as its tensors; its tensors are accepted as feeds and fetches
declare const ours: Tensor;
declare const theirs: ort.Tensor;
export const asTheirs: ort.Tensor = ours;
export const feeds: InferenceSession.FeedsType = { x: theirs, y: ours };
export const fetches: InferenceSession.FetchesType = { y: theirs, z: null };
declare const session: InferenceSession;
export const asTheirSession: ort.InferenceSession = session;

// options typed with onnxruntime-common's types are ours
declare const theirOptions: ort.InferenceSession.SessionOptions;
declare const theirRunOptions: ort.InferenceSession.RunOptions;
export const sessionOptions: InferenceSession.SessionOptions = theirOptions;
export const runOptions: InferenceSession.RunOptions = theirRunOptions;
declare const theirProviders: ort.InferenceSession.ExecutionProviderConfig;
export const providers: InferenceSession.ExecutionProviderConfig = theirProviders;
declare const theirMetadata: InferenceSession.ValueMetadata;
export const metadata: ort.InferenceSession.ValueMetadata = theirMetadata;

// every name of onnxruntime-common's InferenceSession namespace exists in ours (a missing one fails to compile)
export type NamespaceNames = [
  InferenceSession.OnnxValueMapType, InferenceSession.NullableOnnxValueMapType, InferenceSession.FeedsType,
  InferenceSession.FetchesType, InferenceSession.ReturnType, InferenceSession.SessionOptions, InferenceSession.RunOptions,
  InferenceSession.ExecutionProviderOptionMap, InferenceSession.ExecutionProviderName, InferenceSession.ExecutionProviderConfig,
  InferenceSession.ExecutionProviderOption, InferenceSession.CpuExecutionProviderOption, InferenceSession.CudaExecutionProviderOption,
  InferenceSession.DmlExecutionProviderOption, InferenceSession.TensorRtExecutionProviderOption,
  InferenceSession.WebAssemblyExecutionProviderOption, InferenceSession.WebGLExecutionProviderOption,
  InferenceSession.XnnpackExecutionProviderOption, InferenceSession.WebGpuExecutionProviderOption,
  InferenceSession.WebNNExecutionProviderOption, InferenceSession.QnnExecutionProviderOption,
  InferenceSession.CoreMLExecutionProviderOption, InferenceSession.NnapiExecutionProviderOption,
  InferenceSession.ValueMetadataBase, InferenceSession.NonTensorValueMetadata, InferenceSession.TensorValueMetadata,
  InferenceSession.ValueMetadata,
];
// and each fits: theirs where we take it, ours where they read it
export const optionMap: Assignable<ort.InferenceSession.ExecutionProviderOptionMap[keyof ort.InferenceSession.ExecutionProviderOptionMap], InferenceSession.ExecutionProviderConfig> = true;
export const providerNames: Assignable<ort.InferenceSession.ExecutionProviderName, InferenceSession.ExecutionProviderName> = true;
export const webGpuOption: Assignable<ort.InferenceSession.WebGpuExecutionProviderOption, InferenceSession.WebGpuExecutionProviderOption> = true;
export const webNnOption: Assignable<ort.InferenceSession.WebNNExecutionProviderOption, InferenceSession.WebNNExecutionProviderOption> = true;
export const cudaOption: Assignable<ort.InferenceSession.CudaExecutionProviderOption, InferenceSession.CudaExecutionProviderOption> = true;
export const coreMlOption: Assignable<ort.InferenceSession.CoreMLExecutionProviderOption, InferenceSession.CoreMLExecutionProviderOption> = true;
export const fetchesType: Assignable<ort.InferenceSession.FetchesType, InferenceSession.FetchesType> = true;
export const returnType: Assignable<InferenceSession.ReturnType, ort.InferenceSession.ReturnType> = true;
export const tensorMetadata: Assignable<InferenceSession.TensorValueMetadata, ort.InferenceSession.TensorValueMetadata> = true;
export const nonTensorMetadata: Assignable<InferenceSession.NonTensorValueMetadata, ort.InferenceSession.NonTensorValueMetadata> = true;
export const location: Assignable<ort.Tensor.DataLocation, NonNullable<InferenceSession.SessionOptions['preferredOutputLocation']>> = true;
