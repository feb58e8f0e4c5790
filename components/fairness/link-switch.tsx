import Link from 'next/link';

/** A segmented control made of links (the choice lives in the URL, so views can be shared and the back button works). */
export function LinkSwitch({ label, options, current, href }: { label: string; options: { value: string; label: string }[]; current: string; href: (value: string) => string }) {
  return (
    <nav aria-label={label} className="inline-flex flex-wrap rounded-lg border border-slate-300 bg-white p-0.5 text-xs shadow-sm">
      {options.map((o) => (
        <Link
          key={o.value}
          href={href(o.value)}
          scroll={false}
          aria-current={o.value === current ? 'page' : undefined}
          className={'rounded-md px-2.5 py-1 ' + (o.value === current ? 'bg-brand-600 font-semibold text-white' : 'text-slate-600 hover:bg-slate-100')}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}
