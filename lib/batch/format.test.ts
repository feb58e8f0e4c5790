import { describe, expect, it } from 'vitest';
import { formatEta, isActive } from './format';

describe('batch job display', () => {
  it('writes ETAs the way people read them', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(0.4)).toBe('0 s');
    expect(formatEta(42)).toBe('42 s');
    expect(formatEta(120)).toBe('2 min');
    expect(formatEta(130)).toBe('2 min 10 s');
    expect(formatEta(7300)).toBe('2 h 2 min');
  });
  it('polls only while a job can still move', () => {
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].filter((s) => isActive(s as never))).toEqual(['queued', 'running']);
  });
});
