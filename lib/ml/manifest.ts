// The manifest that travels beside every served ONNX model (ours in models/, or a data scientist's import): what
// the input tensor(s) hold and how a customer record becomes them, how probabilities come out, the decision
// threshold stored with the version, and where the reference rows and training provenance are.
import { z } from 'zod';

export const featureEncodingSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['numeric', 'categorical', 'boolean']),
  categories: z.array(z.string()).optional(),
  unseenCategories: z.array(z.string()).optional(),
  unit: z.string().optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
  nullable: z.boolean().default(false),
  description: z.string().optional(),
});

/**
 * How features reach the graph. `tensor`: one float input [N, F] whose columns are the features in manifest order,
 * categoricals as their code (index in `categories`), booleans 0/1, missing as NaN. `columns`: one input per
 * feature named after it, shape [N, 1] (skl2onnx pipelines): numeric/boolean as float (or double/int64 as the graph
 * declares), categoricals as the category string.
 */
export const inputLayoutSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tensor'), name: z.string().min(1) }),
  z.object({ kind: z.literal('columns') }),
]);

export const modelManifestSchema = z.object({
  schema_version: z.literal(1),
  /** Model family, for display and for choosing the explainer. */
  kind: z.enum(['tree_ensemble', 'linear', 'other']).default('other'),
  description: z.string().optional(),
  features: z.array(featureEncodingSchema).min(1),
  input: inputLayoutSchema,
  /** Name of the float output [N, 2] whose column 1 is P(churn). */
  probabilities_output: z.string().min(1).default('probabilities'),
  /** The decision threshold stored with the version (used until an ROI policy exists). */
  threshold: z.number().gt(0).lt(1).default(0.5),
  missing_values: z.string().default('null encodes as NaN; trees route NaN by the direction learned in training'),
  calibration: z
    .object({
      method: z.enum(['platt', 'none']),
      a: z.number().optional(),
      b: z.number().optional(),
      fitted_on: z.string().optional(),
      in_graph: z.boolean().optional(),
    })
    .optional(),
  /** A few customer records (features by name) that must score — the import smoke test and the API's example. */
  reference_rows: z.array(z.record(z.string(), z.unknown())).min(1),
  /** Larger reference sample (drift baseline, TreeSHAP covers for imported trees): a file beside the model. */
  reference_file: z.string().optional(),
  /** Exact training covers per tree node (TreeSHAP), a file beside the model; absent for imports. */
  covers_file: z.string().optional(),
  training: z
    .object({
      seed: z.number().int(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      data: z.record(z.string(), z.unknown()),
      metrics: z.record(z.string(), z.number()),
      run_id: z.string().optional(),
    })
    .optional(),
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ManifestInput = z.input<typeof modelManifestSchema>;
