// The registry page's logic: which version each alias points at, what a rollback can go back to, the reason rule,
// and the alias history read from audit entries.
import type { ModelVersion, RegisteredModel } from './tracking-types';

export const SUGGESTED_ALIASES = ['champion', 'challenger'] as const;
export const MIN_REASON = 5;
const ALIAS_RE = /^[\w-]+$/;

/** Alias → version, from the model's alias list and each version's own list (either may be missing). */
export function aliasMap(model: RegisteredModel | undefined, versions: readonly ModelVersion[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const v of versions) for (const a of v.aliases ?? []) m.set(a, String(v.version));
  for (const a of model?.aliases ?? []) m.set(a.alias, String(a.version));
  return new Map([...m.entries()].sort(([a], [b]) => aliasRank(a) - aliasRank(b) || a.localeCompare(b)));
}

function aliasRank(a: string): number {
  const i = (SUGGESTED_ALIASES as readonly string[]).indexOf(a);
  return i < 0 ? SUGGESTED_ALIASES.length : i;
}

/** Versions newest first (by number, not text: v10 after v9). */
export function sortVersions(versions: readonly ModelVersion[]): ModelVersion[] {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version));
}

/** Versions an alias can be rolled back to: those older than the one it points at, newest first. */
export function rollbackCandidates(versions: readonly ModelVersion[], current: string | undefined): ModelVersion[] {
  const cur = Number(current);
  return sortVersions(versions).filter((v) => Number.isFinite(cur) && Number(v.version) < cur);
}

/** null when the reason is acceptable, else what to fix. */
export function reasonProblem(reason: string): string | null {
  const n = reason.trim().length;
  if (n === 0) return 'A reason is required: it is kept in the audit log.';
  if (n < MIN_REASON) return `Give a reason of at least ${MIN_REASON} characters.`;
  return null;
}

export function aliasProblem(alias: string): string | null {
  const a = alias.trim();
  if (!a) return 'Choose or type an alias.';
  if (!ALIAS_RE.test(a)) return 'Aliases may only contain letters, digits, underscores and dashes.';
  if (/^latest$/i.test(a) || /^v\d+$/i.test(a)) return `'${a}' is reserved.`;
  return null;
}

export interface AuditEntryLike {
  id: number;
  at: string;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

export interface AliasEvent {
  id: number;
  at: string;
  who: string;
  kind: 'set' | 'rollback' | 'delete';
  alias: string;
  from: string | null;
  to: string | null;
  reason: string;
}

const KIND: Record<string, AliasEvent['kind']> = { 'registry.alias_set': 'set', 'registry.alias_rollback': 'rollback', 'registry.alias_delete': 'delete' };
export const ALIAS_AUDIT_ACTIONS = Object.keys(KIND);

/** The alias changes of one model, newest first, from audit entries of any action. */
export function aliasHistory(entries: readonly AuditEntryLike[], model: string): AliasEvent[] {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return entries
    .filter((e) => KIND[e.action] && e.targetId === model)
    .map((e) => ({
      id: e.id,
      at: e.at,
      who: e.actorLabel ?? 'system',
      kind: KIND[e.action]!,
      alias: str(e.details?.alias) ?? '?',
      from: str(e.details?.from_version),
      to: str(e.details?.to_version),
      reason: str(e.details?.reason) ?? '',
    }))
    .sort((a, b) => b.id - a.id);
}

/** A version's headline metric as the versions table shows it: ECE in percentage points, EMP in dollars per customer, the rest to three decimals. */
export function formatVersionMetric(key: string, value: number): string {
  if (key.endsWith('_ece')) return `${(value * 100).toFixed(1)} pp`;
  // EMP is small (cents to a few dollars per scored customer): two decimals keep models apart, "/cust." says per what.
  if (key.endsWith('_emp')) return `${value < 0 ? '−' : ''}$${Math.abs(value).toFixed(2)}/cust.`;
  return value.toFixed(3);
}
