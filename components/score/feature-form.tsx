// Every feature of the served model as a labelled control: text inputs for numbers (so any typed text can be checked
// and named), selects for categories, checkboxes for true/false. In what-if mode a field that differs from the base
// is highlighted and says what it was.
import { fieldHint, fieldLabel, parseField, type FeatureInfo, type FieldErrors, type FieldValue, type FormValues } from '@/lib/score/form';
import { formatFeatureValue } from '@/lib/score/reasons';

const controlCls =
  'mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-1';

export function fieldId(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}

function wasText(f: FeatureInfo, base: FieldValue | undefined): string {
  const p = parseField(f, base);
  return p.ok ? formatFeatureValue(f, p.value) : String(base ?? '');
}

function FeatureField({
  f,
  value,
  error,
  base,
  changed,
  idPrefix,
  onChange,
}: {
  f: FeatureInfo;
  value: FieldValue | undefined;
  error?: string;
  base?: FieldValue;
  changed: boolean;
  idPrefix: string;
  onChange: (name: string, v: FieldValue) => void;
}) {
  const id = fieldId(idPrefix, f.name);
  const hint = fieldHint(f);
  const describedBy = [f.description && `${id}-desc`, hint && `${id}-hint`, changed && `${id}-was`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  const border = error ? 'border-red-500' : changed ? 'border-amber-500 bg-amber-50' : 'border-slate-300';
  const label = fieldLabel(f);
  return (
    <div className={`rounded-lg p-2 ${changed ? 'bg-amber-50 ring-1 ring-amber-300' : ''}`} data-changed={changed || undefined}>
      {f.type === 'boolean' ? (
        <div className="flex items-start gap-2 pt-5">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(f.name, e.target.checked)}
            aria-describedby={describedBy}
            className="mt-0.5 h-4 w-4 rounded border-slate-400 text-brand-600 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-1"
          />
          <label htmlFor={id} className="text-sm font-medium text-slate-700" title={f.description}>
            {label}
          </label>
        </div>
      ) : (
        <>
          <label htmlFor={id} className="block text-sm font-medium text-slate-700" title={f.description}>
            {label}
          </label>
          {f.type === 'categorical' ? (
            <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(f.name, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${controlCls} ${border}`}>
              <option value="">{f.nullable ? 'Unknown' : 'Choose…'}</option>
              {(f.categories ?? []).map((c) => (
                <option key={c} value={c}>
                  {c.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(f.name, e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              placeholder={f.nullable ? 'unknown' : undefined}
              className={`${controlCls} ${border} tabular-nums`}
            />
          )}
        </>
      )}
      {f.description && (
        <span id={`${id}-desc`} className="sr-only">
          {f.description}
        </span>
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {changed && base !== undefined && (
        <p id={`${id}-was`} className="mt-0.5 text-xs font-medium text-amber-800">
          Changed — base: {wasText(f, base)}
        </p>
      )}
      {error && (
        <p id={`${id}-err`} className="mt-0.5 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function FeatureForm({
  features,
  values,
  errors,
  base,
  changed,
  idPrefix,
  onChange,
}: {
  features: FeatureInfo[];
  values: FormValues;
  errors: FieldErrors;
  /** What-if mode: the base values the changes are compared with. */
  base?: FormValues;
  changed: ReadonlySet<string>;
  idPrefix: string;
  onChange: (name: string, v: FieldValue) => void;
}) {
  return (
    <div className="grid grid-cols-1 gap-x-2 gap-y-1 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-4">
      {features.map((f) => (
        <FeatureField key={f.name} f={f} value={values[f.name]} error={errors[f.name]} base={base?.[f.name]} changed={changed.has(f.name)} idPrefix={idPrefix} onChange={onChange} />
      ))}
    </div>
  );
}
