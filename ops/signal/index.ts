import type { OpDefinition } from '../types.js';
import { BlackmanWindow } from './BlackmanWindow.js';
import { DFT } from './DFT.js';
import { HammingWindow } from './HammingWindow.js';
import { HannWindow } from './HannWindow.js';
import { MelWeightMatrix } from './MelWeightMatrix.js';
import { STFT } from './STFT.js';

export const signalOps: OpDefinition[] = [
  ...DFT, ...STFT, ...HannWindow, ...HammingWindow, ...BlackmanWindow, ...MelWeightMatrix,
];
