// MLflow's search grammar (filter strings and order_by items) parsed into plain data; no database code here.
export { parseExperimentFilter, parseRunFilter } from './filter';
export { parseExperimentOrderBy, parseRunOrderBy } from './order-by';
export { DATASET_KEYS, RUN_NUMERIC_ATTRIBUTES, RUN_STRING_ATTRIBUTES } from './domains';
export { SearchSyntaxError, type Clause, type Entity, type Op, type OrderItem } from './types';
