// Rows → cells → groups. A *cell* is the finest group: one observed combination of every sensitive attribute.
// Every grouping the audit reports (each attribute, each requested intersection, and "overall") is a union of cells,
// so all counting happens once per row into cells, and groups are sums over cells. This is also what makes the
// stratified bootstrap consistent: resampling within cells keeps every coarser group's count fixed.
//
// Labels are sorted (UTF-16 code unit order, i.e. plain Array#sort) and cells are numbered in the lexicographic
// order of their label codes, so every result is independent of row order.

import type { AuditInput, EncodedColumn } from './audit-types';
import { FairnessInputError } from './errors';
import { checkLength } from './validate';

export interface Grouping {
  /** 'overall', 'age_band', or 'age_band&gender'. */
  key: string;
  attributes: string[];
  /** Sorted group labels ("65+&female" for intersections). */
  labels: string[];
  /** cell → group index in `labels`. */
  cellGroup: Int32Array;
  /** Offset of this grouping's first group in the global group numbering. */
  offset: number;
}

export interface CellIndex {
  nCells: number;
  cellOfRow: Int32Array;
  /** groupings[0] is the overall pseudo-grouping (one group, all cells). */
  groupings: Grouping[];
  nGroups: number;
  /** Flattened nCells × groupings.length table: the global group of cell c in grouping k. */
  cellGlobal: Int32Array;
}

const isEncoded = (c: unknown): c is EncodedColumn =>
  c != null && typeof c === 'object' && 'codes' in c && 'labels' in c && Array.isArray((c as EncodedColumn).labels);

/** One attribute as codes into its sorted, observed labels. */
function encode(name: string, col: ArrayLike<string> | EncodedColumn, n: number): { codes: Int32Array; labels: string[] } {
  const field = `sensitive.${name}`;
  const codes = new Int32Array(n);
  let raw: string[];
  if (isEncoded(col)) {
    checkLength(col.codes, field, n);
    raw = [...col.labels];
    if (raw.some((l) => typeof l !== 'string')) throw new FairnessInputError(field, `${field}.labels must be strings`);
    if (new Set(raw).size !== raw.length) throw new FairnessInputError(field, `${field}.labels has duplicates`);
    for (let i = 0; i < n; i++) {
      const c = col.codes[i];
      if (!Number.isInteger(c) || c < 0 || c >= raw.length) throw new FairnessInputError(field, `${field}.codes[${i}] is not a label index`);
      codes[i] = c;
    }
  } else {
    checkLength(col, field, n);
    const seen = new Map<string, number>();
    raw = [];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      let c = seen.get(v);
      if (c === undefined) {
        if (typeof v !== 'string') throw new FairnessInputError(field, `${field}[${i}] is ${JSON.stringify(v) ?? String(v)}; expected a group label string`);
        c = raw.length;
        seen.set(v, c);
        raw.push(v);
      }
      codes[i] = c;
    }
  }
  // Keep observed labels only, renumbered in sorted order.
  const used = new Uint8Array(raw.length);
  for (let i = 0; i < n; i++) used[codes[i]] = 1;
  const labels = raw.filter((_, k) => used[k] === 1).sort();
  const rank = new Map(labels.map((l, k) => [l, k]));
  const remap = Int32Array.from(raw, (l) => rank.get(l) ?? -1);
  for (let i = 0; i < n; i++) codes[i] = remap[codes[i]];
  return { codes, labels };
}

const DENSE_LIMIT = 1 << 22;

