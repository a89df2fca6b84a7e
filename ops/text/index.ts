import type { OpDefinition } from '../types.js';
import { RegexFullMatch } from './RegexFullMatch.js';
import { StringConcat } from './StringConcat.js';
import { StringNormalizer } from './StringNormalizer.js';
import { StringSplit } from './StringSplit.js';
import { TfIdfVectorizer } from './TfIdfVectorizer.js';

export const textOps: OpDefinition[] = [
  ...StringConcat, ...RegexFullMatch, ...StringSplit, ...StringNormalizer, ...TfIdfVectorizer,
];
