// Fairness tables: the versioned decision records (which criterion a model is held to, and why) and the per-group
// threshold policies that mitigation produces. Gate overrides are written to the audit log with their justification.
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A fairness decision record. Records are never edited: a new choice is a new revision of the same model's record, so
 * the history shows who changed the criterion, when, and on what evidence. The newest revision is the one the
 * promotion gate enforces.
 */
export const fairnessDecisions = pgTable(
  'fairness_decisions',
  {
    id: serial('id').primaryKey(),
    modelName: text('model_name').notNull(),
    /** 1, 2, … per model name. */
    revision: integer('revision').notNull(),
    /** The version whose audit was the evidence. */
    modelVersion: integer('model_version').notNull(),
    criterion: text('criterion').notNull(),
    convention: text('convention').notNull(),
    reference: jsonb('reference').$type<Record<string, unknown> | null>(),
    tolerance: jsonb('tolerance').$type<Record<string, unknown>>().notNull(),
    /** Attributes (and intersections, as "a&b") the criterion is checked on. */
    attributes: jsonb('attributes').$type<string[]>().notNull(),
    minGroupSize: integer('min_group_size').notNull(),
    intervention: text('intervention').notNull(),
    rationale: text('rationale').notNull(),
    /** Criteria not chosen, each with why. */
    rejected: jsonb('rejected').$type<{ criterion: string; why: string }[]>().notNull(),
    /** The audit behind the choice: data source, per-group metrics with CIs, the criterion's evaluation. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fairness_decisions_model_rev_uq').on(t.modelName, t.revision)],
);

/**
 * Per-group decision thresholds for one model version (post-processing mitigation). At most one active policy per
 * version; scoring uses it for a request that carries the attribute, and the version's own threshold otherwise.
 */
export const fairnessPolicies = pgTable(
  'fairness_policies',
  {
    id: serial('id').primaryKey(),
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version').notNull(),
    /** The attribute (or intersection "a&b") the thresholds are keyed by. */
    attribute: text('attribute').notNull(),
    thresholds: jsonb('thresholds').$type<Record<string, number>>().notNull(),
    /** Used for a request without the attribute, or with a group the policy has no threshold for. */
    defaultThreshold: doublePrecision('default_threshold').notNull(),
    criterion: text('criterion').notNull(),
    objective: text('objective').notNull(),
    tolerance: jsonb('tolerance').$type<Record<string, unknown>>().notNull(),
    /** Before/after figures of the chosen option. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('fairness_policies_active_uq').on(t.modelName, t.modelVersion).where(sql`active`),
    index('fairness_policies_model_idx').on(t.modelName, t.modelVersion),
  ],
);
