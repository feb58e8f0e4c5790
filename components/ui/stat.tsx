export function Stat({ label, value, hint, trend }: { label: string; value: string; hint?: string; trend?: { text: string; good: boolean } }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-2 text-2xl font-semibold tabular-nums text-ink">{value}</p>
      <div className="mt-1 flex flex-wrap gap-x-2 text-xs">
        {trend && <span className={trend.good ? 'text-emerald-600' : 'text-red-600'}>{trend.text}</span>}
        {hint && <span className="text-slate-500">{hint}</span>}
      </div>
    </div>
  );
}
