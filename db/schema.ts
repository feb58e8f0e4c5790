// The database schema. Types are derived from the tables, never written by hand.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,

  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['stakeholder', 'retention', 'data_scientist', 'admin']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: roleEnum('role').notNull(),
  /** bcrypt hash; null for users who only sign in through OIDC. */
  passwordHash: text('password_hash'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key (keys are 256-bit random, so a fast hash is enough and lookups stay O(1)). */
    secretHash: text('secret_hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_created_at_idx').on(t.createdAt)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** 'user' | 'api_key' | 'system' | 'cli' */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    /** Human-readable actor (email, key name) kept even if the user or key is later deleted. */
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  // The audit page lists newest first and filters by action.
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_at_idx').on(t.action, t.at)],
);

export const customers = pgTable(
  'customers',
  {
    customerId: text('customer_id').primaryKey(),
    signupMonth: date('signup_month', { mode: 'string' }).notNull(),
    ageBand: text('age_band').notNull(),
    gender: text('gender').notNull(),
    region: text('region').notNull(),
  },
  (t) => [index('customers_region_idx').on(t.region)],
);

/** One row per customer active at the start of a month, with that month's model inputs and the 30-day churn label. */
export const customerSnapshots = pgTable(
  'customer_snapshots',
  {
    month: date('month', { mode: 'string' }).notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.customerId, { onDelete: 'cascade' }),
    tenureMonths: smallint('tenure_months').notNull(),
    plan: text('plan').notNull(),
    contract: text('contract').notNull(),
    monthlyCharge: real('monthly_charge').notNull(),
    paymentMethod: text('payment_method').notNull(),
    failedPayments90d: smallint('failed_payments_90d').notNull(),
    watchHours30d: real('watch_hours_30d'),
    sessions30d: smallint('sessions_30d').notNull(),
    daysSinceLastLogin: smallint('days_since_last_login').notNull(),
    devices: smallint('devices').notNull(),
    profiles: smallint('profiles').notNull(),
    supportTickets90d: smallint('support_tickets_90d').notNull(),
    avgRatingGiven: real('avg_rating_given'),
    contentDiversity: real('content_diversity').notNull(),
    completionRate: real('completion_rate').notNull(),
    downloads30d: smallint('downloads_30d').notNull(),
    planChanges12m: smallint('plan_changes_12m').notNull(),
    primaryDevice: text('primary_device').notNull(),
    promoUsed: boolean('promo_used').notNull(),
    autoplayOff: boolean('autoplay_off').notNull(),
    /** Churned within 30 days after the snapshot; null until the label is known (one month later). */
    churned: boolean('churned'),
  },
  (t) => [
    // (month, customer) is the natural key and serves every per-month aggregate on the overview.
    primaryKey({ columns: [t.month, t.customerId] }),
    // One customer's history, for the scoring form and label joins.
    index('customer_snapshots_customer_idx').on(t.customerId, t.month),
    check('customer_snapshots_charge_check', sql`${t.monthlyCharge} >= 0`),
  ],
);

/** Small key/value facts about this installation: which demo world was seeded, and when. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type CustomerRow = typeof customers.$inferSelect;
export type SnapshotRow = typeof customerSnapshots.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];

export * from './tracking-schema';
export * from './serving-schema';
export * from './monitoring-schema';
export * from './fairness-schema';
export * from './roi-decks-schema';
