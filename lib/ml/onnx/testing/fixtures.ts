// Test-only access to the committed fixtures written by fixtures/make_fixtures.py.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const FIXTURES = ['a_gbt', 'b_gbt_zipmap', 'c_rf', 'd_logreg', 'e_pipeline'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixtureBytes(name: FixtureName): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURE_DIR, `${name}.onnx`)));
}

/** The manifest as JSON (unparsed, as an importer would upload it). */
export function fixtureManifest(name: FixtureName): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, `${name}.manifest.json`), 'utf8'));
}

export interface Expected {
  rows: Record<string, unknown>[];
  /** sklearn predict_proba per fixture, [p0, p1] per row of `rows`. */
  a_gbt: number[][];
  c_rf: number[][];
  d_logreg: number[][];
  e_pipeline: number[][];
  /** sklearn's column names of e_pipeline's transformed matrix. */
  e_pipeline_columns: string[];
}

export function expected(): Expected {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'expected.json'), 'utf8'));
}
