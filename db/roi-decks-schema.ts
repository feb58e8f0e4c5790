// ROI and slide-deck tables: saved ROI scenarios, the versioned ROI decision policy that scoring applies, and the
// stakeholder decks (slides as JSON, with frozen block snapshots inside).
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A named set of ROI inputs (economics, acceptance-rate uncertainty, capacity) that people compare side by side. */
export const roiScenarios = pgTable(
  'roi_scenarios',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    /** The evaluation when it was saved (optimum, band, baselines) on the scores of the day. */
    result: jsonb('result').$type<Record<string, unknown> | null>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roi_scenarios_name_uq').on(t.name)],
);

/**
 * The ROI decision policy: who to contact. Revisions are never edited; the newest active one is what the predict API,
 * the scoring form and batch jobs decide with (a top-k policy is stored with the score threshold it meant when saved).
 */
export const roiPolicies = pgTable(
  'roi_policies',
  {
    id: serial('id').primaryKey(),
    modelName: text('model_name').notNull(),
    revision: integer('revision').notNull(),
    kind: text('kind').$type<'threshold' | 'top_k'>().notNull(),
    threshold: doublePrecision('threshold').notNull(),
    topK: integer('top_k'),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    reason: text('reason').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('roi_policies_model_rev_uq').on(t.modelName, t.revision), uniqueIndex('roi_policies_active_uq').on(t.modelName).where(sql`active`)],
);

/** A stakeholder deck. `slides` is the whole document (lib/decks/types.ts); `version` guards concurrent saves. */
export const decks = pgTable(
  'decks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slides: jsonb('slides').$type<unknown[]>().notNull(),
    version: integer('version').notNull().default(1),
    /** The document before the last save, for "undo the last change". */
    previous: jsonb('previous').$type<{ name: string; slides: unknown[] } | null>(),
    shareToken: text('share_token'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('decks_share_token_uq').on(t.shareToken), index('decks_updated_idx').on(t.updatedAt)],
);
