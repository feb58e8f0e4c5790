// Import validation for a data scientist's ONNX model + manifest: every check a served model relies on, each
// failing with a reason a person can act on (and the manifest field, when one is at fault).
import { modelManifestSchema, type ModelManifest } from '@/lib/ml/manifest';
import { columnIncompatibility } from '@/lib/ml/onnx/feeds';
import { createSession, OnnxScorer } from '@/lib/ml/onnx/load';
import { parseOnnxModel, type ParsedOnnx, type ValueDesc } from '@/lib/ml/onnx/parse';

export type ModelKind = 'tree_ensemble' | 'linear' | 'other';

export interface OnnxImportInfo {
  inputs: ValueDesc[];
  outputs: ValueDesc[];
  opsets: { domain: string; version: number }[];
  kind: ModelKind;
  /** The reference rows' P(class 1), as scored by onnxruntime during validation. */
  smoke: { rows: number; probabilities: number[] };
}

export type ImportResult = { ok: true; manifest: ModelManifest; info: OnnxImportInfo } | { ok: false; reason: string; field?: string };

type Failure = { ok: false; reason: string; field?: string };
const fail = (reason: string, field?: string): Failure => ({ ok: false, reason, ...(field ? { field } : {}) });

export function detectKind(parsed: ParsedOnnx): ModelKind {
  const ops = new Set(parsed.nodes.map((n) => n.opType));
  if (ops.has('TreeEnsembleClassifier') || ops.has('TreeEnsembleRegressor') || ops.has('TreeEnsemble')) return 'tree_ensemble';
  if (ops.has('LinearClassifier') || ((ops.has('MatMul') || ops.has('Gemm')) && ops.has('Sigmoid'))) return 'linear';
  return 'other';
}

function checkInputs(parsed: ParsedOnnx, m: ModelManifest): Failure | null {
  const list = (vs: ValueDesc[]) => vs.map((v) => `${v.name}: ${v.type}`).join(', ');
  if (m.input.kind === 'tensor') {
    if (parsed.inputs.length !== 1) return fail(`layout 'tensor' needs exactly one model input; the model has ${parsed.inputs.length} (${list(parsed.inputs)})`, 'input');
    const x = parsed.inputs[0]!;
    if (x.name !== m.input.name) return fail(`the manifest names the input '${m.input.name}' but the model's input is '${x.name}'`, 'input.name');
    if (x.elemType !== 'float') return fail(`input ${x.name} is ${x.type}; layout 'tensor' needs a float tensor`, 'input');
    if (x.shape && x.shape.length !== 2) return fail(`input ${x.name} has shape ${x.type}; layout 'tensor' needs [N, features]`, 'input');
    const width = x.shape?.[1] ?? null;
    if (width !== null && width !== m.features.length) {
      return fail(`feature count mismatch: the model's input ${x.name} has ${width} columns but the manifest lists ${m.features.length} features`, 'features');
    }
    return null;
  }
  const names = new Set(m.features.map((f) => f.name));
  const missing = m.features.filter((f) => !parsed.inputs.some((v) => v.name === f.name)).map((f) => f.name);
  const extra = parsed.inputs.filter((v) => !names.has(v.name)).map((v) => v.name);
  if (missing.length || extra.length) {
    return fail(
      `layout 'columns' needs one model input per manifest feature, named after it: ${[
        missing.length ? `no input for feature(s) ${missing.join(', ')}` : '',
        extra.length ? `model input(s) ${extra.join(', ')} match no feature` : '',
      ].filter(Boolean).join('; ')}`,
      'features',
    );
  }
  for (const [j, f] of m.features.entries()) {
    const v = parsed.inputs.find((i) => i.name === f.name)!;
    const why = columnIncompatibility(f, v.elemType);
    if (why) return fail(why, `features.${j}.type`);
    const last = v.shape?.[v.shape.length - 1];
    if (v.shape && (v.shape.length > 2 || (v.shape.length === 2 && last !== null && last !== 1))) {
      return fail(`input ${v.name} has shape ${v.type}; layout 'columns' needs [N, 1] per feature`, `features.${j}`);
    }
  }
  return null;
}

