// Typed errors: every failure a user can cause surfaces as one of these, with the fields
// needed to find what was wrong, and a message written for the person reading it.
import { MICROSOFT_DOMAIN, NCHWC_DOMAIN } from './domains.js';

export class OnnxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The model bytes or file could not be read or decoded. */
export class ModelLoadError extends OnnxError {}

/** The model decoded but breaks an ONNX rule (graph structure, attributes, types). */
export class InvalidModelError extends OnnxError {
  constructor(
    message: string,
    readonly details: { node?: string; opType?: string; input?: string; attribute?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class UnsupportedOperatorError extends OnnxError {
  constructor(
    readonly opType: string,
    readonly domain: string,
    readonly opset: number,
    readonly node: string,
    readonly supportedVersions: string,
    /** The registered op whose name is nearest, qualified by its domain ("ai.onnx.Relu"), when one is close. */
    readonly suggestion?: string,
  ) {
    const d = domain === '' ? 'ai.onnx' : domain;
    const missing = domain === MICROSOFT_DOMAIN
      ? `onnx-ts does not implement the com.microsoft contrib op ${opType}.`
      : domain === NCHWC_DOMAIN
        ? `onnxruntime wrote ${opType} for the machine that saved this model (graph optimization level 'all'); save the model at level 'extended' instead.`
        : `onnx-ts does not implement ${d}.${opType}.`;
    super(
      `Unsupported operator ${d}.${opType} at opset ${opset} (node "${node}"). ` +
        (supportedVersions ? `Supported versions of ${opType}: ${supportedVersions}.` : missing) +
        (suggestion ? ` Did you mean ${suggestion}?` : ''),
    );
  }
}

/** A feed passed to session.run does not match what the model declares. */
export class InvalidInputError extends OnnxError {
  constructor(message: string, readonly input?: string, readonly expected?: string, readonly actual?: string) {
    super(message);
  }
}

/** A tensor or a session would exceed the configured memory limits. */
export class ResourceLimitError extends OnnxError {
  constructor(message: string, readonly requestedBytes?: number, readonly limitBytes?: number) {
    super(message);
  }
}

/** A node failed while running; wraps the underlying error with where it happened. */
export class ExecutionError extends OnnxError {
  constructor(message: string, readonly node: string, readonly opType: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The session was released and can no longer run. */
export class SessionReleasedError extends OnnxError {
  constructor() {
    super('This InferenceSession has been released; create a new one to run the model again.');
  }
}

/** A run stopped between nodes because its RunOptions asked it to (`terminate`, or an aborted `signal`); the session stays usable. */
export class RunTerminatedError extends OnnxError {
  constructor(readonly reason: string, readonly node: string) {
    super(`The run was terminated before node "${node}" (${reason})`);
  }
}

/**
 * A Tensor conversion or factory (fromImage, toImageData, toDataURL, fromGpuBuffer, fromPinnedBuffer)
 * was given arguments it cannot use: `option` names the argument, `expected` and `actual` what was wrong.
 */
export class TensorConversionError extends OnnxError {
  constructor(message: string, readonly option?: string, readonly expected?: string, readonly actual?: string) {
    super(message);
  }
}

/**
 * A tensor's data was asked for where it does not live: `.data` of a tensor still on a device,
 * `gpuBuffer` of a CPU tensor, a disposed tensor, or a location this runtime cannot hold ('texture', 'ml-tensor').
 */
export class TensorLocationError extends OnnxError {
  constructor(message: string, readonly location: string) {
    super(message);
  }
}

/**
 * An optional npm package a feature needs is not installed (or cannot load here): the message
 * names `packageName` and the command that installs it.
 */
export class MissingPackageError extends OnnxError {
  constructor(readonly packageName: string, readonly feature: string, options?: { cause?: unknown }) {
    const why = options?.cause instanceof Error ? options.cause.message.split('\n')[0] : String(options?.cause ?? 'not installed');
    super(`${feature} needs the npm package ${packageName}, which could not be loaded (${why}). Install it: npm install ${packageName}`, options);
  }
}

/** A graphics device a call needs (a WebGL context, a WebGPU device) is not available in this host; `device` names which. */
export class DeviceUnavailableError extends OnnxError {
  constructor(message: string, readonly device: 'webgl' | 'webgpu', options?: { cause?: unknown }) {
    super(message, options);
  }
}
