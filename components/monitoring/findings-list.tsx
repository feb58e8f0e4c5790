import Link from 'next/link';
import type { Finding } from '@/lib/monitoring/findings';

const TONES: Record<Finding['tone'], { box: string; dot: string; label: string }> = {
  alert: { box: 'border-red-200 bg-red-50', dot: 'bg-red-600', label: 'Needs attention' },
  warn: { box: 'border-amber-200 bg-amber-50', dot: 'bg-amber-500', label: 'Drift' },
  info: { box: 'border-slate-200 bg-slate-50', dot: 'bg-slate-400', label: 'Note' },
  ok: { box: 'border-emerald-200 bg-emerald-50', dot: 'bg-emerald-500', label: 'OK' },
};

/** "What we found": sentences built from the stored windows, most urgent first. */
export function FindingsList({ items }: { items: Finding[] }) {
  if (!items.length) return <p className="text-sm text-slate-500">Nothing to report for these windows.</p>;
  const order: Finding['tone'][] = ['alert', 'warn', 'info', 'ok'];
  const sorted = [...items].sort((a, b) => order.indexOf(a.tone) - order.indexOf(b.tone));
  return (
    <ul className="grid grid-cols-1 gap-2 lg:grid-cols-2" aria-label="What we found">
      {sorted.map((f, i) => (
        <li key={i} className={'flex gap-3 rounded-lg border px-3 py-2 text-sm text-slate-800 ' + TONES[f.tone].box}>
          <span aria-hidden className={'mt-1.5 inline-block h-2 w-2 shrink-0 rounded-full ' + TONES[f.tone].dot} />
          <p>
            <span className="sr-only">{TONES[f.tone].label}: </span>
            {f.text}
            {f.href && (
              <>
                {' '}
                <Link href={f.href} className="whitespace-nowrap text-brand-700 hover:underline">
                  Open {f.subject}
                </Link>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
