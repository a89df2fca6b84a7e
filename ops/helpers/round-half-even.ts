// Rounding to the nearest integer with ties to even, as ONNX asks of Round and of the
// quantization ops (Math.round sends ties up instead: Math.round(-2.5) is -2, not -2).

export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  let r: number;
  if (d < 0.5) r = f;
  else if (d > 0.5) r = f + 1;
  else r = f % 2 === 0 ? f : f + 1;
  // keep the sign of zero (round(-0.4) is -0) and pass NaN and infinities through
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r === r ? r : x;
}
