'use client';

// Finds a customer by id (Enter submits; matching ids are suggested as you type) and hands their newest snapshot to
// the form. Or start from the model's example record, or an empty form, to enter a customer by hand.
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { buttonCls, inputCls, primaryCls } from '@/components/tracking/bits';
import { scoreApi } from '@/lib/score/api';
import { normalizeCustomerId } from '@/lib/score/form';
import type { CustomerLookup as Customer } from '@/lib/score/schema';
import { ApiClientError } from '@/lib/ui/api-client';
import { formatMonth } from '@/lib/ui/format';

export function CustomerLookup({
  customer,
  onLoaded,
  onExample,
  onClear,
  busy,
}: {
  customer: Customer | null;
  onLoaded: (c: Customer) => void;
  onExample: () => void;
  onClear: () => void;
  busy: boolean;
}) {
  const ids = { input: useId(), list: useId(), error: useId(), hint: useId() };
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const typed = useDeferredValue(normalizeCustomerId(text));
  const suggestions = useQuery({
    queryKey: ['customer-ids', typed],
    queryFn: () => scoreApi.searchIds(typed),
    enabled: typed.length >= 2 && typed.length < 20,
    staleTime: 60_000,
  });

  async function lookUp(e: React.FormEvent) {
    e.preventDefault();
    const id = normalizeCustomerId(text);
    if (!id) {
      setError('Enter a customer id, e.g. C0000123');
      return;
    }
    setError(null);
    setLoading(true);
    try {
      const c = await scoreApi.customer(id);
      setText(c.customer_id);
      onLoaded(c);
    } catch (err) {
      setError(err instanceof ApiClientError ? err.message : 'The lookup failed; try again.');
    } finally {
      setLoading(false);
    }
  }

  return (
    <section aria-label="Find a customer" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <form onSubmit={lookUp} className="flex flex-wrap items-end gap-3" role="search" aria-label="Customer lookup">
        <div className="min-w-56">
          <label htmlFor={ids.input} className="block text-sm font-medium text-slate-700">
            Customer ID
          </label>
          <input
            id={ids.input}
            list={ids.list}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="C0000123"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${ids.hint}${error ? ` ${ids.error}` : ''}`}
            className={`${inputCls} mt-1 w-56 font-mono focus-visible:ring-2`}
          />
          <datalist id={ids.list}>
            {(suggestions.data?.customer_ids ?? []).map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </div>
        <button type="submit" className={primaryCls + ' focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'} disabled={loading || busy}>
          {loading ? 'Looking up…' : 'Look up'}
        </button>
        <span className="text-sm text-slate-400">or</span>
        <button type="button" className={buttonCls + ' focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'} onClick={onExample} disabled={busy}>
          Start from an example
        </button>
        <button type="button" className={buttonCls + ' focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'} onClick={() => { setText(''); setError(null); onClear(); }} disabled={busy}>
          Clear the form
        </button>
      </form>
      <p id={ids.hint} className="mt-1 text-xs text-slate-500">
        Press Enter to fill the form from the customer&apos;s newest monthly snapshot and score it. A number alone is padded (123 → C0000123).
      </p>
      {error && (
        <p id={ids.error} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      {customer && !error && (
        <p className="mt-2 text-sm text-slate-700" data-testid="customer-summary">
          <span className="font-mono font-semibold">{customer.customer_id}</span> · snapshot of {formatMonth(customer.month)} · customer since {formatMonth(customer.signup_month)} ·{' '}
          <span className="text-slate-500">
            {customer.demographics.region} region, age {customer.demographics.age_band}, {customer.demographics.gender} (shown for context; not model inputs)
          </span>
        </p>
      )}
    </section>
  );
}
