// The decision policy: one threshold, or per-group thresholds used only when the record carries the group's
// attributes — and a decision that always says which threshold it used when a group policy exists.
import { describe, expect, it } from 'vitest';
import { decide, groupKey, riskBand, thresholdFor, type DecisionPolicy } from './policy';

const base: DecisionPolicy = { threshold: 0.2, source: 'threshold stored with model version 3' };
const byAge: DecisionPolicy = { ...base, groups: { id: 7, attributes: ['age_band'], thresholds: { '65+': 0.3, '18-24': 0.15 } } };
const byAgeRegion: DecisionPolicy = { ...base, groups: { id: 8, attributes: ['age_band', 'region'], thresholds: { '65+&south': 0.25 } } };

describe('decision policy', () => {
  it('without group thresholds decides at the version threshold and adds no source', () => {
    expect(decide(0.2, base)).toEqual({ contact: true, threshold: 0.2 });
    expect(decide(0.1999, base, { age_band: '65+' })).toEqual({ contact: false, threshold: 0.2 });
  });

  it("uses the group's threshold when the record carries the attribute, and says so", () => {
    const d = decide(0.25, byAge, { age_band: '65+' });
    expect(d).toMatchObject({ contact: false, threshold: 0.3 });
    expect(d.threshold_source).toBe("fairness policy #7: threshold for age_band '65+'");
    expect(decide(0.16, byAge, { age_band: '18-24' })).toMatchObject({ contact: true, threshold: 0.15 });
  });

  it('falls back to the version threshold when the attribute is missing or the group unknown, saying why', () => {
    const missing = decide(0.25, byAge, null);
    expect(missing).toMatchObject({ contact: true, threshold: 0.2 });
    expect(missing.threshold_source).toMatch(/has no age_band; fairness policy #7 sets per-age_band thresholds when it is sent/);
    expect(decide(0.25, byAge, { region: 'south' }).threshold_source).toMatch(/has no age_band/);
    expect(decide(0.25, byAge, { age_band: '40-45' }).threshold_source).toMatch(/no threshold for age_band '40-45'/);
  });

  it('keys intersections by every attribute in order', () => {
    expect(groupKey({ region: 'south', age_band: '65+' }, ['age_band', 'region'])).toBe('65+&south');
    expect(groupKey({ age_band: '65+' }, ['age_band', 'region'])).toBeNull();
    expect(groupKey({ age_band: '' }, ['age_band'])).toBeNull();
    expect(thresholdFor(byAgeRegion, { age_band: '65+', region: 'south' }).threshold).toBe(0.25);
    expect(thresholdFor(byAgeRegion, { age_band: '65+' }).source).toMatch(/has no age_band and region/);
  });

  it('reads risk bands against the threshold the row was decided at', () => {
    expect(riskBand(0.3, 0.3)).toBe('high');
    expect(riskBand(0.16, 0.3)).toBe('medium');
    expect(riskBand(0.14, 0.3)).toBe('low');
  });
});
