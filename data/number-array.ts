/** Typed arrays whose elements are JavaScript numbers (every numeric storage but the 64-bit ints). */
export type NumberArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
