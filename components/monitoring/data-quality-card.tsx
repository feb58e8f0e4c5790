import Link from 'next/link';
import type { NullChange } from '@/lib/monitoring/views';

/** Features whose share of missing values moved by more than 5 points against the reference, per window. */
export function DataQualityList({ items, limit = 8 }: { items: NullChange[]; limit?: number }) {
  if (!items.length) {
    return <p className="text-sm text-emerald-700">No feature&apos;s null share moved more than 5 points from the reference in these windows.</p>;
  }
  return (
    <div>
      <table className="w-full text-left text-sm" aria-label="Null share changes">
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 font-medium">Feature</th>
            <th scope="col" className="py-1 font-medium">Window</th>
            <th scope="col" className="py-1 text-right font-medium">Reference</th>
            <th scope="col" className="py-1 text-right font-medium">Window</th>
            <th scope="col" className="py-1 text-right font-medium">Change</th>
          </tr>
        </thead>
        <tbody>
          {items.slice(0, limit).map((n) => (
            <tr key={`${n.feature}-${n.window}`} className="border-t border-slate-100">
              <th scope="row" className="py-1.5 font-normal">
                <Link href={`/monitoring/features/${encodeURIComponent(n.feature)}`} className="font-mono text-[13px] text-brand-700 hover:underline">
                  {n.feature}
                </Link>
              </th>
              <td className="py-1.5">{n.windowTitle}</td>
              <td className="py-1.5 text-right tabular-nums">{(n.reference * 100).toFixed(1)}%</td>
              <td className="py-1.5 text-right font-semibold tabular-nums text-red-700">{(n.current * 100).toFixed(1)}%</td>
              <td className="py-1.5 text-right tabular-nums">
                {n.change > 0 ? '+' : '−'}
                {(Math.abs(n.change) * 100).toFixed(1)} pts
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > limit && <p className="mt-2 text-xs text-slate-500">and {items.length - limit} more.</p>}
    </div>
  );
}