function checkOutputs(parsed: ParsedOnnx, m: ModelManifest): Failure | null {
  const nonTensor = parsed.outputs.filter((o) => !o.isTensor);
  if (nonTensor.length) {
    const zipmap = parsed.nodes.some((n) => n.opType === 'ZipMap');
    return fail(
      `output(s) ${nonTensor.map((o) => `${o.name} (${o.type})`).join(', ')} are not tensors, which onnxruntime-node cannot return. ` +
        (zipmap
          ? "The model was exported with ZipMap: re-export it with options={id(model): {'zipmap': False}} (zipmap=False), which gives a float 'probabilities' tensor [N, 2]."
          : 'Re-export it with tensor outputs only.'),
    );
  }
  const name = m.probabilities_output;
  const out = parsed.outputs.find((o) => o.name === name);
  if (!out) {
    return fail(`the model has no output '${name}' (outputs: ${parsed.outputs.map((o) => o.name).join(', ')}); set probabilities_output to the float [N, 2] output`, 'probabilities_output');
  }
  if (out.elemType !== 'float' && out.elemType !== 'double') return fail(`output ${name} is ${out.type}; probabilities must be a float tensor`, 'probabilities_output');
  const last = out.shape?.[out.shape.length - 1] ?? null;
  if (last !== null && last !== 2) {
    return fail(`output ${name} has ${last} columns (${out.type}); a churn model must be binary with probabilities [N, 2]`, 'probabilities_output');
  }
  return null;
}

export async function validateOnnxImport(bytes: Uint8Array, manifestInput: unknown): Promise<ImportResult> {
  const parsedManifest = modelManifestSchema.safeParse(manifestInput);
  if (!parsedManifest.success) {
    const issue = parsedManifest.error.issues[0]!;
    const field = issue.path.map(String).join('.') || '(manifest)';
    return fail(`invalid manifest: ${field}: ${issue.message}`, field);
  }
  const manifest = parsedManifest.data;

  let parsed: ParsedOnnx;
  try {
    parsed = parseOnnxModel(bytes);
  } catch (e) {
    return fail(`the file could not be loaded as an ONNX model: ${(e as Error).message}`);
  }
  let session;
  try {
    session = await createSession(bytes);
  } catch (e) {
    return fail(`the model could not be loaded by onnxruntime: ${(e as Error).message}`);
  }
  const scorer = OnnxScorer.fromSession(session, manifest, parsed);
  try {
    const bad = checkOutputs(parsed, manifest) ?? checkInputs(parsed, manifest);
    if (bad) return bad;

    let result;
    try {
      result = await scorer.run(manifest.reference_rows, [manifest.probabilities_output]);
    } catch (e) {
      return fail(`the smoke run on reference_rows failed in onnxruntime: ${(e as Error).message}`, 'reference_rows');
    }
    if (result.errors.length) {
      const e = result.errors[0]!;
      return fail(`reference_rows[${e.row}].${e.field} ${e.message}`, `reference_rows.${e.row}.${e.field}`);
    }
    const t = result.outputs[manifest.probabilities_output]!;
    const n = manifest.reference_rows.length;
    if (t.dims.length !== 2 || t.dims[0] !== n || t.dims[1] !== 2) {
      return fail(`output ${manifest.probabilities_output} came back with shape [${t.dims.join(', ')}] for ${n} rows; expected [${n}, 2]`, 'probabilities_output');
    }
    const p = t.data as Float32Array | Float64Array;
    for (let i = 0; i < n; i++) {
      const [p0, p1] = [p[2 * i]!, p[2 * i + 1]!];
      if (!(p0 >= 0 && p0 <= 1 && p1 >= 0 && p1 <= 1)) return fail(`reference row ${i} got probabilities [${p0}, ${p1}], outside [0, 1]`, 'probabilities_output');
      if (Math.abs(p0 + p1 - 1) > 1e-4) return fail(`reference row ${i} got probabilities [${p0}, ${p1}], which do not sum to 1`, 'probabilities_output');
    }
    const probabilities = Array.from({ length: n }, (_, i) => p[2 * i + 1]!);
    return {
      ok: true,
      manifest,
      info: { inputs: parsed.inputs, outputs: parsed.outputs, opsets: parsed.opsets, kind: detectKind(parsed), smoke: { rows: n, probabilities } },
    };
  } finally {
    await scorer.release();
  }
}
