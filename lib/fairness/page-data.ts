// Everything the fairness page shows for one model version, loaded on the server: the audit (as served: at the
// version's active threshold policy, if any) with bootstrap CIs, the decision records with whether each held, the
// gate's current verdict, the fairness tree's suggestion, and the impossibility panel's numbers.
import type { Db } from '@/db/client';
import { activePolicy, labelledMonths, listDecisions, versionsWithAliases } from '@/db/queries/fairness';
import { ApiError } from '@/lib/api/errors';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';
import { decisionJson } from './api';
import { suggestCriterion, type Metrics } from './criteria';
import type { AuditGroupRow } from './criterion-groups';
import { checkGate } from './gate';
import { chouldechova, kleinbergText } from './impossibility';
import { auditVersion, type VersionAudit } from './version-audit';
import { AUDITED_ATTRIBUTES } from './schemas';

export const PAGE_BOOTSTRAP = 200;

export type PanelGroup = AuditGroupRow & Metrics;

export type FairnessPage =
  | { state: 'no_model'; name: string }
  | { state: 'no_data'; name: string; version: number; versions: { version: number; aliases: string[] }[]; months: string[]; message: string }
  | Awaited<ReturnType<typeof loadReady>>;

/** Every audited attribute's groups (rates and confusion counts), for the browser's live criterion preview. */
export function panelGroups(audit: VersionAudit): { groups: Record<string, Record<string, PanelGroup>>; overall: Metrics } {
  const groups: Record<string, Record<string, PanelGroup>> = {};
  for (const a of AUDITED_ATTRIBUTES) if (a.split('&').length < 3) groups[a] = audit.by_group[a] as unknown as Record<string, PanelGroup>;
  return { groups, overall: audit.overall as unknown as Metrics };
}

async function loadReady(db: Db, name: string, version: number, versions: { version: number; aliases: string[] }[], audit: VersionAudit, attr: string) {
  const [decisions, gate, policy, months] = await Promise.all([
    listDecisions({ db, modelName: name }),
    checkGate(db, name, version),
    activePolicy({ db, modelName: name, modelVersion: version }),
    labelledMonths({ db, modelName: name, modelVersion: version }),
  ]);
  const single = attr.includes('&') ? 'age_band' : attr;
  const groups = Object.entries(audit.by_group[single] ?? {}).map(([group, g]) => ({ group, count: g.count, base_rate: num(g, 'base_rate'), precision: num(g, 'precision'), fnr: num(g, 'fnr'), fpr: num(g, 'fpr') }));
  const overall = audit.overall as unknown as Record<string, unknown>;
  return {
    state: 'ready' as const,
    name,
    version,
    versions,
    months,
    audit,
    attr,
    impossibilityAttr: single,
    policy,
    gate,
    decisions: decisions.map((d) => {
      const j = decisionJson(d);
      const ev = (d.evidence as { evaluations?: Record<string, { pass: boolean }> }).evaluations;
      return { ...j, holds: ev ? Object.values(ev).every((e) => e.pass) : null };
    }),
    suggestion: suggestCriterion({ intervention: 'assistive', reach: 'small_fraction' }),
    chouldechova: chouldechova(groups, { precision: num(overall, 'precision'), fnr: num(overall, 'fnr') }),
    kleinberg: kleinbergText(groups, { auc: num(overall, 'auc') }),
    ...panelGroups(audit),
  };
}

const num = (o: unknown, k: string): number | null => {
  const v = (o as Record<string, unknown>)[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export async function loadFairnessPage(db: Db, opts: { version?: number; attr?: string; month?: string; name?: string }): Promise<FairnessPage> {
  const name = opts.name ?? CHURN_MODEL;
  const versions = await versionsWithAliases({ db, modelName: name });
  if (!versions.length) return { state: 'no_model', name };
  const version = opts.version && versions.some((v) => v.version === opts.version) ? opts.version : (versions.find((v) => v.aliases.includes(SERVED_ALIAS)) ?? versions[0]!).version;
  const attr = opts.attr && (AUDITED_ATTRIBUTES as readonly string[]).includes(opts.attr) ? opts.attr : 'age_band';
  let audit: VersionAudit;
  try {
    audit = await auditVersion(db, name, version, { bootstrap: PAGE_BOOTSTRAP, seed: 7, month: opts.month, applyPolicy: true });
  } catch (e) {
    if (e instanceof ApiError) return { state: 'no_data', name, version, versions, months: await labelledMonths({ db, modelName: name, modelVersion: version }), message: e.message };
    throw e;
  }
  return loadReady(db, name, version, versions, audit, attr);
}
