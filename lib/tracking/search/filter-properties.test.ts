// Property tests: whatever the input, the parser either returns clauses or throws SearchSyntaxError (never another
// error, never a partial parse), and every clause it can represent survives rendering and parsing back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRunFilter, parseRunOrderBy, SearchSyntaxError, type Clause } from '.';

const CHARS = [...'abcXYZ019 _-./:%\'"`\\()=<>!;,éß✓\n\t'];
const text = (minLength = 0) => fc.string({ unit: fc.constantFrom(...CHARS), minLength, maxLength: 12 });

/** Quoted the way the parser reads it: the quote doubled, backslashes doubled. */
function quote(s: string, q: string): string {
  return q + s.replaceAll('\\', '\\\\').replaceAll(q, q + q) + q;
}

const number = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));
const clause: fc.Arbitrary<Omit<Clause, 'position'>> = fc.oneof(
  fc.record({ entity: fc.constant('metric' as const), key: text(1), op: fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const), value: number }),
  fc.record({ entity: fc.constantFrom('param' as const, 'tag' as const), key: text(1), op: fc.constantFrom('=', '!=', 'LIKE', 'ILIKE' as const), value: text() }),
  fc.record({ entity: fc.constant('attribute' as const), key: fc.constant('run_id'), op: fc.constantFrom('IN', 'NOT IN' as const), value: fc.array(text(), { minLength: 1, maxLength: 4 }) }),
  fc.record({ entity: fc.constant('attribute' as const), key: fc.constantFrom('start_time', 'end_time'), op: fc.constantFrom('=', '<', '>=' as const), value: fc.maxSafeInteger() }),
);

function render(c: Omit<Clause, 'position'>, q: string): string {
  const prefix = { metric: 'metrics', param: 'params', tag: 'tags', attribute: 'attributes', dataset: 'datasets' }[c.entity];
  const value = Array.isArray(c.value) ? `(${c.value.map((v) => quote(v, q)).join(', ')})` : typeof c.value === 'number' ? String(c.value) : quote(c.value, q);
  return `${prefix}.${quote(c.key, '`')} ${c.op} ${value}`;
}

function outcome(f: () => unknown): 'ok' | 'syntax' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof SearchSyntaxError) return 'syntax';
    throw e;
  }
}

describe('search grammar properties', () => {
  it('round-trips every representable filter', () => {
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 5 }), fc.constantFrom("'", '"'), fc.constantFrom(' AND ', ' and ', '\n And\t'), (clauses, q, and) => {
        const parsed = parseRunFilter(clauses.map((c) => render(c, q)).join(and));
        expect(parsed.map(({ position: _p, ...c }) => c)).toEqual(clauses);
      }),
      { numRuns: 500 },
    );
  });

  it('only ever throws SearchSyntaxError, with a position inside the input', () => {
    const vocabulary = fc.constantFrom(
      'metrics.auc', 'params.x', 'tags.`a b`', 'run_id', 'status', 'AND', 'OR', 'NOT', 'IN', 'LIKE', '=', '!=', '<', '>=',
      "'x'", '"y"', '0.5', '-1e3', '(', ')', ',', ';', '--', "'", '`', 'datasets.name', 'start_time',
    );
    const soup = fc.array(vocabulary, { maxLength: 12 }).map((xs) => xs.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), soup), (input) => {
        try {
          parseRunFilter(input);
        } catch (e) {
          expect(e).toBeInstanceOf(SearchSyntaxError);
          const { position } = e as SearchSyntaxError;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(input.length);
        }
        expect(['ok', 'syntax']).toContain(outcome(() => parseRunOrderBy([input])));
      }),
      { numRuns: 2000 },
    );
  });
});
