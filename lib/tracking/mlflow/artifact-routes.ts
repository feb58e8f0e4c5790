import { route } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { deleteArtifact, listArtifacts, openArtifact, safeRelative, statArtifact, TooLarge, writeArtifact } from '../artifacts';
import { MlflowError, mlflowErrorFormat, notFound } from './errors';

const PREFIX = '/api/2.0/mlflow-artifacts/artifacts';
const read = { role: 'stakeholder', scopes: ['tracking', 'read'] } as const;
const write = { role: 'data_scientist', scopes: ['tracking'] } as const;

function pathOf(req: Request): string {
  const p = decodeURIComponent(new URL(req.url).pathname.slice(PREFIX.length));
  return safeRelative(p);
}

export const artifactsGet = route({ access: read, errorFormat: mlflowErrorFormat }, async ({ req }) => {
  const rel = pathOf(req);
  if (rel === '') {
    const dir = safeRelative(new URL(req.url).searchParams.get('path') ?? '');
    const files = listArtifacts(dir);
    return files.length ? { files } : {};
  }
  const st = statArtifact(rel);
  if (!st || !st.isFile()) throw notFound(`Artifact '${rel}' does not exist`);
  return new Response(openArtifact(rel), {
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(st.size),
      'content-disposition': `attachment; filename="${encodeURIComponent(rel.split('/').at(-1)!)}"`,
    },
  });
});

export const artifactsPut = route({ access: write, errorFormat: mlflowErrorFormat }, async ({ req, audit }) => {
  const rel = pathOf(req);
  if (rel === '') throw new MlflowError('INVALID_PARAMETER_VALUE', 'An artifact path is required: PUT /api/2.0/mlflow-artifacts/artifacts/<path>');
  try {
    const size = await writeArtifact(rel, req.body, env().ARTIFACT_MAX_BYTES);
    if (/\.onnx$/i.test(rel)) await audit('artifact.upload', { type: 'artifact', id: rel }, { bytes: size });
  } catch (e) {
    if (e instanceof TooLarge) throw new MlflowError('INVALID_PARAMETER_VALUE', `The artifact is larger than ${env().ARTIFACT_MAX_BYTES} bytes (ARTIFACT_MAX_BYTES)`);
    throw e;
  }
  return {};
});

export const artifactsDelete = route({ access: write, errorFormat: mlflowErrorFormat }, async ({ req, audit }) => {
  const rel = pathOf(req);
  if (rel === '' || !deleteArtifact(rel)) throw notFound(`Artifact '${rel}' does not exist`);
  await audit('artifact.delete', { type: 'artifact', id: rel });
  return {};
});
