// Names the training pipeline, the seed, serving and the pages agree on.
/** The registered model the product serves (its `champion` alias). */
export const CHURN_MODEL = 'streamflow-churn';
/** The experiment `npm run train` and the retraining job log into. */
export const TRAIN_EXPERIMENT = 'streamflow-churn';
export const SERVED_ALIAS = 'champion';
