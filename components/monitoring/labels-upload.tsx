'use client';
// Ground truth from a CSV file: POST /api/v1/labels as text/csv. Labels are upserted (sending a row again replaces
// its outcome) and folded into the windows by the next monitoring pass.
import { useId, useRef, useState } from 'react';
import { primaryCls } from '@/components/tracking/bits';

const fileCls = 'mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-slate-50';

interface Result {
  received: number;
  inserted: number;
  updated: number;
}
interface Failure {
  message: string;
  details: { path?: string; message: string }[];
}

export function LabelsUpload({ example }: { example?: { customerId: string; month: string } | null }) {
  const id = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setResult(null);
    if (!file) {
      setFailure({ message: 'Choose a CSV file first.', details: [] });
      input.current?.focus();
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      const res = await fetch('/api/v1/labels', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file });
      const body = (await res.json().catch(() => null)) as (Result & { error?: { message?: string; details?: unknown } }) | null;
      if (res.ok && body && typeof body.received === 'number') {
        setResult({ received: body.received, inserted: body.inserted, updated: body.updated });
      } else {
        const details = Array.isArray(body?.error?.details) ? (body!.error!.details as Failure['details']) : [];
        setFailure({ message: body?.error?.message ?? `The upload failed (HTTP ${res.status}).`, details });
      }
    } catch {
      setFailure({ message: 'Could not reach the server.', details: [] });
    } finally {
      setBusy(false);
    }
  }

  const sample = example ? `customer_id,month,churned\n${example.customerId},${example.month.slice(0, 7)},true` : 'customer_id,month,churned\nC0000123,2026-09,true';
  return (
    <form noValidate onSubmit={onSubmit} aria-label="Upload churn labels" className="space-y-3">
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Labels file (CSV)
        </label>
        <input
          ref={input}
          id={id}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={hintId}
          aria-invalid={failure !== null}
          className={fileCls}
          onChange={(e) => (setFile(e.target.files?.[0] ?? null), setFailure(null), setResult(null))}
        />
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          Columns <code>customer_id,month,churned</code> (the month the customer was scored in, <code>YYYY-MM</code>) or <code>request_id,row_index,churned</code> (the
          scoring request&apos;s id and row). <code>churned</code> is <code>true</code>/<code>false</code> or 1/0. Up to 100,000 rows; a row sent again replaces its outcome.
        </p>
        <details className="mt-1 text-xs text-slate-600">
          <summary className="cursor-pointer select-none text-brand-700">Show an example file</summary>
          <pre className="mt-1 rounded bg-slate-50 p-2">{sample}</pre>
        </details>
      </div>
      {failure && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p className="font-semibold">The labels were not accepted</p>
          <p className="mt-0.5">{failure.message}</p>
          {failure.details.length > 0 && (
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
              {failure.details.slice(0, 10).map((d, i) => (
                <li key={i}>
                  {d.path && <code className="rounded bg-red-100 px-1">{d.path}</code>} {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          <p className="font-semibold">Labels stored</p>
          <dl className="mt-1 flex gap-6">
            <div>
              <dt className="text-xs">Received</dt>
              <dd className="font-semibold tabular-nums">{result.received.toLocaleString('en-US')}</dd>
            </div>
            <div>
              <dt className="text-xs">Inserted</dt>
              <dd className="font-semibold tabular-nums">{result.inserted.toLocaleString('en-US')}</dd>
            </div>
            <div>
              <dt className="text-xs">Updated</dt>
              <dd className="font-semibold tabular-nums">{result.updated.toLocaleString('en-US')}</dd>
            </div>
          </dl>
          <p className="mt-1 text-xs">The monitoring pass folds them into the windows within a minute; reload to see realized performance change.</p>
        </div>
      )}
      <button type="submit" className={primaryCls} disabled={busy}>
        {busy ? 'Uploading…' : 'Upload labels'}
      </button>
    </form>
  );
}
