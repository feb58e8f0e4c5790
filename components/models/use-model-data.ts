'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { VersionReport } from '@/lib/ml/version-report';
import { apiFetch } from '@/lib/ui/api-client';
import { aliasMap, sortVersions } from '@/lib/ui/registry';
import { trackingApi } from '@/lib/ui/tracking-api';

export type { VersionReport };

export function reportUrl(name: string, version: string | number): string {
  return `/api/v1/registry/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(String(version))}/evaluation`;
}

/** One version's manifest and evaluation; the files never change once registered, so it is cached for long. */
export function useVersionReport(name: string, version: string | null) {
  return useQuery({
    queryKey: ['version-report', name, version],
    queryFn: () => apiFetch<VersionReport>(reportUrl(name, version!)),
    enabled: !!version,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * The model's versions (newest first) and its alias → version map. Same query keys and shapes as the registry page,
 * so an alias moved on one page shows on the other without a reload.
 */
export function useModelVersions(name: string) {
  const model = useQuery({ queryKey: ['registered-model', name], queryFn: ({ signal }) => trackingApi.getRegisteredModel(name, signal) });
  const versionsQ = useQuery({
    queryKey: ['model-versions', name],
    queryFn: ({ signal }) => trackingApi.searchModelVersions({ filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 1000 }, signal),
  });
  const versions = useMemo(() => sortVersions(versionsQ.data?.model_versions ?? []), [versionsQ.data]);
  const aliases = useMemo(() => aliasMap(model.data?.registered_model, versions), [model.data, versions]);
  return {
    versions,
    aliases,
    description: model.data?.registered_model.description,
    isPending: model.isPending || versionsQ.isPending,
    error: (model.error ?? versionsQ.error) as Error | null,
  };
}

/** Query keys to refresh after an alias moves. */
export function aliasQueryKeys(name: string): unknown[][] {
  return [['registered-model', name], ['model-versions'], ['registered-models'], ['alias-history', name], ['version-report', name]];
}
