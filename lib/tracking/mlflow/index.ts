import { experimentEndpoints } from './experiments';
import { aliasEndpoints } from './aliases';
import { registryEndpoints } from './registry';
import { mlflowRouter } from './router';
import { runEndpoints } from './runs';

export const MLFLOW_ENDPOINTS = { ...experimentEndpoints, ...runEndpoints, ...registryEndpoints, ...aliasEndpoints };
export const mlflowApi = mlflowRouter(MLFLOW_ENDPOINTS);
