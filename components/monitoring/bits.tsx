// Small pieces shared by the alert panels.
import { SEVERITY_STYLE } from './use-alerts';

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={'inline-flex rounded px-1.5 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ' + (SEVERITY_STYLE[severity] ?? SEVERITY_STYLE.info)}>{severity}</span>;
}

const STATUS_STYLE: Record<string, string> = {
  open: 'bg-red-50 text-red-700 ring-red-200',
  acknowledged: 'bg-amber-50 text-amber-800 ring-amber-200',
  resolved: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  pending: 'bg-blue-50 text-blue-700 ring-blue-200',
  delivered: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  failed: 'bg-red-50 text-red-700 ring-red-200',
};

export function StateBadge({ state }: { state: string }) {
  return <span className={'inline-flex rounded px-1.5 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ' + (STATUS_STYLE[state] ?? STATUS_STYLE.pending)}>{state}</span>;
}

/** The API's validation messages for a form, field by field. */
export function FormError({ error }: { error: Error | null }) {
  if (!error) return null;
  const details = (error as Error & { details?: { path: string; message: string }[] }).details;
  return (
    <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {Array.isArray(details) && details.length ? (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.path.replace(/^body\./, '')}</code> {d.message}
            </li>
          ))}
        </ul>
      ) : (
        error.message
      )}
    </div>
  );
}

/** A labelled form control; the label points at the control by id (a wrapping label would name a select by its options too). */
export function Field({ id, label, className = '', children }: { id: string; label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <div className="mt-1">{children}</div>
    </div>
  );
}
