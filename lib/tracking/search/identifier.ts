// `<type>.<key>` or a bare attribute name, with MLflow's quoting: the key (or a bare name) may be wrapped in
// backticks or double quotes, and an unquoted key runs up to the first character that cannot be part of one.
import type { Scanner } from './scanner';
import { DATASET_KEYS, entityPrefix, type SearchDomain } from './domains';
import type { Entity } from './types';

export interface Identifier {
  entity: Entity;
  key: string;
  position: number;
}

const TYPE_START = /[A-Za-z_]/;
const TYPE_CHAR = /[A-Za-z0-9_]/;
// Letters, digits, _ . - and /: enough for `mlflow.runName`, `f1-score`, `train/loss` without quotes. Anything
// else (spaces, operators, quotes) ends the key, so such keys must be quoted.
const KEY_CHAR = /[A-Za-z0-9_.\-/]/;

function quoted(s: Scanner): boolean {
  return s.peek() === '`' || s.peek() === '"';
}

export function readIdentifier(s: Scanner, domain: SearchDomain, attributes: Readonly<Record<string, string>>): Identifier {
  const position = s.pos;
  let first: string;
  if (quoted(s)) first = s.readQuoted();
  else if (TYPE_START.test(s.peek())) first = s.readWhile(TYPE_CHAR);
  else s.fail(`expected an identifier such as metrics.auc, params.model or attributes.status, got ${s.got()}`);

  if (s.peek() !== '.') return { entity: 'attribute', key: attributeKey(s, domain, attributes, first, position), position };

  s.pos++;
  const entity = domain.prefixes[first];
  if (!entity) {
    const valid = [...new Set(Object.values(domain.prefixes))].map(entityPrefix).join(', ');
    s.fail(`unknown entity type '${first}'; ${domain.what} can be searched by ${valid}`, position);
  }
  const keyPos = s.pos;
  const key = quoted(s) ? s.readQuoted() : s.readWhile(KEY_CHAR);
  if (key === '') {
    s.fail(`expected a key after '${first}.' (quote keys with special characters: ${first}.\`my key\`), got ${s.got()}`, keyPos);
  }
  if (entity === 'attribute') return { entity, key: attributeKey(s, domain, attributes, key, keyPos), position };
  if (entity === 'dataset' && !(DATASET_KEYS as readonly string[]).includes(key)) {
    s.fail(`unknown dataset key '${key}'; valid keys are ${DATASET_KEYS.join(', ')}`, keyPos);
  }
  return { entity, key, position };
}

function attributeKey(s: Scanner, domain: SearchDomain, attributes: Readonly<Record<string, string>>, key: string, at: number): string {
  const canonical = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
  if (canonical === undefined) {
    const valid = [...new Set(Object.values(attributes))].join(', ');
    s.fail(`unknown attribute '${key}' for ${domain.what}; valid attributes are ${valid}`, at);
  }
  return canonical;
}
