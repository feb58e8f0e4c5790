// What each search (runs, experiments) accepts, as in MLflow's SearchUtils / SearchExperimentsUtils and the Go
// port's parser/validate.go. The SQL compiler maps the same canonical keys to columns.
import type { Entity } from './types';

export interface SearchDomain {
  /** "runs" or "experiments", for messages. */
  what: string;
  /** Identifier prefixes (the part before the first dot) and the entity each one names. */
  prefixes: Readonly<Record<string, Entity>>;
  /** Attribute names accepted in filters, mapped to their canonical key (aliases such as `created` included). */
  filterAttributes: Readonly<Record<string, string>>;
  /** The same for order_by, which also accepts a few attributes that cannot be filtered on. */
  orderAttributes: Readonly<Record<string, string>>;
  /** Canonical attribute keys compared as numbers (milliseconds since the epoch). */
  numericAttributes: ReadonlySet<string>;
  /** Canonical attribute keys that accept IN / NOT IN with a list of quoted strings. */
  listAttributes: ReadonlySet<string>;
}

function identity(keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, k]));
}

export const RUN_STRING_ATTRIBUTES = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'lifecycle_stage'] as const;
export const RUN_NUMERIC_ATTRIBUTES = ['start_time', 'end_time'] as const;
export const DATASET_KEYS = ['name', 'digest', 'context'] as const;

// MLflow's _ALTERNATE_NUMERIC_ATTRIBUTES / _ALTERNATE_STRING_ATTRIBUTES: the column titles of its runs table.
const RUN_ALIASES = { created: 'start_time', Created: 'start_time', 'run name': 'run_name', 'Run name': 'run_name', 'Run Name': 'run_name' };

const runFilterAttributes = { ...identity([...RUN_STRING_ATTRIBUTES, ...RUN_NUMERIC_ATTRIBUTES]), ...RUN_ALIASES };

export const RUN_DOMAIN: SearchDomain = {
  what: 'runs',
  prefixes: {
    metric: 'metric',
    metrics: 'metric',
    parameter: 'param',
    parameters: 'param',
    param: 'param',
    params: 'param',
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
    attr: 'attribute',
    run: 'attribute',
    dataset: 'dataset',
    datasets: 'dataset',
  },
  filterAttributes: runFilterAttributes,
  orderAttributes: { ...runFilterAttributes, experiment_id: 'experiment_id' },
  numericAttributes: new Set(RUN_NUMERIC_ATTRIBUTES),
  listAttributes: new Set(['run_id']),
};

export const EXPERIMENT_DOMAIN: SearchDomain = {
  what: 'experiments',
  // MLflow itself only takes `attribute.`, `tag.` and `tags.` here; the other attribute spellings are accepted too
  // because run filters accept them and refusing them would only surprise people.
  prefixes: { attribute: 'attribute', attributes: 'attribute', attr: 'attribute', tag: 'tag', tags: 'tag' },
  filterAttributes: identity(['name', 'creation_time', 'last_update_time']),
  orderAttributes: identity(['name', 'experiment_id', 'creation_time', 'last_update_time']),
  numericAttributes: new Set(['creation_time', 'last_update_time']),
  listAttributes: new Set(),
};

/** The entity spelled the way messages and duplicate checks show it. */
export function entityPrefix(entity: Entity): string {
  return { metric: 'metrics', param: 'params', tag: 'tags', attribute: 'attributes', dataset: 'datasets' }[entity];
}
