// The parsed form of MLflow's search grammar, shared by the parser (pure) and the SQL compiler (db/queries).

/** A filter or order_by string that is not MLflow's grammar; the API answers 400 INVALID_PARAMETER_VALUE. */
export class SearchSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based character offset in the filter (or in the one order_by item) where the problem starts. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'SearchSyntaxError';
  }
}

export type Entity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

export type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

export interface Clause {
  entity: Entity;
  /** The unquoted key; attribute keys are canonical (`created` → `start_time`, `Run name` → `run_name`). */
  key: string;
  op: Op;
  /** number for metrics and numeric attributes, string[] for IN / NOT IN, string otherwise. */
  value: number | string | string[];
  /** Where the clause starts in the filter string. */
  position: number;
}

export interface OrderItem {
  entity: 'metric' | 'param' | 'tag' | 'attribute';
  key: string;
  ascending: boolean;
}
