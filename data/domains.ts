// The operator domains the runtime knows by name, written once: node domains are compared
// against these after normalizeDomain ('' is ai.onnx).
export const ONNX_DOMAIN = '';
/** Our own domain: the fused ops the optimizer writes (see ops/fused/). */
export const FUSED_DOMAIN = 'onnx-ts';
/** onnxruntime's contrib domain (see ops/microsoft/). */
export const MICROSOFT_DOMAIN = 'com.microsoft';
/** Traditional ML: tree ensembles, classifiers, vectorizers (see ops/ml/). */
export const ML_DOMAIN = 'ai.onnx.ml';
/** Training ops (Gradient, the optimizers): not folded, and Gradient needs the unoptimized graph. */
export const TRAINING_DOMAIN = 'ai.onnx.preview.training';
/**
 * onnxruntime's blocked-layout CPU ops, written into models saved at its level 'all': their
 * weights are laid out for the saving machine's vector width, which the file does not record.
 */
export const NCHWC_DOMAIN = 'com.microsoft.nchwc';
