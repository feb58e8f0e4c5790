// One error type for every input problem, so an HTTP route can map it to 422 without string matching.

export type DriftInputErrorCode =
  | 'empty_column' // no non-null value on one side (Evidently raises too)
  | 'invalid_method' // method does not apply to the column type (ks / wasserstein on categorical)
  | 'type_mismatch' // reference and current profiles of different types
  | 'missing_column' // column in the reference but not in the current data
  | 'invalid_value' // e.g. a string in a column declared numeric
  | 'invalid_option'; // unknown method, bad threshold or drift_share

export class DriftInputError extends Error {
  readonly column: string;
  readonly code: DriftInputErrorCode;

  constructor(column: string, message: string, code: DriftInputErrorCode) {
    super(message);
    this.name = 'DriftInputError';
    this.column = column;
    this.code = code;
  }
}
