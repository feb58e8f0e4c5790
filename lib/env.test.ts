import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to the embedded database in demo mode', () => {
    const e = parseEnv({});
    expect(e.driver).toBe('pglite');
    expect(e.PGLITE_DIR).toBe('.data/pglite');
    expect(e.demo).toBe(true);
    expect(e.PORT).toBe(3000);
  });

  it('uses PostgreSQL when DATABASE_URL is set, with the demo off unless asked for', () => {
    const e = parseEnv({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/sf' });
    expect(e.driver).toBe('postgres');
    expect(e.demo).toBe(false);
    expect(parseEnv({ DATABASE_URL: 'postgresql://db/sf', DEMO: '1' }).demo).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PORT: '99999' }, 'PORT'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ AUTH_OIDC_ISSUER: 'https://idp.example.test' }, 'AUTH_OIDC_CLIENT_ID'],
  ])('rejects %o naming %s in one line', (source, name) => {
    let err: unknown;
    try {
      parseEnv(source);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(name);
    expect((err as Error).message).not.toContain('\n');
  });

  it('requires AUTH_SECRET in production outside demo mode', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sf' })).toThrow(/AUTH_SECRET is required/);
    expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/sf', AUTH_SECRET: 'x'.repeat(32) }).demo).toBe(false);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).driver).toBe('pglite');
  });
});
