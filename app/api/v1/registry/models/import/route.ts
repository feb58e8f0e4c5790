import { ApiError } from '@/lib/api/errors';
import { json, route } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { importModel } from '@/lib/ml/import-model';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const field = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === 'string' ? v : null;
};

/** Upload an ONNX binary classifier + manifest (multipart: model, manifest, name?, description?, alias?). 422 says why it was refused. */
export const POST = route({ access: { role: 'data_scientist', scopes: ['tracking'] } }, async ({ req, db, principal, audit }) => {
  const limit = env().ARTIFACT_MAX_BYTES;
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new ApiError('payload_too_large', `The upload is larger than the limit of ${limit} bytes (ARTIFACT_MAX_BYTES)`, { limit_bytes: limit });
  if (!/^multipart\/form-data/i.test(req.headers.get('content-type') ?? '')) throw new ApiError('unsupported_media_type', 'Send the model as multipart/form-data with the fields model (the .onnx file) and manifest (JSON)');
  const form = await req.formData().catch(() => {
    throw new ApiError('bad_request', 'The multipart body could not be read');
  });
  const file = form.get('model');
  if (!(file instanceof Blob)) throw new ApiError('validation_failed', 'Attach the .onnx file as the field "model"', [{ path: 'model', message: 'is required' }]);
  if (file.size > limit) throw new ApiError('payload_too_large', `The model file is larger than the limit of ${limit} bytes (ARTIFACT_MAX_BYTES)`, { limit_bytes: limit });
  const manifestPart = form.get('manifest');
  const manifestText = manifestPart instanceof Blob ? await manifestPart.text() : manifestPart;
  if (!manifestText) throw new ApiError('validation_failed', 'Attach the manifest JSON as the field "manifest"', [{ path: 'manifest', message: 'is required' }]);
  const alias = field(form, 'alias');
  if (alias && alias !== 'challenger') throw new ApiError('validation_failed', 'alias may only be "challenger" on import; promote to champion on the model page, with a reason', [{ path: 'alias', message: 'must be challenger or empty' }]);
  const out = await importModel({ db, principal, audit }, {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: (file as File).name || 'model.onnx',
    manifestText,
    name: field(form, 'name') ?? undefined,
    description: field(form, 'description') ?? undefined,
    alias: alias ? 'challenger' : null,
  });
  return json(out, 201);
});
