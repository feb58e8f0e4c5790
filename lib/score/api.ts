// The scoring page's calls to the product API (browser side).
import { CHURN_MODEL } from '@/lib/ml/model-names';
import { apiFetch } from '@/lib/ui/api-client';
import type { FormScoreResponse } from '@/lib/serving/form-score';
import type { ModelInfo } from './form';
import type { CustomerLookup, ScoreRequest } from './schema';

export type { FormScoreResponse, ScoredRecord } from '@/lib/serving/form-score';

export const scoreApi = {
  model: (name: string = CHURN_MODEL) => apiFetch<ModelInfo>(`/api/v1/models/${encodeURIComponent(name)}`),
  customer: (id: string) => apiFetch<CustomerLookup>(`/api/v1/customers/${encodeURIComponent(id)}`),
  searchIds: (q: string, limit = 8) => apiFetch<{ customer_ids: string[] }>(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=${limit}`),
  score: (body: ScoreRequest) => apiFetch<FormScoreResponse>('/api/v1/score', { method: 'POST', body }),
};
