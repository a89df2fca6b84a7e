// Writes models/tiny-color-cnn.onnx, the model `npx onnx-ts` runs when given none.
// A small CNN (Conv, Relu, MaxPool, BatchNormalization, GlobalAveragePool, Gemm, Softmax)
// with hand-set weights so its answer means something: the dominant colour of an image.
// Run: npx tsx scripts/make-default-model.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTinyColorCnn } from '../src/cli/tiny-color-cnn.js';
import { encodeModel } from '../graph/encode-model.js';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'models', 'tiny-color-cnn.onnx');
fs.writeFileSync(out, encodeModel(buildTinyColorCnn()));
console.log(`wrote ${out}`);
