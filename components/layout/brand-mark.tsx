/** The product's mark and name, as the navigation and the public docs header show it. */
export function BrandMark() {
  return (
    <div className="flex items-center gap-2">
      <div className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">S</div>
      <div>
        <p className="text-sm font-semibold leading-tight text-ink">StreamFlow</p>
        <p className="text-xs leading-tight text-slate-500">Churn platform</p>
      </div>
    </div>
  );
}
