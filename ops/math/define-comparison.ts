// Comparisons and logical ops: broadcasting binary ops with a bool result, written once for
// numbers and bigints alike (<, ==, & compare both).
import type { DataType } from '../../data/dtype.js';
import type { ScalarFn2 } from '../helpers/elementwise.js';
import type { OpDefinition } from '../types.js';
import { defineBinary } from './define-binary.js';

export function defineComparison(
  opType: string, versions: number[], takes: (type: DataType) => boolean, compare: ScalarFn2,
): OpDefinition[] {
  return defineBinary(opType, versions, () => ({
    scalar: (a) => (takes(a) ? compare : undefined),
    outType: 'bool',
  }));
}
