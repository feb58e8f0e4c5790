import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/fairness/print-button';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/db/client';
import { getAlias } from '@/db/queries/registry';
import { requirePage } from '@/lib/auth/guard';
import { buildModelCard } from '@/lib/fairness/model-card';
import { CHURN_MODEL, SERVED_ALIAS } from '@/lib/ml/model-names';

export const metadata: Metadata = { title: 'Model card' };
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A printable model card (Mitchell et al. sections) with the fairness decision, per-group results and CIs. */
export default async function ModelCardPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePage('/fairness');
  const sp = await searchParams;
  const db = await getDb();
  const name = one(sp.name) ?? CHURN_MODEL;
  const version = Number(one(sp.version)) || (await getAlias({ db, name, alias: SERVED_ALIAS }));
  if (!version) return <EmptyState title="No model version">Register a model version first.</EmptyState>;
  const card = await buildModelCard(db, name, version).catch((e: Error) => e);
  if (card instanceof Error) return <EmptyState title="No model card">{card.message}</EmptyState>;
  return (
    <article className="mx-auto max-w-4xl rounded-xl border border-slate-200 bg-white p-8 shadow-sm print:border-0 print:p-0 print:shadow-none" aria-label="Model card">
      <header className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-ink">{card.title}</h1>
          <p className="mt-1 text-xs text-slate-500">Generated {card.generatedAt.slice(0, 16).replace('T', ' ')} UTC · sections after Mitchell et al., “Model Cards for Model Reporting” (2019)</p>
        </div>
        <div className="flex gap-2 print:hidden">
          <Link href={`/fairness?version=${version}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50">
            Fairness audit
          </Link>
          <a href={`/api/v1/fairness/models/${encodeURIComponent(name)}/versions/${version}/model-card?format=markdown`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50" download>
            Download Markdown
          </a>
          <PrintButton />
        </div>
      </header>
      {card.sections.map((s) => (
        <section key={s.id} className="mb-6 break-inside-avoid" aria-label={s.title}>
          <h2 className="mb-2 border-b border-slate-200 pb-1 text-base font-semibold text-slate-900">{s.title}</h2>
          {s.paragraphs.map((p, i) => (
            <p key={i} className="mb-2 text-sm leading-relaxed text-slate-700">
              {p}
            </p>
          ))}
          {s.bullets && (
            <ul className="mb-2 list-disc pl-5 text-sm text-slate-700">
              {s.bullets.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          )}
          {s.table && (
            <div className="overflow-x-auto">
              <table className="w-full text-xs" aria-label={s.table.caption}>
                <caption className="mb-1 text-left text-slate-500">{s.table.caption}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-slate-500">
                    {s.table.columns.map((c) => (
                      <th key={c} className="py-1.5 pr-3 font-medium">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.table.rows.map((r) => (
                    <tr key={r[0]} className="border-b border-slate-100">
                      {r.map((c, i) => (
                        <td key={i} className="py-1.5 pr-3 tabular-nums">
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </article>
  );
}
