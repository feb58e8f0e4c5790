// MLflow's error contract: {"error_code", "message"} with the HTTP status from mlflow/exceptions.py
// (ERROR_CODE_TO_HTTP_STATUS). The python client rebuilds its RestException from error_code, so codes must match.
import { ApiError } from '@/lib/api/errors';
import type { ErrorFormat } from '@/lib/api/handler';

export const MLFLOW_STATUS = {
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  INVALID_STATE: 400,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;
export type MlflowErrorCode = keyof typeof MLFLOW_STATUS;

// The same failure seen through the product API's error shape (for routes outside /api/2.0 that share the logic).
const TO_API: Partial<Record<MlflowErrorCode, ConstructorParameters<typeof ApiError>[0]>> = {
  RESOURCE_DOES_NOT_EXIST: 'not_found',
  ENDPOINT_NOT_FOUND: 'not_found',
  RESOURCE_ALREADY_EXISTS: 'conflict',
  PERMISSION_DENIED: 'forbidden',
  UNAUTHENTICATED: 'unauthorized',
  REQUEST_LIMIT_EXCEEDED: 'rate_limited',
  INTERNAL_ERROR: 'internal',
  TEMPORARILY_UNAVAILABLE: 'service_unavailable',
};

export class MlflowError extends ApiError {
  constructor(
    readonly mlflowCode: MlflowErrorCode,
    message: string,
  ) {
    super(TO_API[mlflowCode] ?? 'bad_request', message);
  }
}

const FROM_API: Record<string, MlflowErrorCode> = {
  bad_request: 'BAD_REQUEST',
  unauthorized: 'UNAUTHENTICATED',
  forbidden: 'PERMISSION_DENIED',
  not_found: 'RESOURCE_DOES_NOT_EXIST',
  conflict: 'RESOURCE_ALREADY_EXISTS',
  payload_too_large: 'INVALID_PARAMETER_VALUE',
  unsupported_media_type: 'BAD_REQUEST',
  validation_failed: 'INVALID_PARAMETER_VALUE',
  rate_limited: 'REQUEST_LIMIT_EXCEEDED',
  service_unavailable: 'TEMPORARILY_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
};

/** The wrapper's errors (auth, limits, parsing) in MLflow's shape, so clients see codes they know. */
export const mlflowErrorFormat: ErrorFormat = (err) => {
  const code = err instanceof MlflowError ? err.mlflowCode : (FROM_API[err.code] ?? 'INTERNAL_ERROR');
  return { status: MLFLOW_STATUS[code], body: { error_code: code, message: err.message } };
};

export const notFound = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);
export const invalid = (message: string) => new MlflowError('INVALID_PARAMETER_VALUE', message);
export const exists = (message: string) => new MlflowError('RESOURCE_ALREADY_EXISTS', message);
