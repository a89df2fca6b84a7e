import type { OpDefinition } from '../types.js';
import { ArrayFeatureExtractor } from './ArrayFeatureExtractor.js';
import { Binarizer } from './Binarizer.js';
import { CastMap } from './CastMap.js';
import { CategoryMapper } from './CategoryMapper.js';
import { DictVectorizer } from './DictVectorizer.js';
import { FeatureVectorizer } from './FeatureVectorizer.js';
import { Imputer } from './Imputer.js';
import { LabelEncoder } from './LabelEncoder.js';
import { LinearClassifier } from './LinearClassifier.js';
import { LinearRegressor } from './LinearRegressor.js';
import { Normalizer } from './Normalizer.js';
import { OneHotEncoder } from './OneHotEncoder.js';
import { SVMClassifier } from './SVMClassifier.js';
import { SVMRegressor } from './SVMRegressor.js';
import { Scaler } from './Scaler.js';
import { TreeEnsemble } from './TreeEnsemble.js';
import { TreeEnsembleClassifier } from './TreeEnsembleClassifier.js';
import { TreeEnsembleRegressor } from './TreeEnsembleRegressor.js';
import { ZipMap } from './ZipMap.js';

// Every op of the 'ai.onnx.ml' domain.
export const mlOps: OpDefinition[] = [
  ...ArrayFeatureExtractor, ...Binarizer, ...CastMap, ...CategoryMapper, ...DictVectorizer, ...FeatureVectorizer,
  ...Imputer, ...LabelEncoder, ...LinearClassifier, ...LinearRegressor, ...Normalizer, ...OneHotEncoder,
  ...SVMClassifier, ...SVMRegressor, ...Scaler, ...TreeEnsemble, ...TreeEnsembleClassifier, ...TreeEnsembleRegressor,
  ...ZipMap,
];
