export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl text-sm text-slate-500">{children}</div>
    </div>
  );
}
