import type { OpDefinition } from '../types.js';
import { ConcatFromSequence } from './ConcatFromSequence.js';
import { If } from './If.js';
import { Loop } from './Loop.js';
import { Optional } from './Optional.js';
import { OptionalGetElement } from './OptionalGetElement.js';
import { OptionalHasElement } from './OptionalHasElement.js';
import { Scan } from './Scan.js';
import { SequenceAt } from './SequenceAt.js';
import { SequenceConstruct } from './SequenceConstruct.js';
import { SequenceEmpty } from './SequenceEmpty.js';
import { SequenceErase } from './SequenceErase.js';
import { SequenceInsert } from './SequenceInsert.js';
import { SequenceLength } from './SequenceLength.js';
import { SequenceMap } from './SequenceMap.js';
import { SplitToSequence } from './SplitToSequence.js';

export const controlOps: OpDefinition[] = [
  ...If, ...Loop, ...Scan,
  ...SequenceConstruct, ...SequenceEmpty, ...SequenceInsert, ...SequenceErase, ...SequenceAt, ...SequenceLength,
  ...SplitToSequence, ...ConcatFromSequence, ...SequenceMap,
  ...Optional, ...OptionalHasElement, ...OptionalGetElement,
];
