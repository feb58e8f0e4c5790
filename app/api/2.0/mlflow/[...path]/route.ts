import { mlflowApi } from '@/lib/tracking/mlflow';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// MLflow REST API 2.0: one dispatcher (lib/tracking/mlflow/router.ts) checks each endpoint's role or `tracking` scope.
export const GET = mlflowApi;
export const POST = mlflowApi;
export const PATCH = mlflowApi;
export const DELETE = mlflowApi;
