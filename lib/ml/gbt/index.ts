// Histogram gradient-boosted trees for binary classification (scikit-learn HistGradientBoostingClassifier
// semantics), producing the shared TreeEnsemble form. See booster.ts for the loop, grower.ts for tree growth.
export { DEFAULT_GBT_PARAMS, resolveParams, type GbtParams } from './params';
export { trainGbt, type GbtInput, type GbtResult, type RoundInfo } from './booster';
export { fitBins, applyBins, binOf, thresholdOf, type BinMapper } from './binning';
