// One error type for every problem with an audit's input, so the API route can map it to HTTP 422 without string
// matching. `field` names the offending input in the API's snake_case vocabulary ('y_true', 'sensitive.region',
// 'intersections[1]', 'bootstrap.n', ...), so a client can point at it.

export class FairnessInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'FairnessInputError';
    this.field = field;
  }
}
