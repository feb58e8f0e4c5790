// One error type for every problem with an ROI evaluation's input, so the API route maps it to HTTP 422 without
// string matching. `field` names the offending input in the API's snake_case vocabulary ('scores', 'labels', 'clv',
// 'offer_cost', 'acceptance_beta.alpha', 'capacity', ...), so a client (or the page's form) can point at it.

export class RoiInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'RoiInputError';
    this.field = field;
  }
}
