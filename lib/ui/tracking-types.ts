// The JSON shapes the tracking pages read: MLflow REST 2.0 (runs, experiments, registry) and the product's
// /api/v1/tracking and /api/v1/registry routes. Browser-side mirror of the server contract.
import type { ParamImportance } from '@/lib/tracking/analysis/importance';

/** MLflow sends non-finite metric values as strings, because JSON has no NaN or Infinity. */
export type MetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export interface KeyValue {
  key: string;
  value: string;
}

export interface Metric {
  key: string;
  value: MetricValue;
  timestamp: number;
  step: number;
}

export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED' | 'SCHEDULED';

export interface RunInfo {
  run_id: string;
  run_uuid?: string;
  run_name: string;
  experiment_id: string;
  user_id?: string;
  status: RunStatus;
  start_time: number;
  end_time?: number | null;
  artifact_uri?: string;
  lifecycle_stage?: string;
}

export interface Dataset {
  name: string;
  digest: string;
  source_type?: string;
  source?: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags?: KeyValue[];
  dataset: Dataset;
}

export interface Run {
  info: RunInfo;
  data: { metrics?: Metric[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs?: { dataset_inputs?: DatasetInput[] };
}

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  creation_time?: number;
  last_update_time?: number;
  tags?: KeyValue[];
}

export interface ModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp?: number;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  tags?: KeyValue[];
  aliases?: string[];
  run_link?: string;
}

export interface RegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp?: number;
  description?: string;
  latest_versions?: ModelVersion[];
  tags?: KeyValue[];
  aliases?: { alias: string; version: string }[];
}

export interface ArtifactFile {
  path: string;
  is_dir: boolean;
  file_size?: number | string;
}

/** One bucket of a server-downsampled metric history: the last value in the bucket plus its min and max. */
export interface HistoryPoint {
  step: number;
  value: number | string | null;
  min?: number | string | null;
  max?: number | string | null;
  count?: number;
}

export interface HistorySeries {
  run_id: string;
  total_points: number;
  points: HistoryPoint[];
}

export interface HistoryResponse {
  key: string;
  series: HistorySeries[];
}

// The importance endpoint returns the analysis module's own type; one definition serves server and browser.
export type { ParamImportance };

export interface ImportanceResponse {
  metric: string;
  params: ParamImportance[];
}
