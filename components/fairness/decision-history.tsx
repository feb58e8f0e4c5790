// Every revision of the model's fairness decision record, newest first: who chose what, when, on which version's
// evidence, whether it held then, and the rationale. The newest is the one the promotion gate enforces.
import Link from 'next/link';
import { CRITERION_INFO } from '@/lib/fairness/criteria';
import type { Criterion } from '@/lib/fairness/types';

export interface HistoryEntry {
  revision: number;
  model_version: number;
  criterion: string;
  convention: string;
  tolerance: Record<string, unknown>;
  attributes: string[];
  rationale: string;
  rejected: { criterion: string; why: string }[];
  created_by: string;
  created_at: string;
  holds: boolean | null;
}

const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export function DecisionHistory({ entries, name }: { entries: HistoryEntry[]; name: string }) {
  if (!entries.length) return <p className="text-sm text-slate-500">No decision recorded yet. Until one is, promotions are not checked for fairness.</p>;
  return (
    <ol className="space-y-3" aria-label="Decision records">
      {entries.map((e, i) => (
        <li key={e.revision} className="rounded-lg border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="font-semibold text-slate-900">#{e.revision}</span>
            <span className="font-medium">{CRITERION_INFO[e.criterion as Criterion]?.label ?? e.criterion}</span>
            <span className="text-xs text-slate-500">
              {e.convention.replaceAll('_', ' ')} · {e.tolerance.kind === 'ratio' ? `${e.tolerance.lower}–${e.tolerance.upper}` : `±${e.tolerance.max}`} · on {e.attributes.join(', ')}
            </span>
            {i === 0 && <span className="rounded bg-brand-50 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-brand-700">enforced</span>}
            {e.holds !== null && <span className={'text-xs font-medium ' + (e.holds ? 'text-emerald-700' : 'text-red-700')}>{e.holds ? 'held on' : 'violated on'} v{e.model_version}</span>}
            <span className="ml-auto text-xs text-slate-500">
              {e.created_by} · {when.format(new Date(e.created_at))} UTC ·{' '}
              <Link className="text-brand-700 hover:underline" href={`/fairness/model-card?name=${encodeURIComponent(name)}&version=${e.model_version}`}>
                model card v{e.model_version}
              </Link>
            </span>
          </div>
          <p className="mt-1 text-slate-700">{e.rationale}</p>
          {e.rejected.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
              {e.rejected.map((r) => (
                <li key={r.criterion}>
                  Not {CRITERION_INFO[r.criterion as Criterion]?.label ?? r.criterion}: {r.why}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
