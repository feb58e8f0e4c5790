'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useId, useMemo, useState } from 'react';
import { AliasDialog } from '@/components/registry/alias-dialog';
import { Chip, ErrorNote, inputCls, LoadingBlock, primaryCls } from '@/components/tracking/bits';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { runColor } from '@/lib/ui/run-colors';
import { useLiveSearchParams, useSearchParamsWriter } from '@/lib/ui/use-url-state';
import type { ModelVersion } from '@/lib/ui/tracking-types';
import { CalibrationChart } from './calibration-chart';
import { CompareMetrics } from './compare-metrics';
import { CurveChart } from './curve-chart';
import { splitCharts } from './eval-data';
import { ImportanceChart } from './importance-chart';
import { aliasTone, modelHref, versionHref } from './model-links';
import { aliasQueryKeys, useModelVersions, useVersionReport } from './use-model-data';

const COLOR_A = runColor(0);
const COLOR_B = runColor(1);

function VersionPicker({ label, value, versions, onChange }: { label: string; value: string | null; versions: ModelVersion[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <span className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-600">
        {label}
      </label>
      <select id={id} className={inputCls} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {!value && <option value="">choose…</option>}
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
            {v.aliases?.length ? ` (@${v.aliases.join(', @')})` : ''}
          </option>
        ))}
      </select>
    </span>
  );
}

function VersionTitle({ name, version, aliases, color }: { name: string; version: string; aliases: string[]; color: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="h-3 w-3 rounded-full" style={{ background: color }} aria-hidden />
      <Link href={versionHref(name, version)} className="font-semibold text-brand-700 hover:underline">
        v{version}
      </Link>
      {aliases.map((a) => (
        <Chip key={a} tone={aliasTone(a)}>
          @{a}
        </Chip>
      ))}
    </span>
  );
}

