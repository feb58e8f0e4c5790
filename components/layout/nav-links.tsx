'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function NavLinks({ areas, compact = false }: { areas: { href: string; label: string }[]; compact?: boolean }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/'));
  return (
    <nav aria-label="Main" className={compact ? 'flex flex-wrap gap-1' : 'flex flex-col gap-0.5 px-3'}>
      {areas.map((a) => (
        <Link
          key={a.href}
          href={a.href}
          aria-current={isActive(a.href) ? 'page' : undefined}
          className={
            'rounded-md px-3 py-2 text-sm font-medium ' +
            (isActive(a.href) ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900')
          }
        >
          {a.label}
        </Link>
      ))}
    </nav>
  );
}
