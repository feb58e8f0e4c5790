// Golden comparison with numpy + scikit-learn (fixtures/make_fixtures.py → audit_fixtures.json): every group's
// confusion matrix, rates, roc_auc_score and mean score, and the disparities, for each attribute and intersection,
// to 1e-12. Scores have two decimals, so AUC goes through many tie blocks.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from './audit';
import type { AuditResult } from './audit';
import type { Confusion } from './types';

type Values = Record<string, number | null>;
interface Expected {
  overall: { count: number; confusion: Confusion; metrics: Values };
  by_group: Record<string, Record<string, { count: number; confusion: Confusion; metrics: Values }>>;
  disparities: Record<string, Values & { to_overall: Values; reference: string; ratios: Record<string, Values> }>;
}
interface Case {
  name: string;
  threshold: number;
  separate_pred: boolean;
  intersections: string[][];
  rows: { y_true: number[]; y_score: number[]; y_pred: number[]; sensitive: Record<string, string[]> };
  expected: Expected;
}

const doc = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'audit_fixtures.json'), 'utf8')) as { cases: Case[] };

function close(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) expect(actual, what).toBeNull();
  else {
    expect(actual, what).not.toBeNull();
    expect(Math.abs(actual! - expected), what).toBeLessThanOrEqual(1e-12);
  }
}

function compareValues(actual: object, expected: Values, what: string): number {
  let n = 0;
  for (const [k, v] of Object.entries(expected)) {
    close((actual as Record<string, number | null | undefined>)[k], v, `${what}.${k}`);
    n++;
  }
  return n;
}

describe.each(doc.cases)('sklearn golden: $name', (c) => {
  const r: AuditResult = audit({
    yTrue: c.rows.y_true,
    yScore: c.rows.y_score,
    ...(c.separate_pred ? { yPred: c.rows.y_pred } : { threshold: c.threshold }),
    sensitive: c.rows.sensitive,
    intersections: c.intersections,
  });

  it('predictions derived from the threshold match', () => {
    expect(r.prediction_source).toBe(c.separate_pred ? 'y_pred' : 'y_score >= threshold');
    expect(r.overall.confusion).toEqual(c.expected.overall.confusion);
  });

  it('every group metric of every attribute and intersection, to 1e-12', () => {
    let checked = compareValues(r.overall, c.expected.overall.metrics, 'overall');
    for (const [key, groups] of Object.entries(c.expected.by_group)) {
      expect(Object.keys(r.by_group[key]), key).toEqual(Object.keys(groups)); // same groups, same (sorted) order
      for (const [g, e] of Object.entries(groups)) {
        const a = r.by_group[key][g];
        expect(a.count).toBe(e.count);
        expect(a.confusion, `${key}/${g}`).toEqual(e.confusion);
        checked += compareValues(a, e.metrics, `${key}/${g}`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    // The fixture has undefined metrics on purpose (the all-negative 'island' region).
    expect(r.by_group.region.island).toMatchObject({ tpr: null, auc: null, calibration_ratio: null });
  });

  it('disparities (between_groups, to_overall, largest-group reference), to 1e-12', () => {
    for (const [key, e] of Object.entries(c.expected.disparities)) {
      const a = r.disparities[key];
      const { to_overall, reference, ratios, ...headline } = e;
      compareValues(a, headline as Values, `${key}`);
      compareValues(a.to_overall, to_overall, `${key}.to_overall`);
      expect(a.vs_reference.reference).toBe(reference);
      for (const [g, v] of Object.entries(ratios)) compareValues(a.vs_reference.ratios[g], v, `${key}.ratios.${g}`);
    }
  });
});
