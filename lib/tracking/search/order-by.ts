// order_by items: `<identifier> [ASC|DESC]`, one string per item as the API receives them. ASC is the default.
import { EXPERIMENT_DOMAIN, RUN_DOMAIN, entityPrefix, type SearchDomain } from './domains';
import { readIdentifier } from './identifier';
import { Scanner } from './scanner';
import { SearchSyntaxError, type OrderItem } from './types';

export function parseRunOrderBy(items: string[] | undefined): OrderItem[] {
  return parseOrderBy(items, RUN_DOMAIN);
}

export function parseExperimentOrderBy(items: string[] | undefined): OrderItem[] {
  return parseOrderBy(items, EXPERIMENT_DOMAIN);
}

function parseOrderBy(items: string[] | undefined, domain: SearchDomain): OrderItem[] {
  const out: OrderItem[] = [];
  const seen = new Set<string>();
  for (const item of items ?? []) {
    const parsed = parseItem(item, domain);
    // Sorting twice by one column is always a mistake in the request, and MLflow rejects it too.
    const name = `${entityPrefix(parsed.entity)}.${parsed.key}`;
    if (seen.has(name)) throw new SearchSyntaxError(`Invalid order_by: ${name} appears more than once`, 0);
    seen.add(name);
    out.push(parsed);
  }
  return out;
}

function parseItem(item: string, domain: SearchDomain): OrderItem {
  const label = `order_by item '${item.length > 60 ? item.slice(0, 57) + '...' : item}'`;
  const s = new Scanner(item, label);
  s.skipWs();
  const id = readIdentifier(s, domain, domain.orderAttributes);
  const entity = id.entity;
  if (entity === 'dataset') return s.fail('datasets cannot be used to order runs', id.position);
  s.skipWs();
  let ascending = true;
  if (!s.eof()) {
    if (s.tryKeyword('DESC')) ascending = false;
    else if (!s.tryKeyword('ASC')) s.fail(`expected ASC, DESC or the end of the item, got ${s.got()}`);
    s.skipWs();
    if (!s.eof()) s.fail(`expected the end of the item after ${ascending ? 'ASC' : 'DESC'}, got ${s.got()}`);
  }
  return { entity, key: id.key, ascending };
}
