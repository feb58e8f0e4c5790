'use client';
// One slot of a slide: what it shows (a product object or free text), that kind's parameters, and whether it is live
// (re-resolved whenever shown or exported) or frozen (a snapshot of the numbers at a date, for a board pack that must
// not change after the meeting). A frozen block's content is locked: unfreeze to change it.
import { inputCls } from '@/components/tracking/bits';
import { FEATURE_NAMES } from '@/lib/data/features';
import { BLOCK_KINDS, BLOCK_LABELS, type Block, type BlockKind } from '@/lib/decks/types';
import { formatSnapshotDate } from '@/lib/decks/view';
import { ATTRIBUTE_LABELS, METRIC_LABELS } from '@/lib/fairness/views';

const ATTRIBUTES = ['age_band', 'gender', 'region'];
const DISPARITY_METRICS = ['fpr', 'tpr', 'selection_rate', 'precision', 'fnr'];
const TEXT_HELP = 'Paragraphs are separated by a blank line; lines starting with "- " become bullets.';

export function BlockPicker({
  slot,
  label,
  block,
  onKind,
  onParams,
  onMode,
}: {
  slot: number;
  /** Where the slot sits on the slide ("Chart", "Left chart", …). */
  label: string;
  block: Block | undefined;
  onKind: (kind: BlockKind) => void;
  onParams: (patch: Block['params']) => void;
  onMode: (mode: Block['mode']) => void;
}) {
  const n = slot + 1;
  const frozen = block?.mode === 'frozen';
  const str = (k: string, fallback: string) => (typeof block?.params[k] === 'string' ? (block.params[k] as string) : fallback);
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-3">
      <legend className="px-1 text-xs font-semibold text-slate-700">Block {n}</legend>
      <p className="-mt-1 mb-2 text-[11px] text-slate-500">{label}</p>
      <div className="space-y-2">
        <label className="block text-xs text-slate-600">
          Content
          <select aria-label={`Block ${n} content`} className={inputCls + ' mt-1 block w-full'} value={block?.kind ?? ''} disabled={frozen} onChange={(e) => onKind(e.target.value as BlockKind)}>
            {!block && <option value="">Choose…</option>}
            {BLOCK_KINDS.map((k) => (
              <option key={k} value={k}>
                {BLOCK_LABELS[k]}
              </option>
            ))}
          </select>
        </label>

        {block?.kind === 'feature_drift' && (
          <label className="block text-xs text-slate-600">
            Feature
            <select aria-label={`Block ${n} feature`} className={inputCls + ' mt-1 block w-full'} value={str('feature', 'monthly_charge')} disabled={frozen} onChange={(e) => onParams({ feature: e.target.value })}>
              {FEATURE_NAMES.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        )}

        {(block?.kind === 'fairness_table' || block?.kind === 'fairness_disparity') && (
          <div className="grid grid-cols-2 gap-2">
            <label className="block text-xs text-slate-600">
              Attribute
              <select aria-label={`Block ${n} attribute`} className={inputCls + ' mt-1 block w-full'} value={str('attribute', 'age_band')} disabled={frozen} onChange={(e) => onParams({ attribute: e.target.value })}>
                {ATTRIBUTES.map((a) => (
                  <option key={a} value={a}>
                    {ATTRIBUTE_LABELS[a]}
                  </option>
                ))}
              </select>
            </label>
            {block.kind === 'fairness_disparity' && (
              <label className="block text-xs text-slate-600">
                Metric
                <select aria-label={`Block ${n} metric`} className={inputCls + ' mt-1 block w-full'} value={str('metric', 'fpr')} disabled={frozen} onChange={(e) => onParams({ metric: e.target.value })}>
                  {DISPARITY_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {METRIC_LABELS[m] ?? m}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}

        {block?.kind === 'text' && (
          <label className="block text-xs text-slate-600">
            Text
            <textarea aria-label={`Block ${n} text`} aria-describedby={`block-${n}-text-help`} rows={6} maxLength={5000} className={inputCls + ' mt-1 block w-full font-normal'} value={str('text', '')} disabled={frozen} onChange={(e) => onParams({ text: e.target.value })} />
            <span id={`block-${n}-text-help`} className="mt-1 block text-[11px] text-slate-500">
              {TEXT_HELP}
            </span>
          </label>
        )}

        {block && (
          <div className="flex flex-wrap items-center gap-3">
            <div role="radiogroup" aria-label={`Block ${n} mode`} className="inline-flex rounded-md border border-slate-300 p-0.5 text-xs">
              {(['live', 'frozen'] as const).map((m) => (
                <label key={m} className={'cursor-pointer rounded px-2.5 py-1 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ' + (block.mode === m ? 'bg-brand-600 font-semibold text-white' : 'text-slate-600 hover:bg-slate-100')}>
                  <input type="radio" className="sr-only" name={`block-${block.id}-mode`} value={m} checked={block.mode === m} onChange={() => onMode(m)} />
                  {m === 'live' ? 'Live' : 'Frozen'}
                </label>
              ))}
            </div>
            <span className="text-xs text-slate-500" data-testid={`block-${n}-freshness`}>
              {block.mode === 'live' ? 'Resolved from the current data whenever shown' : block.snapshot ? `Frozen at ${formatSnapshotDate(block.snapshot.at)}` : 'Freezing…'}
            </span>
          </div>
        )}
      </div>
    </fieldset>
  );
}
