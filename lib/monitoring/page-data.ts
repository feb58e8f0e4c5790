import 'server-only';
// What /monitoring and /monitoring/features/[name] read: the champion's stored windows and reference, shaped into
// WindowView rows, with the state that decides an empty page (no champion, nothing logged, nothing computed yet).
import type { Db } from '@/db/client';
import type { WindowKind } from '@/db/monitoring-schema';
import { getReference, listWindows } from '@/db/queries/monitoring';
import { featureHistograms, loggedPredictions, openAlertsSummary, worldEvents } from '@/db/queries/monitoring-pages';
import { getAlias } from '@/db/queries/registry';
import { FEATURE_NAMES } from '@/lib/data/features';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { displayHistogram, type DisplayHistogram } from './histogram';
import type { ColumnDrift, DriftReport } from './stats';
import type { EstimatedPerformance, RealizedPerformance, ReferencePerformance } from './types';
import { featureOrder, profileMean, windowKey, type WindowView, type WorldEvent } from './views';

export interface ReferenceSummary {
  source: string;
  rows: number;
  threshold: number;
  performance: ReferencePerformance;
  meanScore: number | null;
}

type Base = { model: string };
export type MonitoringState =
  | (Base & { state: 'no_champion' })
  | (Base & { state: 'no_predictions'; version: number })
  | (Base & { state: 'no_windows'; version: number; predictions: number; kind: WindowKind; reference: ReferenceSummary | null })
  | (Base & { state: 'ready'; version: number; predictions: number; kind: WindowKind; reference: ReferenceSummary | null; windows: WindowView[]; features: string[] });

type WindowRow = Awaited<ReturnType<typeof listWindows>>[number];

export function toView(w: WindowRow): WindowView {
  return {
    start: w.start.toISOString(),
    end: w.end.toISOString(),
    computedAt: w.computedAt.toISOString(),
    predictions: w.predictions,
    labeled: w.labeled,
    drift: w.drift as unknown as DriftReport,
    driftShare: w.driftShare,
    datasetDrift: w.datasetDrift,
    predictionDrift: w.predictionDrift as unknown as ColumnDrift,
    meanScore: w.meanScore,
    realized: w.realized as unknown as RealizedPerformance | null,
    estimated: w.estimated as unknown as EstimatedPerformance,
  };
}

/** The champion's windows of one kind, or why there are none. */
export async function loadMonitoring(db: Db, kind: WindowKind, model = CHURN_MODEL): Promise<MonitoringState> {
  const version = await getAlias({ db, name: model, alias: 'champion' });
  if (version === null) return { model, state: 'no_champion' };
  const [predictions, rows, ref] = await Promise.all([
    loggedPredictions({ db, modelName: model, modelVersion: version }),
    listWindows({ db, modelName: model, modelVersion: version, kind }),
    getReference({ db, modelName: model, modelVersion: version }),
  ]);
  if (predictions === 0) return { model, state: 'no_predictions', version };
  const reference: ReferenceSummary | null = ref && {
    source: ref.source,
    rows: ref.rows,
    threshold: ref.threshold,
    performance: ref.performance,
    meanScore: profileMean(ref.scoreProfile as unknown as Parameters<typeof profileMean>[0]),
  };
  if (!rows.length) return { model, state: 'no_windows', version, predictions, kind, reference };
  const windows = rows.map(toView);
  return { model, state: 'ready', version, predictions, kind, reference, windows, features: featureOrder(windows, FEATURE_NAMES) };
}

export interface MonitoringExtras {
  events: WorldEvent[];
  alerts: Awaited<ReturnType<typeof openAlertsSummary>>;
}

export async function loadMonitoringExtras(db: Db, model = CHURN_MODEL): Promise<MonitoringExtras> {
  const [events, alerts] = await Promise.all([worldEvents({ db }), openAlertsSummary({ db, modelName: model })]);
  return { events, alerts };
}

export interface FeatureHistograms {
  reference: DisplayHistogram | null;
  /** windowKey → the window's histogram on the reference's bins. */
  windows: Record<string, DisplayHistogram>;
}

/** The reference histogram (the reference drawn on its own bins) and each window's, for one feature. */
export async function loadFeatureHistograms(db: Db, model: string, version: number, kind: WindowKind, feature: string): Promise<FeatureHistograms | null> {
  const ref = await getReference({ db, modelName: model, modelVersion: version });
  const profile = ref?.profiles[feature];
  if (!profile) return null;
  const rows = await featureHistograms({ db, modelName: model, modelVersion: version, kind, feature });
  const windows: Record<string, DisplayHistogram> = {};
  for (const r of rows) if (r.histogram) windows[windowKey(kind, r.start.toISOString())] = r.histogram;
  return { reference: displayHistogram(profile, profile), windows };
}

/** Whether the champion's reference knows this feature (the feature page 404s otherwise). */
export async function referenceFeatures(db: Db, model = CHURN_MODEL): Promise<string[] | null> {
  const version = await getAlias({ db, name: model, alias: 'champion' });
  if (version === null) return null;
  const ref = await getReference({ db, modelName: model, modelVersion: version });
  return ref ? Object.keys(ref.profiles) : null;
}
