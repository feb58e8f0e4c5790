import { describe, expect, it } from 'vitest';
import { parseExperimentOrderBy, parseRunOrderBy, SearchSyntaxError } from '.';

function error(items: string[], parse = parseRunOrderBy): SearchSyntaxError {
  try {
    parse(items);
  } catch (e) {
    expect(e).toBeInstanceOf(SearchSyntaxError);
    return e as SearchSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(items)} to be rejected`);
}

describe('parseRunOrderBy', () => {
  it('returns nothing for no items', () => {
    expect(parseRunOrderBy(undefined)).toEqual([]);
    expect(parseRunOrderBy([])).toEqual([]);
  });

  it('parses entities, directions (ASC by default, any case) and quoted keys', () => {
    expect(
      parseRunOrderBy(['metrics.auc DESC', 'params.lr ASC', 'attributes.start_time', 'tags.`team name` desc', '  metric."f1-score"  asc  ', 'end_time']),
    ).toEqual([
      { entity: 'metric', key: 'auc', ascending: false },
      { entity: 'param', key: 'lr', ascending: true },
      { entity: 'attribute', key: 'start_time', ascending: true },
      { entity: 'tag', key: 'team name', ascending: false },
      { entity: 'metric', key: 'f1-score', ascending: true },
      { entity: 'attribute', key: 'end_time', ascending: true },
    ]);
  });

  it('maps attribute aliases and accepts experiment_id', () => {
    expect(parseRunOrderBy(['"Run name" ASC', 'created DESC', 'experiment_id', 'tags.mlflow.runName'])).toEqual([
      { entity: 'attribute', key: 'run_name', ascending: true },
      { entity: 'attribute', key: 'start_time', ascending: false },
      { entity: 'attribute', key: 'experiment_id', ascending: true },
      { entity: 'tag', key: 'mlflow.runName', ascending: true },
    ]);
  });

  it('rejects malformed items with the position inside the item', () => {
    const cases: [string, number, RegExp][] = [
      ['metrics.auc DESCC', 12, /expected ASC, DESC or the end of the item, got 'DESCC'/],
      ['metrics.auc DESC, params.lr', 16, /expected the end of the item after DESC, got ','/],
      ['metrics.auc; drop table runs', 11, /expected ASC, DESC or the end of the item, got ';'/],
      ['', 0, /expected an identifier/],
      ['foo.bar', 0, /unknown entity type 'foo'/],
      ['attributes.colour', 11, /unknown attribute 'colour'/],
      ['datasets.name', 0, /datasets cannot be used to order runs/],
      ['metrics.`open', 8, /unterminated quoted text/],
      ['metrics.a ASC DESC', 14, /expected the end of the item after ASC/],
    ];
    for (const [item, position, message] of cases) {
      const e = error([item]);
      expect(e.position, item).toBe(position);
      expect(e.message, item).toMatch(message);
      expect(e.message.startsWith(`Invalid order_by item '${item}' at position ${position}: `), item).toBe(true);
    }
  });

  it('rejects the same key twice, aliases included', () => {
    expect(error(['metrics.auc', 'metric.auc DESC']).message).toBe('Invalid order_by: metrics.auc appears more than once');
    expect(error(['created', 'start_time DESC']).message).toMatch(/attributes.start_time appears more than once/);
    expect(parseRunOrderBy(['metrics.auc', 'params.auc'])).toHaveLength(2);
  });
});

describe('parseExperimentOrderBy', () => {
  it('accepts the four experiment attributes', () => {
    expect(parseExperimentOrderBy(['name', 'experiment_id DESC', 'attribute.creation_time ASC', 'last_update_time desc'])).toEqual([
      { entity: 'attribute', key: 'name', ascending: true },
      { entity: 'attribute', key: 'experiment_id', ascending: false },
      { entity: 'attribute', key: 'creation_time', ascending: true },
      { entity: 'attribute', key: 'last_update_time', ascending: false },
    ]);
  });

  it('rejects anything else', () => {
    expect(error(['start_time'], parseExperimentOrderBy).message).toMatch(/unknown attribute 'start_time' for experiments; valid attributes are name, experiment_id, creation_time, last_update_time/);
    expect(error(['metrics.auc'], parseExperimentOrderBy).message).toMatch(/unknown entity type 'metrics'/);
  });
});
