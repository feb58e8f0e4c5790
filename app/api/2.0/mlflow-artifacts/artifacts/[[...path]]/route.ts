import { artifactsDelete, artifactsGet, artifactsPut } from '@/lib/tracking/mlflow/artifact-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// MLflow's proxied artifact service: PUT uploads, GET downloads a file or (?path=) lists a folder, DELETE removes.
export const GET = artifactsGet;
export const PUT = artifactsPut;
export const DELETE = artifactsDelete;
