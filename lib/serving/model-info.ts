// What a client needs to build a scoring request for a served model: which version serves, its features (name,
// type, unit, allowed categories, valid range, whether null is allowed) and an example record that scores as-is.
import type { Db } from '@/db/client';
import { getRegisteredModels } from '@/db/queries/registry';
import { ApiError } from '@/lib/api/errors';
import { SERVED_ALIAS } from '@/lib/ml/model-names';
import { describeFeatures } from './feature-info';
import { getServedModel, NoServedModelError } from './served-model';

export async function servedModelInfo(db: Db, name: string) {
  const [registered] = await getRegisteredModels({ db, names: [name] });
  if (!registered) throw new ApiError('not_found', `There is no registered model named ${name}`);
  let served;
  try {
    served = await getServedModel(db, name);
  } catch (e) {
    if (e instanceof NoServedModelError) throw new ApiError('not_found', e.message);
    throw e;
  }
  const { manifest } = served;
  const example = manifest.reference_rows[0]!;
  const [probability] = await served.scorer.score([example]);
  return {
    name,
    version: String(served.version),
    alias: SERVED_ALIAS,
    kind: manifest.kind,
    threshold: manifest.threshold,
    calibrated: manifest.calibration?.method === 'platt',
    explainable: served.explainer !== null,
    features: describeFeatures(manifest),
    example: { record: example, churn_probability: probability },
  };
}
