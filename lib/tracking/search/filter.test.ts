import { describe, expect, it } from 'vitest';
import { parseExperimentFilter, parseRunFilter, SearchSyntaxError, type Clause } from '.';

function one(filter: string): Omit<Clause, 'position'> {
  const clauses = parseRunFilter(filter);
  expect(clauses).toHaveLength(1);
  const { position: _p, ...rest } = clauses[0]!;
  return rest;
}

/** The SearchSyntaxError a filter raises (the test fails if it parses). */
function error(filter: string, parse = parseRunFilter): SearchSyntaxError {
  try {
    parse(filter);
  } catch (e) {
    expect(e).toBeInstanceOf(SearchSyntaxError);
    return e as SearchSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(filter)} to be rejected`);
}

describe('parseRunFilter', () => {
  it('returns no clauses for an empty or missing filter', () => {
    expect(parseRunFilter(undefined)).toEqual([]);
    expect(parseRunFilter('')).toEqual([]);
    expect(parseRunFilter('   \n\t')).toEqual([]);
  });

  it('parses the reference example into three clauses with their positions', () => {
    expect(parseRunFilter("metrics.auc > 0.8 and params.model = 'xgb' and attributes.status = 'FINISHED'")).toEqual([
      { entity: 'metric', key: 'auc', op: '>', value: 0.8, position: 0 },
      { entity: 'param', key: 'model', op: '=', value: 'xgb', position: 22 },
      { entity: 'attribute', key: 'status', op: '=', value: 'FINISHED', position: 47 },
    ]);
  });

  it.each(['=', '!=', '<', '<=', '>', '>='] as const)('accepts metric comparator %s', (op) => {
    expect(one(`metrics.auc ${op} 1`)).toEqual({ entity: 'metric', key: 'auc', op, value: 1 });
  });

  it.each([
    ['1', 1],
    ['-2', -2],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['3.', 3],
    ['1e-3', 0.001],
    ['-2.5E+2', -250],
  ])('reads the number %s', (text, value) => {
    expect(one(`metrics.m >= ${text}`).value).toBe(value);
  });

  it.each(['=', '!=', 'LIKE', 'ILIKE'] as const)('accepts param and tag comparator %s', (op) => {
    expect(one(`params.model ${op} 'x'`)).toEqual({ entity: 'param', key: 'model', op, value: 'x' });
    expect(one(`tags.team ${op} "x"`)).toEqual({ entity: 'tag', key: 'team', op, value: 'x' });
  });

  it('accepts every entity alias', () => {
    for (const p of ['metric', 'metrics']) expect(one(`${p}.a = 1`).entity).toBe('metric');
    for (const p of ['param', 'params', 'parameter', 'parameters']) expect(one(`${p}.a = 'x'`).entity).toBe('param');
    for (const p of ['tag', 'tags']) expect(one(`${p}.a = 'x'`).entity).toBe('tag');
    for (const p of ['attribute', 'attributes', 'attr', 'run']) expect(one(`${p}.status = 'x'`)).toMatchObject({ entity: 'attribute', key: 'status' });
    for (const p of ['dataset', 'datasets']) expect(one(`${p}.name = 'x'`)).toMatchObject({ entity: 'dataset', key: 'name' });
    expect(one(`status = 'RUNNING'`)).toMatchObject({ entity: 'attribute', key: 'status' });
  });

  it('treats AND and the word operators case-insensitively', () => {
    const c = parseRunFilter("params.a like 'x%' AnD params.b iLiKe 'y' and run_id not in ('r') and run_id In ('s')");
    expect(c.map((x) => x.op)).toEqual(['LIKE', 'ILIKE', 'NOT IN', 'IN']);
  });

  it('reads quoted and dotted keys', () => {
    expect(one('metrics.`f1-score` > 0.8').key).toBe('f1-score');
    expect(one('metrics."my metric" > 0.8').key).toBe('my metric');
    expect(one(`tags."mlflow.runName" = 'x'`).key).toBe('mlflow.runName');
    expect(one(`tags.mlflow.runName = 'x'`).key).toBe('mlflow.runName');
    expect(one('metrics.train/loss-2 < 1').key).toBe('train/loss-2');
    expect(one('metrics.5fold_auc<1').key).toBe('5fold_auc');
    expect(one('metrics.`a``b` < 1').key).toBe('a`b');
    expect(one('`metrics`.a < 1')).toMatchObject({ entity: 'metric', key: 'a' });
  });

  it('unescapes doubled and backslash-escaped quotes in strings, and keeps other backslashes', () => {
    expect(one(`params.a = 'it''s'`).value).toBe("it's");
    expect(one(`params.a = 'it\\'s'`).value).toBe("it's");
    expect(one(`params.a = "say ""hi"""`).value).toBe('say "hi"');
    expect(one(`params.a = "it's"`).value).toBe("it's");
    expect(one(`params.a LIKE '50\\%'`).value).toBe('50\\%');
    expect(one(`params.a = 'C:\\\\data'`).value).toBe('C:\\data');
    expect(one(`params.a = ''`).value).toBe('');
    expect(one(`params.a = 'αβγ ✓'`).value).toBe('αβγ ✓');
  });

  it('maps attribute aliases to canonical keys and keeps time attributes numeric', () => {
    expect(one('created >= 1700000000000')).toEqual({ entity: 'attribute', key: 'start_time', op: '>=', value: 1700000000000 });
    expect(one('attributes.Created < 5').key).toBe('start_time');
    expect(one(`"Run name" = 'a'`)).toEqual({ entity: 'attribute', key: 'run_name', op: '=', value: 'a' });
    expect(one("`Run Name` LIKE 'a%'").key).toBe('run_name');
    expect(one('attributes.end_time != 0')).toMatchObject({ key: 'end_time', value: 0 });
    for (const k of ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'lifecycle_stage']) {
      expect(one(`attributes.${k} ILIKE 'x'`)).toMatchObject({ entity: 'attribute', key: k, op: 'ILIKE' });
    }
  });

  it('accepts IN and NOT IN lists only for run_id and datasets', () => {
    expect(one(`attributes.run_id IN ('a', "b",'c')`)).toEqual({ entity: 'attribute', key: 'run_id', op: 'IN', value: ['a', 'b', 'c'] });
    expect(one(`run_id NOT IN ( 'a' )`)).toEqual({ entity: 'attribute', key: 'run_id', op: 'NOT IN', value: ['a'] });
    expect(one(`datasets.digest IN ('d1', 'd2')`).value).toEqual(['d1', 'd2']);
    expect(one(`datasets.context NOT IN ('train')`).op).toBe('NOT IN');
    expect(error(`attributes.status IN ('a')`).message).toBe('Invalid filter at position 18: operator IN cannot be used with attributes.status; use =, !=, LIKE, ILIKE');
    expect(error(`run_id IN 'a'`).message).toMatch(/position 10: IN needs a parenthesised list/);
    expect(error(`run_id = ('a')`).message).toMatch(/position 7: a parenthesised list needs IN or NOT IN/);
    expect(error(`run_id IN ()`).message).toMatch(/position 10: expected a non-empty list/);
    expect(error(`run_id IN ('a',)`).message).toMatch(/position 15: expected a quoted string in the list, got '\)'/);
    expect(error(`run_id IN ('a' 'b')`).message).toMatch(/position 15: expected ',' or '\)'/);
    expect(error(`run_id IN ('a', 1)`).message).toMatch(/position 16: expected a quoted string in the list/);
    expect(error(`run_id IN ('a'`).message).toMatch(/position 14: expected ',' or '\)' in the list, got end of input/);
  });

  it('rejects values of the wrong type for the entity', () => {
    expect(error('params.lr > 0.1').message).toBe(
      'Invalid filter at position 10: operator > cannot be used with params.lr (params are strings); use =, !=, LIKE, ILIKE',
    );
    expect(error('params.lr = 0.1').message).toBe("Invalid filter at position 12: expected a quoted string for params.lr (params are strings) (e.g. 'value'), got 0.1");
    expect(error('params.model = xgb').message).toBe("Invalid filter at position 15: expected a quoted string for params.model (params are strings) (e.g. 'xgb'), got xgb");
    expect(error("metrics.auc > '0.8'").message).toBe("Invalid filter at position 14: expected a number for metrics.auc (metrics are numbers), got '0.8'");
    expect(error("metrics.auc LIKE '0.8'").message).toMatch(/position 12: operator LIKE cannot be used with metrics.auc/);
    expect(error('metrics.auc IN (1)').message).toMatch(/position 12: operator IN cannot be used/);
    expect(error("tags.t < 'a'").message).toMatch(/position 7: operator < cannot be used with tags.t \(tags are strings\)/);
    expect(error("start_time > '5'").message).toMatch(/position 13: expected a number for attributes.start_time/);
    expect(error('start_time > 1.5').message).toMatch(/position 13: expected a whole number of milliseconds/);
    expect(error("start_time LIKE '1%'").message).toMatch(/position 11: operator LIKE cannot be used with attributes.start_time/);
    expect(error('status = 1').message).toMatch(/position 9: expected a quoted string for attributes.status/);
    expect(error('metrics.a = 1e999').message).toMatch(/position 12: expected a number, got '1e999'/);
    expect(error('metrics.a = 1.2.3').message).toMatch(/expected a number, got '1.2.3'/);
    expect(error('metrics.a = `x`').message).toMatch(/position 12: expected a value; backticks quote keys/);
  });

  it('rejects unknown identifiers with the list of valid ones', () => {
    expect(error("foo.bar = 'x'").message).toBe(
      "Invalid filter at position 0: unknown entity type 'foo'; runs can be searched by metrics, params, tags, attributes, datasets",
    );
    const e = error("attributes.colour = 'red'");
    expect(e.position).toBe(11);
    expect(e.message).toBe(
      "Invalid filter at position 11: unknown attribute 'colour' for runs; valid attributes are run_id, run_name, status, user_id, artifact_uri, lifecycle_stage, start_time, end_time",
    );
    expect(error("experiment_id = '1'").message).toMatch(/unknown attribute 'experiment_id'/);
    expect(error("datasets.source = 'x'").message).toMatch(/position 9: unknown dataset key 'source'; valid keys are name, digest, context/);
    expect(error('metrics. > 1').message).toMatch(/position 8: expected a key after 'metrics.'/);
    expect(error('METRICS.a > 1').message).toMatch(/unknown entity type 'METRICS'/);
  });

  it('rejects everything that is not the grammar, at the right position', () => {
    const cases: [string, number, RegExp][] = [
      ['metrics.auc > 0.8; drop table runs', 17, /expected AND or the end of the filter, got ';'/],
      ['1=1 OR', 0, /expected an identifier/],
      ["metrics.a > 1 OR params.b = 'x'", 14, /OR is not supported/],
      ["metrics.a > 1 or params.b = 'x'", 14, /OR is not supported/],
      ['(metrics.a > 1)', 0, /parentheses are not supported/],
      ["metrics.a > 1 AND (params.b = 'x')", 18, /parentheses are not supported/],
      ['metrics.a > 1 -- comment', 14, /got '--'/],
      ['metrics.a > 1 /* c */', 14, /got '\/\*'/],
      ['metrics.a > 1 AND', 17, /expected a clause after AND, got end of input/],
      ['AND metrics.a > 1', 0, /expected an identifier such as metrics.auc, got 'AND'/],
      ['metrics.a > 1 AND OR metrics.b > 1', 18, /expected an identifier such as metrics.auc, got 'OR'/],
      ['metrics.a > 1 metrics.b > 2', 14, /expected AND or the end of the filter, got 'metrics.b'/],
      ['metrics.a 1', 10, /expected a comparison operator \(=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN\), got '1'/],
      ['metrics.a foo 1', 10, /expected a comparison operator .*got 'foo'/],
      ['metrics.a == 1', 10, /'==' is not an operator; use =/],
      ['metrics.a <> 1', 10, /'<>' is not an operator; use !=/],
      ["params.a NOT LIKE 'x'", 13, /expected IN after NOT/],
      ["params.a IS NULL", 9, /expected a comparison operator/],
      ['metrics.a >', 11, /expected a value, got end of input/],
      ["params.a = 'open", 11, /unterminated quoted text/],
      ['metrics.`open > 1', 8, /unterminated quoted text/],
      ["params.a = 'x' AND params.b = 'y' UNION SELECT 1", 34, /expected AND or the end of the filter, got 'UNION'/],
      ["params.a = 'x'\u0000", 14, /control character U\+0000/],
      ["params.a = upper('x')", 11, /expected a quoted string for params.a/],
      ["params.a = 'x'::text", 14, /got '::text'/],
      ['= 1', 0, /expected an identifier/],
      ["'x' = params.a", 0, /expected an identifier/],
    ];
    for (const [filter, position, message] of cases) {
      const e = error(filter);
      expect(e.position, filter).toBe(position);
      expect(e.message, filter).toMatch(message);
      expect(e.message.startsWith(`Invalid filter at position ${position}: `), filter).toBe(true);
    }
  });

  it('keeps injection attempts inside a quoted value as plain data', () => {
    expect(one(`params.model = 'x''; drop table runs; --'`).value).toBe("x'; drop table runs; --");
    expect(one('params.`k"; drop table runs; --` = \'v\'').key).toBe('k"; drop table runs; --');
  });
});

