'use client';

// Retraining runs on the monitoring page: what triggered each, its progress while it trains, the months it trained
// on, and champion vs challenger on the newest labelled month — with a link to the new registry version, where a
// data scientist promotes it (or not). "Retrain now" starts a run by hand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';
import { versionHref } from '@/components/models/model-links';
import { buttonCls, ErrorNote, inputCls, LoadingBlock, primaryCls } from '@/components/tracking/bits';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { hasRole, type Role } from '@/lib/auth/roles';
import type { RetrainingRunView } from '@/lib/monitoring/retrain-schema';
import type { VersionScore } from '@/lib/monitoring/retrain-compare';
import { apiFetch } from '@/lib/ui/api-client';
import { formatInt, formatMonth } from '@/lib/ui/format';

type Dates = 'created_at' | 'started_at' | 'finished_at';
/** A run as the browser gets it (dates as ISO strings). */
export type RetrainingRun = Omit<RetrainingRunView, Dates> & { created_at: string; started_at: string | null; finished_at: string | null };

export const RETRAINING_URL = '/api/v1/monitoring/retraining';
export const retrainingKey = ['monitoring', 'retraining'] as const;
const isActive = (s: RetrainingRun['status']) => s === 'queued' || s === 'running';

/** The runs, re-read every 2 s while one is queued or running. */
export function useRetrainingRuns() {
  return useQuery({
    queryKey: retrainingKey,
    queryFn: () => apiFetch<{ runs: RetrainingRun[] }>(`${RETRAINING_URL}?limit=20`),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isActive(r.status)) ? 2000 : false),
  });
}

const STATUS: Record<RetrainingRun['status'], { label: string; cls: string; bar: string }> = {
  queued: { label: 'Queued', cls: 'bg-slate-50 text-slate-600 ring-slate-200', bar: 'bg-slate-400' },
  running: { label: 'Training', cls: 'bg-blue-50 text-blue-700 ring-blue-200', bar: 'bg-brand-600' },
  succeeded: { label: 'Finished', cls: 'bg-emerald-50 text-emerald-700 ring-emerald-200', bar: 'bg-emerald-500' },
  failed: { label: 'Failed', cls: 'bg-red-50 text-red-700 ring-red-200', bar: 'bg-red-500' },
};
const dateFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const linkCls = 'text-sm text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

function Progress({ run }: { run: RetrainingRun }) {
  const pct = Math.round(run.progress * 100);
  const text = run.status === 'queued' ? 'Waiting to start' : `${pct}%${run.progress < 0.12 ? ' · reading labelled data' : run.progress < 0.8 ? ' · training' : run.progress < 0.95 ? ' · registering and comparing' : ''}`;
  return (
    <div className="min-w-48">
      <div role="progressbar" aria-label="Retraining progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={text} className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full transition-[width] duration-500 ${STATUS[run.status].bar}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600">{text}</p>
    </div>
  );
}

function Trigger({ run }: { run: RetrainingRun }) {
  if (run.trigger === 'policy') return <>Policy{run.rule?.name ? ` “${run.rule.name}”` : ''}{run.auto_promote ? ' (may auto-promote)' : ''}</>;
  return <>Started by hand{run.requested_by ? ` by ${run.requested_by}` : ''}</>;
}

function Months({ run }: { run: RetrainingRun }) {
  const d = run.data;
  if (!d?.months) return null;
  const m = d.months;
  const range = m.train.length === 1 ? formatMonth(m.train[0]!) : `${formatMonth(m.train[0]!)} – ${formatMonth(m.train.at(-1)!)}`;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600">
      <dt className="text-slate-500">Trained on</dt>
      <dd>
        {range} ({m.train.length} month{m.train.length === 1 ? '' : 's'}{d.rows ? `, ${formatInt(d.rows.train)} rows` : ''})
      </dd>
      <dt className="text-slate-500">Calibrated on</dt>
      <dd>
        {formatMonth(m.valid)}
        {d.rows ? ` (${formatInt(d.rows.valid)} rows)` : ''}
      </dd>
      <dt className="text-slate-500">Compared on</dt>
      <dd>
        {formatMonth(m.test)}
        {d.rows ? ` (${formatInt(d.rows.test)} rows)` : ''}
      </dd>
      {d.skipped_months && d.skipped_months.length > 0 && (
        <>
          <dt className="text-slate-500">Skipped</dt>
          <dd>{d.skipped_months.map((s) => `${formatMonth(s.month)}: ${s.reason}`).join('; ')}</dd>
        </>
      )}
    </dl>
  );
}

