import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-keys';
import { hashPassword, verifyPassword } from './passwords';
import { AREAS, hasRole, minRoleForPath, ROLES } from './roles';

describe('roles', () => {
  it('are cumulative', () => {
    expect(hasRole('admin', 'stakeholder')).toBe(true);
    expect(hasRole('data_scientist', 'retention')).toBe(true);
    expect(hasRole('retention', 'data_scientist')).toBe(false);
    expect(hasRole('stakeholder', 'retention')).toBe(false);
    expect(hasRole(undefined, 'stakeholder')).toBe(false);
  });

  it('guard every area of the navigation', () => {
    expect(AREAS.map((a) => a.label)).toEqual(['Overview', 'Experiments', 'Models', 'Monitoring', 'Fairness', 'ROI', 'Decks', 'Score', 'Settings', 'API docs']);
    expect(minRoleForPath('/experiments/123')).toBe('stakeholder'); // read-only for stakeholders; writes need data_scientist
    expect(minRoleForPath('/score/batch')).toBe('retention');
    expect(minRoleForPath('/score')).toBe('retention');
    expect(minRoleForPath('/')).toBe('stakeholder');
    for (const a of AREAS) expect(ROLES).toContain(a.minRole);
  });
});

describe('API keys', () => {
  it('are random, recognisable and stored only as a hash', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(looksLikeApiKey(a.key)).toBe(true);
    expect(a.key.startsWith(a.prefix)).toBe(true);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).not.toContain(a.key.slice(4));
    expect(looksLikeApiKey('sfk_short')).toBe(false);
    expect(looksLikeApiKey('Bearer something')).toBe(false);
  });
});

describe('passwords', () => {
  it('hash with a salt and verify', async () => {
    const h1 = await hashPassword('correct horse battery');
    const h2 = await hashPassword('correct horse battery');
    expect(h1).not.toBe(h2);
    expect(h1.startsWith('$2')).toBe(true);
    expect(await verifyPassword('correct horse battery', h1)).toBe(true);
    expect(await verifyPassword('wrong horse battery', h1)).toBe(false);
  });
});

describe('page access', async () => {
  const { pageRedirect } = await import('./page-access');
  it('sends anonymous visitors to sign-in with a relative callback', () => {
    expect(pageRedirect('/monitoring', '?window=weekly', null)).toBe('/login?callbackUrl=%2Fmonitoring%3Fwindow%3Dweekly');
    expect(pageRedirect('/login', '', null)).toBeNull();
  });
  it('lets anyone read the API docs, signed in or not', () => {
    expect(pageRedirect('/docs', '', null)).toBeNull();
    for (const role of ROLES) expect(pageRedirect('/docs', '', role)).toBeNull();
    expect(pageRedirect('/docs/anything', '', null)).toBe('/login?callbackUrl=%2Fdocs%2Fanything');
  });
  it('sends roles below an area back to the overview, and lets the rest through', () => {
    expect(pageRedirect('/score', '', 'stakeholder')).toBe('/?denied=%2Fscore');
    expect(pageRedirect('/experiments', '', 'stakeholder')).toBeNull();
    expect(pageRedirect('/score', '', 'retention')).toBeNull();
    expect(pageRedirect('/models/churn', '', 'data_scientist')).toBeNull();
    expect(pageRedirect('/', '', 'stakeholder')).toBeNull();
  });
});
