import fs from 'node:fs';
import { expect, it } from 'vitest';
import { withOpTable } from '../../scripts/generate-op-table.js';
import { repoPath } from '../data-paths.js';

it('README.md op table matches the registry (run npm run docs:ops)', () => {
  const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
  expect(withOpTable(readme)).toBe(readme);
});
