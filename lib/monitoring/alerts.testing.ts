// Stored-window fixtures for the alert tests: a month window whose drift, scores and performance are given by hand.
import type { MonitoringWindow, WindowKind } from '@/db/monitoring-schema';

export interface FakeWindowSpec {
  /** '2026-03' for a month window, or a full ISO date for other kinds. */
  start: string;
  kind?: WindowKind;
  modelName?: string;
  modelVersion?: number;
  predictions?: number;
  driftShare?: number;
  /** Per feature: drift score (and optionally p-value, drift verdict, null shares). */
  columns?: Record<string, { score: number | null; p_value?: number | null; drift?: boolean; method?: string; null_current?: number; null_reference?: number }>;
  predictionScore?: number;
  meanScore?: number;
  realizedAuc?: number | null;
  realizedPrecision?: number | null;
  realizedRecall?: number | null;
  labelled?: boolean;
  estimatedAuc?: number | null;
}

function bounds(spec: FakeWindowSpec): { start: Date; end: Date } {
  const kind = spec.kind ?? 'month';
  if (kind === 'month') {
    const start = new Date(`${spec.start}-01T00:00:00Z`);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    return { start, end };
  }
  const start = new Date(`${spec.start}T00:00:00Z`);
  const days = kind === 'week' ? 7 : 1;
  return { start, end: new Date(start.getTime() + days * 86_400_000) };
}

let nextId = 1;

/** A window row as the database returns it (id and computedAt filled in). */
export function fakeWindow(spec: FakeWindowSpec): MonitoringWindow {
  const { start, end } = bounds(spec);
  const columns = Object.fromEntries(
    Object.entries(spec.columns ?? {}).map(([name, c]) => [
      name,
      {
        method: c.method ?? 'wasserstein',
        statistic: c.score,
        p_value: c.p_value ?? null,
        score: c.score,
        threshold: 0.1,
        drift: c.drift ?? (c.score !== null && c.score >= 0.1),
        null_share: { reference: c.null_reference ?? 0, current: c.null_current ?? 0 },
      },
    ]),
  );
  const labelled = spec.labelled ?? spec.realizedAuc !== undefined;
  return {
    id: nextId++,
    modelName: spec.modelName ?? 'streamflow-churn',
    modelVersion: spec.modelVersion ?? 1,
    kind: spec.kind ?? 'month',
    start,
    end,
    computedAt: new Date(end.getTime() + 3_600_000),
    predictions: spec.predictions ?? 1000,
    labeled: labelled ? (spec.predictions ?? 1000) : 0,
    drift: { columns, drifted_columns: Object.values(columns).filter((c) => c.drift).length, share: spec.driftShare ?? 0, dataset_drift: (spec.driftShare ?? 0) >= 0.5 },
    driftShare: spec.driftShare ?? 0,
    datasetDrift: (spec.driftShare ?? 0) >= 0.5,
    predictionDrift: { method: 'wasserstein', statistic: spec.predictionScore ?? 0.01, p_value: null, score: spec.predictionScore ?? 0.01, threshold: 0.1, drift: (spec.predictionScore ?? 0) >= 0.1, null_share: { reference: 0, current: 0 } },
    meanScore: spec.meanScore ?? 0.2,
    realized: labelled ? { auc: spec.realizedAuc ?? null, precision: spec.realizedPrecision ?? null, recall: spec.realizedRecall ?? null, n: spec.predictions ?? 1000 } : null,
    estimated: { auc: spec.estimatedAuc === undefined ? 0.85 : spec.estimatedAuc, n: spec.predictions ?? 1000 },
    profiles: {},
  };
}

/** Consecutive month windows from `first` (e.g. '2026-01'), one per spec. */
export function monthSeries(first: string, specs: Omit<FakeWindowSpec, 'start'>[]): MonitoringWindow[] {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return specs.map((s, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return fakeWindow({ ...s, start: d.toISOString().slice(0, 7) });
  });
}

export const REFERENCE = { performance: { auc: 0.86, precision: 0.5, recall: 0.6, log_loss: 0.4, base_rate: 0.1, split: 'test 2026-02' } };
