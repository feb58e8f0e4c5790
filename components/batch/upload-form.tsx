'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { primaryCls } from '@/components/tracking/bits';
import { BATCH_JOBS_URL, batchJobsKey } from './use-batch-jobs';

const fileCls = 'mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-slate-50';

interface Failure {
  status: number;
  message: string;
  details: { column?: string; message: string }[];
}

/** XHR rather than fetch: a 100 MB file takes a while, and only XHR reports upload progress. */
function upload(file: File, onProgress: (fraction: number) => void): Promise<{ job: { id: string } }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BATCH_JOBS_URL);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = xhr.response as { job?: { id: string }; error?: { message?: string; details?: unknown } } | null;
      if (xhr.status === 202 && body?.job) return resolve(body as { job: { id: string } });
      const details = Array.isArray(body?.error?.details) ? (body!.error!.details as Failure['details']) : [];
      const message = body?.error?.message ?? (xhr.status === 413 ? 'The file is too large for the server.' : `The upload failed (${xhr.status}).`);
      reject({ status: xhr.status, message, details } satisfies Failure);
    };
    xhr.onerror = () => reject({ status: 0, message: 'Could not reach the server.', details: [] } satisfies Failure);
    const form = new FormData();
    form.set('file', file, file.name);
    xhr.send(form);
  });
}

/** Picks a CSV and starts a batch job; the server's refusal (columns, size, type) is shown with what to fix. */
export function UploadForm({ features }: { features: string[] | null }) {
  const id = useId();
  const hintId = useId();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [started, setStarted] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setStarted(null);
    if (!file) {
      setFailure({ status: 0, message: 'Choose a CSV file first.', details: [] });
      input.current?.focus();
      return;
    }
    setFailure(null);
    setProgress(0);
    try {
      await upload(file, setProgress);
      setStarted(file.name);
      setFile(null);
      if (input.current) input.current.value = '';
      await qc.invalidateQueries({ queryKey: batchJobsKey });
    } catch (err) {
      setFailure(err as Failure);
    } finally {
      setProgress(null);
    }
  }

  const uploading = progress !== null;
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Upload a CSV to score" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Customers file (CSV)
        </label>
        <input
          ref={input}
          id={id}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={hintId}
          aria-invalid={failure !== null}
          className={fileCls}
          onChange={(e) => (setFile(e.target.files?.[0] ?? null), setFailure(null), setStarted(null))}
        />
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          Up to 1,000,000 rows. The header needs every feature of the served model{features ? ` (${features.length} columns)` : ''}, and may add <code>customer_id</code>. Empty cells
          are missing values; booleans are <code>true</code>/<code>false</code>. Rows that fail validation are listed with their line numbers, not dropped.
        </p>
        {features && (
          <details className="mt-2 text-xs text-slate-600">
            <summary className="cursor-pointer select-none text-brand-700">Show the expected header</summary>
            <code className="mt-1 block break-all rounded bg-slate-50 p-2">{['customer_id', ...features].join(',')}</code>
          </details>
        )}
      </div>
      {failure && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-semibold">{failure.status === 413 ? 'File too large' : failure.status === 415 ? 'Not a CSV file' : 'The file was not accepted'}</p>
          <p className="mt-1">{failure.message}</p>
          {failure.details.some((d) => d.column) && (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-xs">
              {failure.details
                .filter((d) => d.column)
                .map((d, i) => (
                  <li key={i}>
                    <code className="rounded bg-red-100 px-1">{d.column}</code> {d.message}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
      {started && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {started} was accepted and is queued. Its progress is in the table below.
        </p>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryCls} disabled={uploading}>
          {uploading ? 'Uploading…' : 'Upload and score'}
        </button>
        {uploading && (
          <progress className="h-2 w-48" max={1} value={progress ?? 0} aria-label="Upload progress">
            {Math.round((progress ?? 0) * 100)}%
          </progress>
        )}
      </div>
    </form>
  );
}
