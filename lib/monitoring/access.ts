// Who may do what in monitoring (one place, so routes and their tests agree).
import type { Access } from '@/lib/api/handler';

/** Sending labels: the labels scope, or a data scientist in the UI. */
export const LABELS_ACCESS: Access = { role: 'data_scientist', scopes: ['labels'] };
/** Running drift comparisons: the monitoring scope, or a data scientist. */
export const DRIFT_ACCESS: Access = { role: 'data_scientist', scopes: ['monitoring'] };
/** Reading stored monitoring results: anyone signed in, or a key with read or monitoring scope. */
export const MONITORING_READ_ACCESS: Access = { role: 'stakeholder', scopes: ['read', 'monitoring'] };

export const LABELS_MAX_BYTES = 32 * 1024 * 1024;
export const DRIFT_MAX_BYTES = 64 * 1024 * 1024;
/** Values per column per side in one drift comparison. */
export const DRIFT_MAX_ROWS = 1_000_000;
