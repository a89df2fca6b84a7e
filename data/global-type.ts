/**
 * The global type `Name` where the program's type declarations have it (the DOM's, or
 * @webgpu/types'), else `Fallback`: onnxruntime-common's TryGetGlobalType, so that types naming
 * WebGPU and WebGL objects compile with and without them.
 */
export type GlobalType<Name extends string, Fallback = unknown> = typeof globalThis extends { [k in Name]: { prototype: infer T } } ? T : Fallback;
