// What a thrown error says about the runtime: a typed error written for the user is a clean
// rejection; anything else (a plain JS error, or a typed one that only wraps or quotes one)
// is a bug in the runtime, even when the session caught it and the user saw a typed class.
import { ExecutionError, OnnxError } from '../src/index.js';

export type ErrorClass = 'clean-error' | 'internal-error';

/**
 * Text of the engine's own errors: a message carrying one means a check came too late (a
 * typed-array constructor refused the length) or a kernel crashed, whatever class wraps it.
 */
const INTERNAL_TEXT = [
  /\bRangeError\b/, /\bTypeError\b/, /\bReferenceError\b/, /\bSyntaxError\b/,
  /Invalid typed array length/i, /Invalid array length/i, /Array buffer allocation failed/i,
  /Maximum call stack size exceeded/i, /is not a function\b/, /Cannot read propert(y|ies) of/,
  /Cannot set propert(y|ies) of/, /is not iterable\b/, /\bundefined is not\b/, /Invalid string length/i,
  /outside the bounds of/i, /offset is out of bounds/i, /JavaScript heap out of memory/i,
];

/** Whether `message` quotes an engine error rather than explaining a rejection. */
export function carriesInternalError(message: string): boolean {
  return INTERNAL_TEXT.some((re) => re.test(message));
}

function causeOf(e: unknown): unknown {
  return (e as { cause?: unknown } | null)?.cause;
}

/** A clean rejection, or an internal error (with the detail to report). */
export function classifyError(e: unknown): { outcome: ErrorClass; detail: string } {
  if (!(e instanceof OnnxError)) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e);
    return { outcome: 'internal-error', detail };
  }
  const cause = causeOf(e);
  // protobufjs rejecting malformed bytes (bad UTF-8, bad lengths) is the decoder working
  const decoderRejected = e.message.startsWith('Cannot decode the model');
  const jsCause = cause instanceof Error && !(cause instanceof OnnxError);
  const jsBug = !decoderRejected && jsCause && (
    e instanceof ExecutionError || cause instanceof TypeError || cause instanceof ReferenceError
    || (cause instanceof RangeError && !/index out of range/.test(cause.message))
  );
  if (jsBug || (!decoderRejected && carriesInternalError(e.message))) {
    const stack = cause instanceof Error ? `\n${cause.stack?.split('\n').slice(1, 4).join('\n')}` : '';
    return { outcome: 'internal-error', detail: `${e.name}: ${e.message}${stack}` };
  }
  return { outcome: 'clean-error', detail: `${e.name}: ${e.message}`.slice(0, 300) };
}
