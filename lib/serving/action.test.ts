import { describe, expect, it } from 'vitest';
import { DEFAULT_ECONOMICS, expectedContactValue, recommendAction } from './action';

const contact = (p: number, c = true) => ({ churn_probability: p, decision: { contact: c, threshold: 0.3 } });

describe('expectedContactValue (E = p·γ·(CLV − d) − (1 − p)·d − f)', () => {
  it('matches hand-computed values with the StreamFlow defaults (γ 0.3, d $10, f $1)', () => {
    // p 0.5, CLV 180: 0.5·0.3·170 − 0.5·10 − 1 = 25.5 − 5 − 1
    expect(expectedContactValue(0.5, 180)).toBeCloseTo(19.5, 10);
    // p 0.1, CLV 120: 0.1·0.3·110 − 0.9·10 − 1 = 3.3 − 9 − 1
    expect(expectedContactValue(0.1, 120)).toBeCloseTo(-6.7, 10);
    // p 1, CLV 0: a certain churner paying nothing still costs the offer and the contact
    expect(expectedContactValue(1, 0)).toBeCloseTo(-4, 10);
    // p 0: the offer goes to someone who would have stayed
    expect(expectedContactValue(0, 500)).toBeCloseTo(-11, 10);
  });

  it('breaks even where p·(γ(CLV − d) + d) = d + f', () => {
    // CLV 120: p·(33 + 10) = 11
    expect(expectedContactValue(11 / 43, 120)).toBeCloseTo(0, 10);
    expect(expectedContactValue(11 / 43 + 0.01, 120)).toBeGreaterThan(0);
  });

  it('takes other economics', () => {
    // p 0.4, CLV 200, γ 0.5, d 20, f 5: 0.4·0.5·180 − 0.6·20 − 5 = 36 − 12 − 5
    expect(expectedContactValue(0.4, 200, { clvMonths: 12, saveRate: 0.5, offerCost: 20, contactCost: 5 })).toBeCloseTo(19, 10);
  });
});

describe('recommendAction', () => {
  it('uses CLV = 12 × monthly charge and recommends the offer when the policy contacts and E > 0', () => {
    const a = recommendAction(contact(0.5), 15);
    expect(a.customer_value).toBe(180);
    expect(a.expected_value).toBeCloseTo(19.5, 10);
    expect(a).toMatchObject({ code: 'offer', label: 'Contact with a retention offer', economics: DEFAULT_ECONOMICS });
  });

  it('flags a policy contact whose expected value is not positive', () => {
    // p 0.2, CLV 107.88: 0.2·0.3·97.88 − 0.8·10 − 1 = 5.8728 − 9
    const a = recommendAction(contact(0.2), 8.99);
    expect(a.expected_value).toBeCloseTo(-3.1272, 6);
    expect(a).toMatchObject({ code: 'contact_negative_value', label: 'Contact (policy) — expected value negative' });
  });

  it('recommends no action when the policy does not contact, whatever E is', () => {
    const a = recommendAction(contact(0.5, false), 15);
    expect(a.code).toBe('none');
    expect(a.label).toBe('No action');
    expect(a.expected_value).toBeCloseTo(19.5, 10);
  });

  it('falls back to the policy alone when there is no monthly charge to value the customer by', () => {
    expect(recommendAction(contact(0.5), null)).toMatchObject({ code: 'offer', expected_value: null, customer_value: null });
    expect(recommendAction(contact(0.5, false), null)).toMatchObject({ code: 'none', expected_value: null });
  });
});
