// The monitoring section of the OpenAPI document: its examples pass the validators the routes use, and the drift
// example's documented verdict is what the engine answers.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/serving/openapi';
import { driftCompareSchema, runDriftCompare } from './compare';
import { labelsRequestSchema } from './labels';
import { DRIFT_EXAMPLE, LABELS_EXAMPLE, monitoringPaths } from './openapi';

describe('monitoring OpenAPI', () => {
  it('has examples the routes accept', () => {
    expect(labelsRequestSchema.safeParse(LABELS_EXAMPLE).success).toBe(true);
    const report = runDriftCompare(driftCompareSchema.parse(DRIFT_EXAMPLE));
    expect(report.columns.monthly_charge).toMatchObject({ method: 'psi', threshold: 0.2, drift: true, null_share: { reference: 0.25, current: 0 } });
    expect(report.columns.plan).toMatchObject({ method: 'chisquare', drift: true });
  });

  it('is part of the served document', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, unknown> };
    for (const p of Object.keys(monitoringPaths())) expect(doc.paths[p]).toBeDefined();
  });
});
