'use client';

// The scoring form's state: the values being edited, their errors, the looked-up customer, the last score, and the
// what-if mode (which keeps the scored record as the base and edits a copy of it).
import { useState } from 'react';
import { scoreApi } from '@/lib/score/api';
import {
  changedFields,
  emptyForm,
  formToRecord,
  parseField,
  recordToForm,
  serverFieldErrors,
  whatIfOverrides,
  type FeatureInfo,
  type FieldErrors,
  type FieldValue,
  type FormValues,
} from '@/lib/score/form';
import type { CustomerLookup } from '@/lib/score/schema';
import { ApiClientError } from '@/lib/ui/api-client';
import { formatPct, formatPp } from '@/lib/ui/format';
import type { ScoredRequest } from './score-results';

export interface Scored extends ScoredRequest {
  /** The form values the base was scored from (the what-if's starting point). */
  values: FormValues;
  whatIfValues?: FormValues;
}

/** What a submit did: fine, or the first field to send the focus to. */
export type SubmitOutcome = { ok: true } | { ok: false; focus?: string };

export function useScoreForm(features: FeatureInfo[], example: Record<string, unknown>) {
  const [values, setValues] = useState<FormValues>(() => emptyForm(features));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [customer, setCustomer] = useState<CustomerLookup | null>(null);
  /** Set in what-if mode: the scored base the edits are compared with. */
  const [base, setBase] = useState<{ values: FormValues; record: Record<string, unknown> } | null>(null);
  const [scored, setScored] = useState<Scored | null>(null);
  const [pending, setPending] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const changed = base ? changedFields(features, base.values, values) : [];
  const stale = scored
    ? base
      ? !!scored.whatIfValues && changedFields(features, scored.whatIfValues, values).length > 0
      : changedFields(features, scored.values, values).length > 0
    : false;

  function setField(name: string, v: FieldValue) {
    setValues((prev) => ({ ...prev, [name]: v }));
    // A field that was flagged is re-checked as it is corrected, so its message goes away once it is right.
    if (errors[name]) {
      const f = features.find((x) => x.name === name)!;
      const p = parseField(f, v);
      setErrors((prev) => {
        const next = { ...prev };
        if (p.ok) delete next[name];
        else next[name] = p.error;
        return next;
      });
    }
  }

  function reset(next: FormValues, c: CustomerLookup | null) {
    setValues(next);
    setCustomer(c);
    setBase(null);
    setScored(null);
    setErrors({});
    setFormError(null);
  }

  async function send(body: Parameters<typeof scoreApi.score>[0], onOk: (r: Awaited<ReturnType<typeof scoreApi.score>>) => void): Promise<SubmitOutcome> {
    setPending(true);
    setFormError(null);
    try {
      const r = await scoreApi.score(body);
      setErrors({});
      onOk(r);
      return { ok: true };
    } catch (e) {
      if (e instanceof ApiClientError && e.status === 422) {
        const mapped = serverFieldErrors(e.details);
        const fieldErrors = { ...mapped.record, ...mapped.what_if };
        setErrors(fieldErrors);
        setFormError(mapped.other.length ? mapped.other.join('; ') : 'The server did not accept some fields; see the messages next to them.');
        return { ok: false, focus: features.find((f) => fieldErrors[f.name])?.name };
      }
      setFormError(e instanceof ApiClientError ? e.message : 'Scoring failed; check the connection and try again.');
      return { ok: false };
    } finally {
      setPending(false);
    }
  }

  function checkLocally(v: FormValues): { record: Record<string, unknown> } | { outcome: SubmitOutcome } {
    const { record, errors: found } = formToRecord(features, v);
    const bad = features.filter((f) => found[f.name]);
    if (bad.length === 0) return { record };
    setErrors(found);
    setFormError(`${bad.length} field${bad.length === 1 ? ' needs' : 's need'} attention before scoring.`);
    return { outcome: { ok: false, focus: bad[0]!.name } };
  }

  async function scoreBase(v: FormValues, c: CustomerLookup | null): Promise<SubmitOutcome> {
    const checked = checkLocally(v);
    if ('outcome' in checked) return checked.outcome;
    const record = c ? { ...checked.record, customer_id: c.customer_id } : checked.record;
    return send({ record }, (response) => {
      setScored({ response, baseRecord: checked.record, values: v });
      setAnnouncement(`Scored: churn probability ${formatPct(response.base.churn_probability)}, ${response.base.risk_band} risk. ${response.base.action.label}.`);
    });
  }

  async function scoreWhatIf(): Promise<SubmitOutcome> {
    if (!base) return { ok: false };
    if (changed.length === 0) {
      setFormError('Change at least one field to see a what-if next to the base.');
      return { ok: false, focus: features[0]?.name };
    }
    const checked = checkLocally(values);
    if ('outcome' in checked) return checked.outcome;
    const overrides = whatIfOverrides(changed, checked.record);
    const record = customer ? { ...base.record, customer_id: customer.customer_id } : base.record;
    const v = values;
    return send({ record, what_if: overrides }, (response) => {
      setScored({ response, baseRecord: base.record, whatIfRecord: { ...base.record, ...overrides }, values: base.values, whatIfValues: v });
      const d = response.what_if!.delta_probability;
      setAnnouncement(`What-if scored: churn probability ${formatPct(response.what_if!.churn_probability)} (${formatPp(d)} from the base), ${response.what_if!.risk_band} risk.`);
    });
  }

  return {
    values,
    errors,
    formError,
    customer,
    scored,
    pending,
    announcement,
    whatIfMode: base !== null,
    baseValues: base?.values,
    changed,
    stale,
    setField,
    submit: () => (base ? scoreWhatIf() : scoreBase(values, customer)),
    loadCustomer: (c: CustomerLookup) => {
      const v = recordToForm(features, c.record);
      reset(v, c);
      return scoreBase(v, c);
    },
    fillExample: () => reset(recordToForm(features, example), null),
    clear: () => reset(emptyForm(features), null),
    startWhatIf: () => {
      if (!scored) return;
      setBase({ values: scored.values, record: scored.baseRecord });
      setValues(scored.values);
      setErrors({});
      setFormError(null);
    },
    undoChanges: () => {
      if (base) setValues(base.values);
      setErrors({});
      setFormError(null);
    },
    leaveWhatIf: () => {
      if (!base) return;
      setValues(base.values);
      setBase(null);
      setErrors({});
      setFormError(null);
      setScored((s) => s && { response: { ...s.response, what_if: undefined, changed: [] }, baseRecord: s.baseRecord, values: s.values });
    },
  };
}