describe('parseExperimentFilter', () => {
  it('parses name, times and tags', () => {
    expect(parseExperimentFilter("name LIKE 'churn%' AND creation_time > 5 AND tags.owner = 'ann' and attribute.last_update_time <= 9")).toEqual([
      { entity: 'attribute', key: 'name', op: 'LIKE', value: 'churn%', position: 0 },
      { entity: 'attribute', key: 'creation_time', op: '>', value: 5, position: 23 },
      { entity: 'tag', key: 'owner', op: '=', value: 'ann', position: 45 },
      { entity: 'attribute', key: 'last_update_time', op: '<=', value: 9, position: 68 },
    ]);
    expect(parseExperimentFilter('')).toEqual([]);
  });

  it('rejects run-only entities, unknown attributes and lists', () => {
    expect(error('metrics.a > 1', parseExperimentFilter).message).toBe(
      "Invalid filter at position 0: unknown entity type 'metrics'; experiments can be searched by attributes, tags",
    );
    expect(error("status = 'x'", parseExperimentFilter).message).toMatch(/unknown attribute 'status' for experiments; valid attributes are name, creation_time, last_update_time/);
    expect(error("name IN ('a')", parseExperimentFilter).message).toMatch(/position 5: operator IN cannot be used with attributes.name/);
    expect(error("name > 'a'", parseExperimentFilter).message).toMatch(/operator > cannot be used/);
    expect(error("creation_time = 'a'", parseExperimentFilter).message).toMatch(/expected a number/);
    expect(error("name = 'a' OR name = 'b'", parseExperimentFilter).message).toMatch(/OR is not supported/);
  });
});
