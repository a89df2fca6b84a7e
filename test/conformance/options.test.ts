import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../onnx-conformance/options.js';

describe('conformance command-line options', () => {
  it('has the documented defaults', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ timeoutMs: 20_000, memoryMiB: 2048, checkExpected: false, updateExpected: false, inProcess: false });
    expect(o.suites).toBeUndefined();
    expect(o.jobs).toBeGreaterThanOrEqual(1);
    expect(o.manifest).toMatch(/onnx-conformance[/\\]expected-pass\.txt$/);
  });

  it('parses every option', () => {
    const o = parseOptions(['--suite', 'all', '--filter', '^test_a', '--provider', 'wasm', '--level', 'basic', '--report', 'r.md',
      '--json=r.json', '--jobs', '3', '--timeout-ms', '500', '--check-expected', '--update-expected', '--verbose']);
    expect(o.suites).toEqual(['node', 'simple', 'pytorch-converted', 'pytorch-operator', 'contrib']);
    expect(o.filter?.test('test_abs')).toBe(true);
    expect(o).toMatchObject({ provider: 'wasm', level: 'basic', report: 'r.md', json: 'r.json', jobs: 3, timeoutMs: 500, checkExpected: true, updateExpected: true, verbose: true });
    expect(parseOptions(['--suite', 'simple,node']).suites).toEqual(['simple', 'node']);
  });

  it.each([
    [['--suite', 'nodes'], /--suite must be/],
    [['--provider', 'cuda'], /--provider must be one of cpu, js, wasm, gpu/],
    [['--level', 'max'], /--level must be/],
    [['--jobs', '0'], /--jobs needs a positive integer/],
    [['--timeout-ms', '1.5'], /--timeout-ms needs a positive integer/],
    [['--filter', '('], /--filter is not a valid regular expression/],
    [['--sute', 'node'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseOptions(argv as string[])).toThrow(UsageError);
    expect(() => parseOptions(argv as string[])).toThrow(message);
  });
});
