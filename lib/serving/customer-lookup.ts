// The scoring form's customer lookup: the newest snapshot of a customer as a model input record (the same
// featureRecord the training pipeline builds), with the month it is from and the demographics for display.
import type { Db } from '@/db/client';
import { latestCustomerSnapshot } from '@/db/queries/customers';
import { ApiError } from '@/lib/api/errors';
import type { GeneratedSnapshot } from '@/lib/data/snapshot-store';
import { featureRecord } from '@/lib/ml/pipeline/dataset';
import type { CustomerLookup } from '@/lib/score/schema';

export async function customerLookup(db: Db, customerId: string): Promise<CustomerLookup> {
  const found = await latestCustomerSnapshot({ db, customerId });
  if (!found) throw new ApiError('not_found', `There is no customer with id ${customerId} (ids look like C0000001)`);
  const { customer, snapshot } = found;
  return {
    customer_id: customer.customerId,
    month: snapshot.month,
    // featureRecord reads only the feature names, which a snapshot row has; the generator's p_true is not needed.
    record: featureRecord(snapshot as GeneratedSnapshot),
    signup_month: customer.signupMonth,
    demographics: { age_band: customer.ageBand, gender: customer.gender, region: customer.region },
  };
}
