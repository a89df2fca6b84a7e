// Where tests find the shared data. Tests that need it skip, and say so, when it is absent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The shared torchvision models: $ONNX_TS_MODELS or ../shared/models. */
export function sharedModelsDir(): string | undefined {
  const candidates = [process.env.ONNX_TS_MODELS, path.resolve(repoRoot, '..', 'shared', 'models')];
  const found = candidates.find((d) => d && fs.existsSync(d));
  if (!found) console.warn('SKIP: shared models not found (set ONNX_TS_MODELS or provide ../shared/models)');
  return found;
}

export const repoPath = (...parts: string[]): string => path.join(repoRoot, ...parts);