const METRICS: { key: keyof VersionScore; label: string; higherIsBetter: boolean | null; fmt: (v: number) => string }[] = [
  { key: 'auc', label: 'AUC', higherIsBetter: true, fmt: (v) => v.toFixed(4) },
  { key: 'log_loss', label: 'Log loss', higherIsBetter: false, fmt: (v) => v.toFixed(4) },
  { key: 'brier', label: 'Brier score', higherIsBetter: false, fmt: (v) => v.toFixed(4) },
  { key: 'precision', label: 'Precision at its threshold', higherIsBetter: true, fmt: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'recall', label: 'Recall at its threshold', higherIsBetter: true, fmt: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'f1', label: 'F1', higherIsBetter: true, fmt: (v) => v.toFixed(3) },
  { key: 'threshold', label: 'Threshold', higherIsBetter: null, fmt: (v) => v.toFixed(4) },
  { key: 'flagged', label: 'Customers flagged', higherIsBetter: null, fmt: formatInt },
];

function Comparison({ run }: { run: RetrainingRun }) {
  const c = run.comparison;
  if (!c) return null;
  const w = c.window;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[28rem] text-left text-sm">
        <caption className="mb-1 text-left text-xs text-slate-500">
          Champion vs challenger on {formatMonth(w.month)}: {formatInt(w.rows)} labelled customers, {formatInt(w.positives)} churned ({(w.base_rate * 100).toFixed(1)}%). Each model at its own threshold, scored as served.
        </caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-2 py-1.5">Metric</th>
            <th scope="col" className="px-2 py-1.5 text-right">Champion v{c.champion.version}</th>
            <th scope="col" className="px-2 py-1.5 text-right">Challenger v{c.challenger.version}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {METRICS.map((m) => {
            const a = c.champion[m.key] as number | null;
            const b = c.challenger[m.key] as number | null;
            const better = m.higherIsBetter === null || a === null || b === null || a === b ? null : (b > a) === m.higherIsBetter ? 'challenger' : 'champion';
            const cell = (v: number | null, side: 'champion' | 'challenger') => (
              <td className={'px-2 py-1.5 text-right ' + (better === side ? 'font-semibold text-emerald-700' : 'text-slate-700')}>
                {v === null ? '—' : m.fmt(v)}
                {better === side && <span className="sr-only"> (better)</span>}
              </td>
            );
            return (
              <tr key={m.key}>
                <th scope="row" className="px-2 py-1.5 font-normal text-slate-600">{m.label}</th>
                {cell(a, 'champion')}
                {cell(b, 'challenger')}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RunItem({ run }: { run: RetrainingRun }) {
  const s = STATUS[run.status];
  const note = run.data?.promotion?.note;
  return (
    <li className="space-y-3 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className={'inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ' + s.cls}>{s.label}</span>
            {run.promoted && <span className="inline-flex rounded bg-emerald-600 px-1.5 py-0.5 text-xs font-medium text-white">Promoted to champion</span>}
            <span className="font-medium text-ink">
              <Trigger run={run} />
            </span>
          </p>
          <p className="text-sm text-slate-700">{run.reason}</p>
          <p className="text-xs text-slate-500">
            {dateFmt.format(new Date(run.created_at))} · {run.model.name} from v{run.model.base_version}
            {run.finished_at && run.started_at ? ` · took ${Math.max(1, Math.round((Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000))} s` : ''}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {run.model.new_version !== null && (
            <Link href={versionHref(run.model.name, run.model.new_version)} className={linkCls}>
              Challenger v{run.model.new_version}
            </Link>
          )}
          {run.run_id && (
            <Link href={`/experiments/runs/${encodeURIComponent(run.run_id)}`} className={linkCls}>
              Training run
            </Link>
          )}
        </div>
      </div>
      {isActive(run.status) && <Progress run={run} />}
      {run.error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{run.error}</p>}
      <Months run={run} />
      <Comparison run={run} />
      {note && <p className={'text-sm ' + (run.promoted ? 'text-emerald-700' : 'text-slate-600')}>{note}</p>}
    </li>
  );
}

function RetrainNow({ onDone }: { onDone: () => void }) {
  const qc = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const start = useMutation({
    mutationFn: (body: { reason: string }) => apiFetch<{ run: RetrainingRun }>(RETRAINING_URL, { method: 'POST', body }),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      onDone();
      void qc.invalidateQueries({ queryKey: retrainingKey });
    },
  });
  if (!open) {
    return (
      <button type="button" className={primaryCls} onClick={() => setOpen(true)}>
        Retrain now
      </button>
    );
  }
  const valid = reason.trim().length >= 5;
  return (
    <form
      className="flex w-full flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) start.mutate({ reason: reason.trim() });
      }}
    >
      <label htmlFor={`${id}-reason`} className="text-sm font-medium text-slate-700">
        Why retrain now?
      </label>
      <textarea id={`${id}-reason`} className={inputCls} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${id}-help`} />
      <p id={`${id}-help`} className="text-xs text-slate-500">
        Trains the champion&apos;s configuration on the latest labelled months and registers the result as @challenger. It is not promoted automatically.
      </p>
      {start.isError && <ErrorNote>{start.error.message}</ErrorNote>}
      <div className="flex gap-2">
        <button type="submit" className={primaryCls} disabled={!valid || start.isPending}>
          {start.isPending ? 'Starting…' : 'Start retraining'}
        </button>
        <button type="button" className={buttonCls} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Retraining runs, newest first. `canRetrain` shows "Retrain now"; left out, the panel asks /api/v1/me (data
 * scientists and admins may start one — the API refuses everyone else whatever the page shows).
 */
export function RetrainingPanel({ canRetrain }: { canRetrain?: boolean } = {}) {
  const runs = useRetrainingRuns();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => apiFetch<{ principal: { kind: string; role?: Role } | null }>('/api/v1/me'),
    enabled: canRetrain === undefined,
    staleTime: 60_000,
  });
  const [started, setStarted] = useState(false);
  const allowed = canRetrain ?? (me.data?.principal?.kind === 'user' && hasRole(me.data.principal.role, 'data_scientist'));
  const busy = runs.data?.runs.some((r) => isActive(r.status)) ?? false;

  return (
    <Card title="Retraining" subtitle="Runs started by retraining policies or by hand: the champion's configuration trained on the latest labelled months, registered as @challenger and compared with the champion on the newest month.">
      <div className="space-y-4">
        {allowed && (
          <div className="flex flex-wrap items-center gap-3">
            {busy ? <p className="text-sm text-slate-500">A retraining is in progress; another can start when it finishes.</p> : <RetrainNow onDone={() => setStarted(true)} />}
            {started && !busy && (
              <p role="status" className="text-sm text-emerald-700">
                Retraining queued.
              </p>
            )}
          </div>
        )}
        {runs.isPending ? (
          <LoadingBlock label="Loading retraining runs…" height="h-24" />
        ) : runs.isError ? (
          <ErrorNote title="Could not load the retraining runs">{runs.error.message}</ErrorNote>
        ) : runs.data.runs.length === 0 ? (
          <EmptyState title="No retraining yet">A retraining policy (an alert rule set to retrain) starts one when it fires{allowed ? ', or start one now' : ''}.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {runs.data.runs.map((r) => (
              <RunItem key={r.id} run={r} />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
