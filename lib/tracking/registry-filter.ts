// The registry's search filters (registered-models/search, model-versions/search): AND of `name`, `run_id`,
// `source_path`, `version_number` or `tags.<key>` compared with =, !=, LIKE, ILIKE (and IN for run_id), as MLflow's
// SearchModelUtils / SearchModelVersionUtils accept. Parsed into clauses; the SQL binds every value.
import { invalid } from './mlflow/errors';

export interface RegistryClause {
  field: string; // 'name' | 'run_id' | 'source_path' | 'version_number' | 'tag'
  key?: string; // for tags
  op: '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN';
  value: string | string[];
}

const TOKEN = /\s*(?:(`[^`]+`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|''|\\.)*')|(!=|=|\(|\)|,)|([A-Za-z_][\w.]*)|(\S))/y;

function unquote(s: string): string {
  const q = s[0];
  return s.slice(1, -1).replace(q === "'" ? /''|\\'/g : /\\"/g, q!);
}

export function parseRegistryFilter(filter: string | undefined, allowed: readonly string[]): RegistryClause[] {
  if (!filter || !filter.trim()) return [];
  const toks: { t: string; kind: 'str' | 'punct' | 'word'; pos: number }[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < filter.length && (m = TOKEN.exec(filter))) {
    if (m[4]) throw invalid(`Invalid filter '${filter}': unexpected character '${m[4]}' at position ${m.index + m[0].length - 1}`);
    if (m[1]) toks.push({ t: m[1], kind: m[1].startsWith('`') ? 'word' : 'str', pos: m.index });
    else if (m[2]) toks.push({ t: m[2], kind: 'punct', pos: m.index });
    else if (m[3]) toks.push({ t: m[3], kind: 'word', pos: m.index });
    if (!filter.slice(TOKEN.lastIndex).trim()) break;
  }
  const clauses: RegistryClause[] = [];
  let i = 0;
  const fail = (what: string) => {
    const tok = toks[i];
    throw invalid(`Invalid filter '${filter}': expected ${what} at position ${tok ? tok.pos : filter.length}`);
  };
  while (i < toks.length) {
    const ident = toks[i];
    if (!ident || ident.kind !== 'word') fail('an attribute such as name or tags.<key>');
    let field = ident!.t.startsWith('`') ? ident!.t.slice(1, -1) : ident!.t;
    let key: string | undefined;
    if (/^tags?\./i.test(field)) {
      key = field.slice(field.indexOf('.') + 1).replace(/^`|`$/g, '');
      field = 'tag';
    } else if (!allowed.includes(field)) {
      throw invalid(`Invalid attribute key '${field}' specified. Valid keys are '${allowed.join("', '")}', 'tags.<key>'`);
    }
    i++;
    const op = toks[i]?.t.toUpperCase();
    if (op === 'NOT' && toks[i + 1]?.t.toUpperCase() === 'IN') fail('=, !=, LIKE, ILIKE or IN (NOT IN is not supported here)');
    if (!op || !['=', '!=', 'LIKE', 'ILIKE', 'IN'].includes(op)) fail('=, !=, LIKE, ILIKE or IN');
    i++;
    if (op === 'IN') {
      if (field !== 'run_id') throw invalid(`Invalid filter '${filter}': IN is only supported for run_id`);
      if (toks[i]?.t !== '(') fail("'('");
      i++;
      const values: string[] = [];
      while (toks[i]?.kind === 'str') {
        values.push(unquote(toks[i]!.t));
        i++;
        if (toks[i]?.t === ',') i++;
      }
      if (toks[i]?.t !== ')' || values.length === 0) fail("a quoted value or ')'");
      i++;
      clauses.push({ field, key, op: 'IN', value: values });
    } else {
      const v = toks[i];
      if (!v || v.kind !== 'str') fail('a quoted string value');
      clauses.push({ field, key, op: op as RegistryClause['op'], value: unquote(v!.t) });
      i++;
    }
    if (i < toks.length) {
      if (toks[i]!.t.toUpperCase() !== 'AND') fail("'AND' (only AND is supported)");
      i++;
      if (i >= toks.length) fail('a comparison after AND');
    }
  }
  return clauses;
}
