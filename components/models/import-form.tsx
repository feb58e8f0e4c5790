'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';
import { buttonCls, inputCls, primaryCls } from '@/components/tracking/bits';
import { Card } from '@/components/ui/card';
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { EXAMPLE_EXPORT_PY, EXAMPLE_MANIFEST_TEXT } from './import-example';
import { ImportResult, type ImportFailure, type ImportSuccess } from './import-result';
import { versionHref } from './model-links';

const fileCls = 'mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-slate-50';

export const IMPORT_URL = '/api/v1/registry/models/import';

/** Which form field a server-side problem belongs to, from the path the server reports. */
export function fieldOf(path: string | undefined): 'model' | 'manifest' | 'name' | 'description' | 'alias' | null {
  if (!path) return null;
  const head = path.replace(/^\//, '').split(/[./[]/)[0];
  if (head === 'model' || head === 'onnx' || head === 'file') return 'model';
  if (head === 'name' || head === 'description' || head === 'alias') return head;
  return 'manifest';
}

const FIELD_LABEL: Record<NonNullable<ReturnType<typeof fieldOf>>, string> = {
  model: 'the ONNX model file',
  manifest: 'the manifest',
  name: 'the model name',
  description: 'the description',
  alias: 'the challenger option',
};

async function submitImport(form: FormData): Promise<ImportSuccess> {
  const res = await fetch(IMPORT_URL, { method: 'POST', body: form });
  const data = await res.json().catch(() => null);
  if (res.ok) return data as ImportSuccess;
  const err = data?.error ?? {};
  const message =
    err.message ?? (res.status === 413 ? 'The upload is too large for the server. Check that the file is the exported .onnx model and not a dataset.' : `The import failed (${res.status}).`);
  throw { status: res.status, code: err.code, message, details: Array.isArray(err.details) ? err.details : [] } satisfies ImportFailure;
}

/**
 * Registers an ONNX model exported elsewhere (skl2onnx, …) with its manifest. The server loads and smoke-tests it;
 * its answer — success or what to fix — is shown here, and the form keeps everything typed so a fix is one edit.
 */
export function ImportForm() {
  const ids = { model: useId(), manifestFile: useId(), manifest: useId(), name: useId(), description: useId(), alias: useId() };
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [manifest, setManifest] = useState('');
  const [manifestSource, setManifestSource] = useState<string | null>(null);
  const [name, setName] = useState(CHURN_MODEL);
  const [description, setDescription] = useState('');
  const [challenger, setChallenger] = useState(false);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ImportSuccess | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const local = !file ? 'Choose the .onnx file to import.' : !manifest.trim() ? 'Add the manifest: choose its file or paste the JSON.' : !name.trim() ? 'Name the registered model.' : null;
  const [showLocal, setShowLocal] = useState(false);
  const badFields = new Set(failure?.details.map((d) => fieldOf(d.path)).filter(Boolean));
  if (failure && failure.details.length === 0 && /onnx|zipmap|graph|model file/i.test(failure.message)) badFields.add('model');
  const fieldErrors = (f: string) => failure?.details.filter((d) => fieldOf(d.path) === f) ?? [];

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setShowLocal(true);
    if (local || !file) return;
    const form = new FormData();
    form.set('model', file, file.name);
    form.set('manifest', manifest);
    form.set('name', name.trim());
    form.set('description', description);
    form.set('alias', challenger ? 'challenger' : '');
    setPending(true);
    setResult(null);
    setFailure(null);
    try {
      const r = await submitImport(form);
      setResult(r);
      void qc.invalidateQueries({ queryKey: ['model-versions'] });
      void qc.invalidateQueries({ queryKey: ['registered-models'] });
    } catch (err) {
      setFailure(
        typeof err === 'object' && err && 'message' in err && 'details' in err
          ? (err as ImportFailure)
          : { status: 0, message: `Could not reach the server: ${(err as Error).message}`, details: [] },
      );
    } finally {
      setPending(false);
    }
  }

  async function loadManifestFile(f: File | undefined) {
    if (!f) return;
    setManifest(await f.text());
    setManifestSource(f.name);
  }

  const errorList = (f: string) =>
    fieldErrors(f).map((d, i) => (
      <span key={i} className="mt-1 block text-xs text-red-700">
        {d.path && d.path !== f ? <code className="mr-1">{d.path}</code> : null}
        {d.message}
      </span>
    ));

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form noValidate onSubmit={onSubmit} className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-label="Import a model">
        {failure && (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
            <p className="font-semibold">{failure.status === 413 ? 'File too large' : 'The model was not imported'}</p>
            <p className="mt-1">{failure.message}</p>
            {failure.details.length > 0 && (
              <ul className="mt-2 space-y-0.5 text-xs">
                {failure.details.map((d, i) => (
                  <li key={i}>
                    Check <strong>{FIELD_LABEL[fieldOf(d.path) ?? 'manifest']}</strong>
                    {d.path && d.path !== fieldOf(d.path) && <code className="ml-1 rounded bg-red-100 px-1">{d.path}</code>}
                    {d.message !== failure.message && `: ${d.message}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div>
          <label htmlFor={ids.model} className="block text-sm font-medium text-slate-700">
            ONNX model file
          </label>
          <input
            id={ids.model}
            type="file"
            accept=".onnx,application/octet-stream"
            aria-invalid={badFields.has('model') || (showLocal && !file)}
            className={fileCls}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <span className="mt-1 block text-xs text-slate-500">A binary classifier whose probabilities output is a tensor [N, 2] (export with zipmap=False).</span>
          {errorList('model')}
        </div>
        <div>
          <span className="block text-sm font-medium text-slate-700">Manifest</span>
          <label htmlFor={ids.manifestFile} className="mt-1 block text-xs text-slate-600">
            Manifest file (optional: or paste below)
          </label>
          <input id={ids.manifestFile} type="file" accept=".json,application/json" className={fileCls} onChange={(e) => void loadManifestFile(e.target.files?.[0])} />
          <label htmlFor={ids.manifest} className="mt-3 block text-xs text-slate-600">
            Manifest JSON{manifestSource ? ` (loaded from ${manifestSource}; edits are kept)` : ''}
          </label>
          <textarea
            id={ids.manifest}
            rows={12}
            spellCheck={false}
            aria-invalid={badFields.has('manifest') || (showLocal && !manifest.trim())}
            className={inputCls + ' mt-1 block w-full font-mono text-xs'}
            placeholder='{"schema_version": 1, "features": [...], "input": {...}, "reference_rows": [...]}'
            value={manifest}
            onChange={(e) => setManifest(e.target.value)}
          />
          {errorList('manifest')}
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <div>
            <label htmlFor={ids.name} className="block text-sm font-medium text-slate-700">
              Registered model name
            </label>
            <input id={ids.name} className={inputCls + ' mt-1 block w-full'} value={name} aria-invalid={badFields.has('name')} onChange={(e) => setName(e.target.value)} />
            {errorList('name')}
          </div>
          <div>
            <label htmlFor={ids.description} className="block text-sm font-medium text-slate-700">
              Description
            </label>
            <input id={ids.description} className={inputCls + ' mt-1 block w-full'} value={description} placeholder="e.g. notebook HGB, features v3" onChange={(e) => setDescription(e.target.value)} />
            {errorList('description')}
          </div>
        </div>
        <label htmlFor={ids.alias} className="flex items-center gap-2 text-sm text-slate-700">
          <input id={ids.alias} type="checkbox" checked={challenger} onChange={(e) => setChallenger(e.target.checked)} />
          Set as challenger (serving keeps following @champion; compare the two before promoting)
        </label>
        {errorList('alias')}
        {showLocal && local && (
          <p role="alert" className="text-sm text-red-700">
            {local}
          </p>
        )}
        <div className="flex items-center gap-3">
          <button type="submit" className={primaryCls} disabled={pending}>
            {pending ? 'Importing…' : 'Import model'}
          </button>
          {pending && <span className="text-xs text-slate-500">The server loads the model and scores the reference rows…</span>}
        </div>
        {result && <ImportResult result={result} href={versionHref(result.model_version.name, result.model_version.version)} />}
      </form>
      <Card title="Example manifest (skl2onnx)" subtitle="Features in the order of the graph's input columns; categoricals as their code (index in categories) for a tensor input.">
        <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-700">{EXAMPLE_MANIFEST_TEXT}</pre>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <button type="button" className={buttonCls} onClick={() => setManifest(EXAMPLE_MANIFEST_TEXT)}>
            Copy into the manifest field
          </button>
        </div>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-slate-600">
          <li>
            <code>input</code>: <code>{'{"kind": "tensor", "name": "float_input"}'}</code> for one float matrix, or <code>{'{"kind": "columns"}'}</code> for a pipeline
            with one input per feature (categoricals as strings).
          </li>
          <li>
            <code>probabilities_output</code>: the output whose column 1 is P(churn).
          </li>
          <li>
            <code>reference_rows</code>: a few customer records that must score; the import smoke-tests them.
          </li>
        </ul>
        <p className="mt-3 text-xs font-medium text-slate-500">Export</p>
        <pre className="mt-1 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs text-slate-700">{EXAMPLE_EXPORT_PY}</pre>
        <p className="mt-2 text-xs text-slate-500">
          After the import, <Link href="/models" className="text-brand-700 hover:underline">the registry</Link> lists the new version; imported versions carry no test-set evaluation.
        </p>
      </Card>
    </div>
  );
}
