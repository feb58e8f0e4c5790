// Input problems of the criterion check and the threshold mitigation: a bad tolerance, an unknown reference group,
// rows that are not scores, labels and group indices, missing monthly charges for the profit objective. They are the
// caller's mistake, so they throw; an API route maps them to 422 naming `field`. A criterion that cannot be met is a
// result (status 'infeasible'), never an exception. This class is separate from the audit engine's input error
// (audit.ts), which reports problems with posted audit arrays.

export type FairnessOptionCode = 'invalid_tolerance' | 'unknown_reference' | 'invalid_rows' | 'missing_charges' | 'invalid_option';

export class FairnessOptionError extends Error {
  constructor(
    readonly code: FairnessOptionCode,
    /** The offending input, as a request field name: tolerance, reference, scores, labels, groups, monthly_charges, global_threshold. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FairnessOptionError';
  }
}
