// Runs the onnx-ts command in this process, capturing what it prints, and writes small
// generated models to a temporary folder for it to read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import type { Model } from '../../graph/ir.js';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ') + '\n'); }),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ') + '\n'); }),
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { err.push(String(s)); return true; }),
  ];
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-ts-cli-'));
}

export function writeModel(dir: string, name: string, model: Model): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, encodeModel(model));
  return file;
}

export const BUNDLED_MODEL = 'models/tiny-color-cnn.onnx';