/** Two versions of a model side by side (by default the champion and the challenger), and promotion of the better one. */
export function VersionCompare({ name, canPromote }: { name: string; canPromote: boolean }) {
  const qc = useQueryClient();
  const params = useLiveSearchParams();
  const write = useSearchParamsWriter();
  const { versions, aliases, isPending, error } = useModelVersions(name);
  const champion = aliases.get('champion');
  const challenger = aliases.get('challenger');
  const a = params.get('a') || champion || null;
  const b = params.get('b') || challenger || null;
  const [promoting, setPromoting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Pin the defaults in the address bar once known: a promotion then changes the chips, not the versions on screen.
  useEffect(() => {
    if (isPending || (params.get('a') && params.get('b'))) return;
    if (!a && !b) return;
    write((cur) => {
      const next = new URLSearchParams(cur);
      if (a) next.set('a', a);
      if (b) next.set('b', b);
      return next;
    });
  }, [isPending, a, b, params, write]);

  const ra = useVersionReport(name, a);
  const rb = useVersionReport(name, b);
  const ea = ra.data?.evaluation ?? null;
  const eb = rb.data?.evaluation ?? null;
  const ca = useMemo(() => (ea ? splitCharts(ea.splits.test) : null), [ea]);
  const cb = useMemo(() => (eb ? splitCharts(eb.splits.test) : null), [eb]);
  const aliasesOf = (v: string) => [...aliases].filter(([, ver]) => ver === v).map(([al]) => al);

  if (isPending) return <LoadingBlock label="Loading versions…" height="h-96" />;
  if (error)
    return (
      <>
        <PageHeader title={`${name}: compare versions`} />
        <ErrorNote title="Could not load this model">{error.message}</ErrorNote>
      </>
    );

  const set = (key: 'a' | 'b') => (v: string) => write((cur) => (cur.set(key, v), cur));
  const candidate = canPromote ? ([b, a].find((v) => v && v !== champion) ?? null) : null;
  const labelA = a ? `v${a}` : 'A';
  const labelB = b ? `v${b}` : 'B';
  const missing = [!champion && '@champion', !challenger && '@challenger'].filter(Boolean) as string[];
  const xMax = Math.max(0, ...[ea, eb].flatMap((e) => e?.importance.map((i) => i.mean_abs_shap) ?? []));
  const done = (message: string) => {
    setPromoting(null);
    setNotice(message);
    void Promise.all(aliasQueryKeys(name).map((queryKey) => qc.invalidateQueries({ queryKey })));
  };

  return (
    <>
      <PageHeader title={`${name}: champion vs challenger`} description="Two versions on the same test month: which ranks churners better, whose scores are better calibrated, and what each relies on.">
        <Link href={modelHref(name)} className="text-sm text-brand-700 hover:underline">
          ← {name}
        </Link>
      </PageHeader>
      {notice && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      )}
      {missing.length > 0 && (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {name} has no {missing.join(' or ')} alias{missing.length > 1 ? 'es' : ''} yet. Pick the versions to compare below.
        </p>
      )}
      <div className="mb-6 flex flex-wrap items-center gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <VersionPicker label="Version A" value={a} versions={versions} onChange={set('a')} />
        <VersionPicker label="Version B" value={b} versions={versions} onChange={set('b')} />
        {candidate && (
          <button type="button" className={primaryCls + ' ml-auto'} onClick={() => setPromoting(candidate)}>
            Promote v{candidate} to champion
          </button>
        )}
        {!canPromote && <span className="ml-auto text-xs text-slate-500">Promotions need the data scientist role.</span>}
      </div>
      {!a || !b ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500">Choose two versions to compare.</p>
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            {[
              { v: a, q: ra, color: COLOR_A },
              { v: b, q: rb, color: COLOR_B },
            ].map(({ v, q, color }, i) => (
              <section key={i} aria-label={`Version ${i === 0 ? 'A' : 'B'}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <VersionTitle name={name} version={v} aliases={aliasesOf(v)} color={color} />
                <p className="mt-1 text-sm text-slate-600">{q.data?.description || q.data?.manifest?.description || (q.isPending ? 'Loading…' : '')}</p>
                {q.isError && <ErrorNote>{q.error.message}</ErrorNote>}
                {q.data?.note && <p className="mt-2 rounded bg-slate-50 px-3 py-2 text-xs text-slate-600">{q.data.note}</p>}
              </section>
            ))}
          </div>
          <Card title="Metrics" subtitle="Each version at its own stored threshold; the better value of each row is marked.">
            <CompareMetrics a={ea} b={eb} labelA={labelA} labelB={labelB} />
          </Card>
          {ca && cb ? (
            <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
              <Card title="ROC curves (test)" subtitle="The curve further to the top left ranks churners above stayers more often.">
                <CurveChart
                  testId="compare-roc-chart"
                  series={[
                    { name: labelA, color: COLOR_A, points: ca.roc },
                    { name: labelB, color: COLOR_B, points: cb.roc },
                  ]}
                  xLabel="False positive rate"
                  yLabel="True positive rate"
                  reference={{ kind: 'diagonal' }}
                />
              </Card>
              <Card title="Calibration (test)" subtitle="The version whose dots sit closer to the diagonal gives scores that read as probabilities.">
                <CalibrationChart
                  testId="compare-calibration-chart"
                  series={[
                    { name: labelA, color: COLOR_A, bins: ca.calibration },
                    { name: labelB, color: COLOR_B, bins: cb.calibration },
                  ]}
                />
              </Card>
            </div>
          ) : (
            (ra.data || rb.data) && <p className="text-sm text-slate-500">Curves need an evaluation on both sides; {!ea ? labelA : labelB} has none.</p>
          )}
          <Card title="Global importance" subtitle="Mean |SHAP| per feature, both in version A's order and on the same scale, so a feature that matters more to one version stands out.">
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
              {[
                { e: ea, label: labelA, color: COLOR_A, id: 'importance-a-chart' },
                { e: eb, label: labelB, color: COLOR_B, id: 'importance-b-chart' },
              ].map(({ e, label, color, id }) => (
                <div key={id}>
                  <p className="mb-1 text-xs font-medium text-slate-500">{label}</p>
                  {e ? <ImportanceChart testId={id} series={[{ name: label, color, values: e.importance }]} order={ea?.importance.map((x) => x.feature)} xMax={xMax || undefined} /> : <p className="text-sm text-slate-400">No importance stored.</p>}
                </div>
              ))}
            </div>
          </Card>
        </div>
      )}
      {promoting && (
        <AliasDialog model={name} action={{ kind: 'promote', version: promoting, alias: 'champion' }} versions={versions} aliases={aliases} onClose={() => setPromoting(null)} onDone={done} />
      )}
    </>
  );
}
