// MLflow's search filter: `<identifier> <op> <value>` clauses joined by AND, nothing else. No OR, no parentheses,
// no functions, no comments: anything outside the grammar is a SearchSyntaxError, never passed through.
import { EXPERIMENT_DOMAIN, RUN_DOMAIN, entityPrefix, type SearchDomain } from './domains';
import { readIdentifier, type Identifier } from './identifier';
import { Scanner } from './scanner';
import type { Clause, Op } from './types';

type Value = { kind: 'string'; text: string } | { kind: 'number'; n: number } | { kind: 'list'; items: string[] } | { kind: 'word' };

const NUMERIC_OPS: readonly Op[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_OPS: readonly Op[] = ['=', '!=', 'LIKE', 'ILIKE'];
const LIST_OPS: readonly Op[] = ['IN', 'NOT IN'];
// Integers, decimals and scientific notation, optionally negative: what sqlparse tokenises as a number for MLflow.
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function parseRunFilter(filter: string | undefined): Clause[] {
  return parseFilter(filter, RUN_DOMAIN);
}

export function parseExperimentFilter(filter: string | undefined): Clause[] {
  return parseFilter(filter, EXPERIMENT_DOMAIN);
}

function parseFilter(filter: string | undefined, domain: SearchDomain): Clause[] {
  if (!filter || filter.trim() === '') return [];
  const s = new Scanner(filter, 'filter');
  const clauses: Clause[] = [];
  s.skipWs();
  for (;;) {
    if (s.peek() === '(') s.fail('parentheses are not supported; join clauses with AND only');
    clauses.push(readClause(s, domain));
    s.skipWs();
    if (s.eof()) return clauses;
    const at = s.pos;
    if (s.tryKeyword('AND')) {
      s.skipWs();
      if (s.eof()) s.fail('expected a clause after AND, got end of input');
      continue;
    }
    if (s.tryKeyword('OR')) s.fail('OR is not supported; clauses can only be joined with AND', at);
    s.fail(`expected AND or the end of the filter, got ${s.got(at)}`, at);
  }
}

function readClause(s: Scanner, domain: SearchDomain): Clause {
  const start = s.pos;
  if (s.tryKeyword('AND') || s.tryKeyword('OR') || s.tryKeyword('NOT')) {
    s.fail(`expected an identifier such as metrics.auc, got '${s.src.slice(start, s.pos)}'`, start);
  }
  const id = readIdentifier(s, domain, domain.filterAttributes);
  s.skipWs();
  const opPos = s.pos;
  const op = readOperator(s);
  const kind = kindOf(id, domain);
  // The operator is checked before the value is read, so `metrics.a IN (1)` names the operator, not the list.
  if (!OPS[kind].includes(op)) s.fail(`operator ${op} cannot be used with ${nameOf(id)}${whyOf(id, kind)}; use ${OPS[kind].join(', ')}`, opPos);
  s.skipWs();
  const valuePos = s.pos;
  const value = readValue(s);
  const typed = s.src.slice(valuePos, s.pos);
  return { entity: id.entity, key: id.key, op, value: check(s, id, kind, op, opPos, value, valuePos, typed), position: id.position };
}

function readOperator(s: Scanner): Op {
  const two = s.src.slice(s.pos, s.pos + 2);
  if (two === '==' || two === '<>') s.fail(`'${two}' is not an operator; use ${two === '==' ? '=' : '!='}`);
  for (const op of ['!=', '<=', '>=', '<', '>', '='] as const) {
    if (s.src.startsWith(op, s.pos)) {
      s.pos += op.length;
      return op;
    }
  }
  for (const op of ['LIKE', 'ILIKE', 'IN'] as const) if (s.tryKeyword(op)) return op;
  if (s.tryKeyword('NOT')) {
    s.skipWs();
    if (s.tryKeyword('IN')) return 'NOT IN';
    s.fail(`expected IN after NOT (the only negated operator is NOT IN), got ${s.got()}`);
  }
  s.fail(`expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN), got ${s.got()}`);
}

function readValue(s: Scanner): Value {
  const c = s.peek();
  if (c === '') s.fail('expected a value, got end of input');
  if (c === "'" || c === '"') return { kind: 'string', text: s.readQuoted() };
  if (c === '`') s.fail("expected a value; backticks quote keys, quote strings with ' or \"");
  if (c === '(') return { kind: 'list', items: readList(s) };
  if (/[-.0-9]/.test(c)) {
    const start = s.pos;
    const text = s.readWhile(/[A-Za-z0-9_.+-]/);
    const n = Number(text);
    if (!NUMBER.test(text) || !Number.isFinite(n)) s.fail(`expected a number, got '${text}'`, start);
    return { kind: 'number', n };
  }
  if (!s.readWhile(/[A-Za-z0-9_.-]/)) s.pos++;
  return { kind: 'word' };
}

function readList(s: Scanner): string[] {
  const open = s.pos++;
  s.skipWs();
  if (s.peek() === ')') s.fail('expected a non-empty list of quoted strings, got ()', open);
  const items: string[] = [];
  for (;;) {
    if (s.peek() !== "'" && s.peek() !== '"') s.fail(`expected a quoted string in the list, got ${s.got()}`);
    items.push(s.readQuoted());
    s.skipWs();
    if (s.peek() === ')') {
      s.pos++;
      return items;
    }
    if (s.peek() !== ',') s.fail(`expected ',' or ')' in the list, got ${s.got()}`);
    s.pos++;
    s.skipWs();
  }
}

type Kind = 'number' | 'time' | 'string' | 'list';

const OPS: Record<Kind, readonly Op[]> = {
  number: NUMERIC_OPS,
  time: NUMERIC_OPS,
  string: STRING_OPS,
  list: [...STRING_OPS, ...LIST_OPS],
};
function whyOf(id: Identifier, kind: Kind): string {
  if (kind === 'number') return ' (metrics are numbers)';
  if (kind === 'time') return ' (a time in milliseconds)';
  return id.entity === 'param' || id.entity === 'tag' ? ` (${entityPrefix(id.entity)} are strings)` : '';
}

function kindOf(id: Identifier, domain: SearchDomain): Kind {
  if (id.entity === 'metric') return 'number';
  if (id.entity === 'param' || id.entity === 'tag') return 'string';
  if (id.entity === 'dataset') return 'list';
  if (domain.numericAttributes.has(id.key)) return 'time';
  // MLflow lets IN / NOT IN through only where a list is meaningful (run_id).
  return domain.listAttributes.has(id.key) ? 'list' : 'string';
}

function nameOf(id: Identifier): string {
  return `${entityPrefix(id.entity)}.${id.key}`;
}

function check(s: Scanner, id: Identifier, kind: Kind, op: Op, opPos: number, v: Value, at: number, typed: string): Clause['value'] {
  const name = nameOf(id);
  if (kind === 'number' || kind === 'time') {
    if (v.kind !== 'number') {
      return s.fail(`expected a number for ${name} (${kind === 'time' ? 'milliseconds since the epoch' : 'metrics are numbers'}), got ${typed}`, at);
    }
    if (kind === 'time' && !Number.isSafeInteger(v.n)) s.fail(`expected a whole number of milliseconds for ${name}, got ${typed}`, at);
    return v.n;
  }
  if (op === 'IN' || op === 'NOT IN') {
    if (v.kind !== 'list') s.fail(`${op} needs a parenthesised list of quoted strings, e.g. ('a', 'b'), got ${typed}`, at);
    return v.items;
  }
  if (v.kind === 'string') return v.text;
  if (v.kind === 'list') s.fail(`a parenthesised list needs IN or NOT IN, got ${op}`, opPos);
  return s.fail(`expected a quoted string for ${name}${whyOf(id, kind)} (e.g. '${v.kind === 'word' ? typed : 'value'}'), got ${typed}`, at);
}
