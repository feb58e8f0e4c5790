// The one place that reads process.env. Everything else asks this module, so a wrong setting fails at start-up
// with a sentence that names the variable, never deep inside a request.
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const postgresUrl = z.string().refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user:pass@127.0.0.1:5432/streamflow' },
);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: postgresUrl.optional(),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  ARTIFACT_ROOT: z.string().min(1).default('.data/artifacts'),
  ARTIFACT_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024 * 1024),
  DEMO: bool.optional(),
  DEMO_CUSTOMERS: z.coerce.number().int().min(100).max(2_000_000).default(20_000),
  DEMO_SEED: z.coerce.number().int().min(0).default(42),
  DEMO_MONTHS: z.coerce.number().int().min(3).max(60).default(22),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)').optional(),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).default('Single sign-on'),
  AUTH_OIDC_DEFAULT_ROLE: z.enum(['stakeholder', 'retention', 'data_scientist', 'admin']).default('stakeholder'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /** Scoring bodies carry up to 10,000 records (~5 MB of JSON), so their limit is separate from the general one. */
  /** When set, /api/metrics asks for "Authorization: Bearer <METRICS_TOKEN>". */
  METRICS_TOKEN: z.string().min(16).optional(),
  PREDICT_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(16 * 1024 * 1024),
  /** Batch-scoring uploads stream to disk, so their limit is on the file (1M rows of our features is ~150 MB). */
  BATCH_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(512 * 1024 * 1024),
  /** Seconds between monitoring passes (new predictions and labels folded into windows); 0 turns the job off. */
  MONITORING_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Size of the "last N predictions" window. */
  MONITORING_LAST_N: z.coerce.number().int().min(100).max(1_000_000).default(5000),
});

export type Env = z.infer<typeof schema> & { demo: boolean; driver: 'pglite' | 'postgres' };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parse an environment (process.env by default) into typed settings, or throw one ConfigError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const oidc = [e.AUTH_OIDC_ISSUER, e.AUTH_OIDC_CLIENT_ID, e.AUTH_OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new ConfigError('Invalid configuration: OIDC needs all of AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET');
  }
  const driver = e.DATABASE_URL ? 'postgres' : 'pglite';
  // The demo (seeded StreamFlow data and demo users) is on by default only for the embedded database.
  const demo = e.DEMO ?? driver === 'pglite';
  if (!demo && e.NODE_ENV === 'production' && !e.AUTH_SECRET) {
    throw new ConfigError('Invalid configuration: AUTH_SECRET is required outside demo mode (generate one with `openssl rand -base64 32`)');
  }
  return { ...e, demo, driver };
}

let cached: Env | undefined;
/** The process's settings, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests change variables between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** Read-only access for the few places that must hand the raw environment to a child process. */
export function rawEnv(): NodeJS.ProcessEnv {
  return process.env;
}
