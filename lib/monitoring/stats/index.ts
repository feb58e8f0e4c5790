// Public surface of the drift-statistics engine; routes and jobs import from here only.

export {
  buildProfiles,
  compareDatasets,
  compareProfiles,
  compareProfileSets,
  defaultMethod,
  DEFAULT_DRIFT_SHARE,
  DEFAULT_THRESHOLDS,
  METHODS,
} from './engine';
export type { ColumnDrift, ColumnOptions, DatasetOptions, DriftReport, Method } from './engine';
export { DriftInputError } from './errors';
export type { DriftInputErrorCode } from './errors';
export {
  buildCategoricalProfile,
  buildCategoricalProfileFromCodes,
  buildNumericProfile,
  buildProfile,
  inferType,
  mergeProfiles,
  nonNullCount,
  nullShare,
} from './profile';
export type { CategoricalProfile, ColumnProfile, ColumnType, NumericProfile, RawValue } from './profile';
export { ksTwoSample, ksTwoSampleFromStatistic, ksStatistic, KS_MAX_AUTO_N } from './ks';
export type { KsResult } from './ks';
export { kstwoSf } from './kolmogorov';
export { smirnov } from './smirnov';
export { chi2Sf, gammaincc, lgamma, ndtr } from './special';
