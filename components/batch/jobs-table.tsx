'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { buttonCls, ErrorNote, LoadingBlock } from '@/components/tracking/bits';
import { EmptyState } from '@/components/ui/empty-state';
import { formatEta, STATUS_LABEL } from '@/lib/batch/format';
import type { RowIssueView } from '@/lib/batch/service';
import { apiFetch } from '@/lib/ui/api-client';
import { formatInt } from '@/lib/ui/format';
import { batchJobsKey, useBatchJobs, type BatchJob } from './use-batch-jobs';

const STATUS_STYLE: Record<BatchJob['status'], string> = {
  queued: 'bg-slate-50 text-slate-600 ring-slate-200',
  running: 'bg-blue-50 text-blue-700 ring-blue-200',
  succeeded: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  failed: 'bg-red-50 text-red-700 ring-red-200',
  cancelled: 'bg-amber-50 text-amber-800 ring-amber-200',
};
const linkCls = 'text-sm text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';
const dateFmt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

function Progress({ job }: { job: BatchJob }) {
  const total = job.total_rows ?? 0;
  const pct = Math.round(job.progress * 100);
  const eta = formatEta(job.eta_seconds);
  const text = `${formatInt(job.rows_done)} of ${formatInt(total)} rows (${pct}%)${eta ? `, about ${eta} left` : ''}`;
  const bar = job.status === 'failed' ? 'bg-red-500' : job.status === 'cancelled' ? 'bg-amber-500' : job.status === 'succeeded' ? 'bg-emerald-500' : 'bg-brand-600';
  return (
    <div className="min-w-48">
      <div role="progressbar" aria-label={`Progress of ${job.file_name}`} aria-valuemin={0} aria-valuemax={total} aria-valuenow={job.rows_done} aria-valuetext={text} className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full transition-[width] duration-500 ${bar}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600">{text}</p>
    </div>
  );
}

function InvalidRows({ job }: { job: BatchJob }) {
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: ['batch-job', job.id, job.invalid_rows],
    queryFn: () => apiFetch<{ job: { invalid_rows_sample: RowIssueView[] } }>(`/api/v1/batch-jobs/${job.id}`),
    enabled: open,
  });
  if (job.invalid_rows === 0) return <span className="text-xs text-slate-400">none</span>;
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} className="text-xs">
      <summary className="cursor-pointer select-none text-red-700">{formatInt(job.invalid_rows)} invalid</summary>
      {q.isPending && open && <p className="mt-1 text-slate-400">Loading…</p>}
      {q.data && (
        <ul className="mt-1 max-w-md space-y-0.5 text-slate-700">
          {q.data.job.invalid_rows_sample.map((r, i) => (
            <li key={i}>
              Line {r.line}
              {r.customer_id ? ` (${r.customer_id})` : ''}: <code>{r.field}</code> {r.message}
            </li>
          ))}
          {job.invalid_rows > q.data.job.invalid_rows_sample.length && <li className="text-slate-500">… the full list is in the errors download.</li>}
        </ul>
      )}
    </details>
  );
}

/** Every batch job, newest first, with live progress while one runs, downloads when done and retry when it failed. */
export function JobsTable() {
  const qc = useQueryClient();
  const jobs = useBatchJobs();
  const [actionError, setActionError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'cancel' }) => apiFetch(`/api/v1/batch-jobs/${id}/${action}`, { method: 'POST' }),
    onSuccess: () => (setActionError(null), qc.invalidateQueries({ queryKey: batchJobsKey })),
    onError: (e: Error) => setActionError(e.message),
  });
  if (jobs.isPending) return <LoadingBlock label="Loading batch jobs…" />;
  if (jobs.isError) return <ErrorNote title="Could not load the batch jobs">{jobs.error.message}</ErrorNote>;
  if (jobs.data.jobs.length === 0) return <EmptyState title="No batch jobs yet">Upload a CSV above; each file becomes a job that scores in the background.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      {actionError && (
        <p role="alert" className="m-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {actionError}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Batch scoring jobs, newest first</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">File</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Progress</th>
            <th scope="col" className="px-3 py-2">Invalid rows</th>
            <th scope="col" className="px-3 py-2">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.data.jobs.map((job) => (
            <tr key={job.id} className="align-top">
              <td className="px-3 py-2">
                <p className="font-medium text-ink">{job.file_name}</p>
                <p className="text-xs text-slate-500">
                  {dateFmt.format(new Date(job.created_at))}
                  {job.created_by ? ` · ${job.created_by}` : ''} · {job.model.name} v{job.model.version}
                </p>
              </td>
              <td className="px-3 py-2">
                <span className={'inline-flex rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ' + STATUS_STYLE[job.status]}>{STATUS_LABEL[job.status]}</span>
                {job.error && <p className="mt-1 max-w-xs text-xs text-red-700">{job.error}</p>}
              </td>
              <td className="px-3 py-2">
                <Progress job={job} />
              </td>
              <td className="px-3 py-2">
                <InvalidRows job={job} />
              </td>
              <td className="px-3 py-2">
                <div className="flex flex-wrap items-center gap-3">
                  {job.links.result && (
                    <a href={job.links.result} download className={linkCls}>
                      Download results<span className="sr-only"> of {job.file_name}</span>
                    </a>
                  )}
                  {job.links.errors && (
                    <a href={job.links.errors} download className={linkCls}>
                      Invalid rows (CSV)<span className="sr-only"> of {job.file_name}</span>
                    </a>
                  )}
                  {job.links.retry && (
                    <button type="button" className={buttonCls} disabled={act.isPending} onClick={() => act.mutate({ id: job.id, action: 'retry' })}>
                      Retry<span className="sr-only"> {job.file_name}</span>
                    </button>
                  )}
                  {(job.status === 'queued' || job.status === 'running') && (
                    <button type="button" className={buttonCls} disabled={act.isPending} onClick={() => act.mutate({ id: job.id, action: 'cancel' })}>
                      Cancel<span className="sr-only"> {job.file_name}</span>
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