export function buildCells(input: AuditInput, n: number): CellIndex {
  if (input.sensitive == null || typeof input.sensitive !== 'object') throw new FairnessInputError('sensitive', 'sensitive must map attribute names to columns');
  const names = Object.keys(input.sensitive);
  if (names.length === 0) throw new FairnessInputError('sensitive', 'sensitive must name at least one attribute');
  for (const a of names) {
    if (a === '' || a.includes('&') || a === 'overall') {
      throw new FairnessInputError(`sensitive.${a}`, `attribute name '${a}' is reserved or contains '&' (used for intersection keys)`);
    }
  }
  const attrs = names.map((a) => ({ name: a, ...encode(a, input.sensitive[a], n) }));

  // Cells: fold one attribute at a time, compacting (previous cell, code) pairs to ids in first-seen order.
  let cellOfRow = new Int32Array(n);
  let nCells = 1;
  let tuples: Int32Array[] = []; // tuples[k][cell] = code of attribute k
  for (const a of attrs) {
    const L = a.labels.length;
    const next = new Int32Array(n);
    const parent: number[] = [];
    const code: number[] = [];
    if (nCells * L <= DENSE_LIMIT) {
      const table = new Int32Array(nCells * L).fill(-1);
      for (let i = 0; i < n; i++) {
        const key = cellOfRow[i] * L + a.codes[i];
        let id = table[key];
        if (id < 0) {
          id = table[key] = parent.length;
          parent.push(cellOfRow[i]);
          code.push(a.codes[i]);
        }
        next[i] = id;
      }
    } else {
      const table = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const key = cellOfRow[i] * L + a.codes[i];
        let id = table.get(key);
        if (id === undefined) {
          id = parent.length;
          table.set(key, id);
          parent.push(cellOfRow[i]);
          code.push(a.codes[i]);
        }
        next[i] = id;
      }
    }
    tuples = [...tuples.map((t) => Int32Array.from(parent, (p) => t[p])), Int32Array.from(code)];
    cellOfRow = next;
    nCells = parent.length;
  }

  // Canonical cell order: lexicographic in the (sorted) label codes, so nothing depends on row order.
  const order = Array.from({ length: nCells }, (_, c) => c).sort((x, y) => {
    for (const t of tuples) if (t[x] !== t[y]) return t[x] - t[y];
    return 0;
  });
  const newId = new Int32Array(nCells);
  order.forEach((c, k) => (newId[c] = k));
  for (let i = 0; i < n; i++) cellOfRow[i] = newId[cellOfRow[i]];
  tuples = tuples.map((t) => Int32Array.from(order, (c) => t[c]));

  const groupings: Grouping[] = [{ key: 'overall', attributes: [], labels: ['overall'], cellGroup: new Int32Array(nCells), offset: 0 }];
  let offset = 1;
  const add = (g: Omit<Grouping, 'offset'>) => {
    groupings.push({ ...g, offset });
    offset += g.labels.length;
  };
  attrs.forEach((a, k) => add({ key: a.name, attributes: [a.name], labels: a.labels, cellGroup: tuples[k] }));

  const keys = new Set(names);
  (input.intersections ?? []).forEach((inter, j) => {
    const field = `intersections[${j}]`;
    if (!Array.isArray(inter) || inter.length < 2) throw new FairnessInputError(field, `${field} must list at least two attributes`);
    const ks = inter.map((a) => {
      const k = names.indexOf(a);
      if (k < 0) throw new FairnessInputError(field, `${field} names unknown attribute '${String(a)}' (known: ${names.join(', ')})`);
      return k;
    });
    if (new Set(ks).size !== ks.length) throw new FairnessInputError(field, `${field} repeats an attribute`);
    const key = inter.join('&');
    if (keys.has(key)) throw new FairnessInputError(field, `${field} repeats '${key}'`);
    keys.add(key);
    // Composite label per cell; two different code tuples must not collide ("a&b"+"c" vs "a"+"b&c").
    const byLabel = new Map<string, string>();
    const cellLabel: string[] = [];
    for (let c = 0; c < nCells; c++) {
      const label = ks.map((k) => attrs[k].labels[tuples[k][c]]).join('&');
      const tuple = ks.map((k) => tuples[k][c]).join(',');
      const prev = byLabel.get(label);
      if (prev !== undefined && prev !== tuple) throw new FairnessInputError(field, `${field}: group label '${label}' is ambiguous (labels contain '&')`);
      byLabel.set(label, tuple);
      cellLabel.push(label);
    }
    const labels = [...byLabel.keys()].sort();
    const index = new Map(labels.map((l, g) => [l, g]));
    add({ key, attributes: [...inter], labels, cellGroup: Int32Array.from(cellLabel, (l) => index.get(l)!) });
  });

  const K = groupings.length;
  const cellGlobal = new Int32Array(nCells * K);
  for (let c = 0; c < nCells; c++) for (let k = 0; k < K; k++) cellGlobal[c * K + k] = groupings[k].offset + groupings[k].cellGroup[c];
  return { nCells, cellOfRow, groupings, nGroups: offset, cellGlobal };
}
