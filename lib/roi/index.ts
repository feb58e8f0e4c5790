// The ROI engine (pure TypeScript, runs in the browser and on the server): prepare the scores once, then evaluate
// campaigns, the tornado and EMP as often as the page's sliders move. See README.md.
export { prepareScores, type Prepared, type PrepareOptions } from './prepare';
export { DEFAULT_ROI_INPUTS, DEFAULT_BETA_CONCENTRATION, type RoiInputs, type ClvSpec, type BetaParams } from './inputs';
export { evaluateRoi, DEFAULT_CURVE_POINTS, MAX_CURVE_POINTS, type RoiResult, type RoiOptimum, type CurvePoint } from './evaluate';
export { sensitivity, type SensitivityResult, type SensitivityRow, type SensitivityInput } from './sensitivity';
export { emp, empOf, type EmpInput, type EmpResult, type EmpEconomics } from './emp';
export { betaInc, betaIncInv, betaPdf, betaMean } from './beta';
export { RoiInputError } from './errors';
export { churnEmp, EMP_METRIC } from './model-metric';
