// A served model's features as clients see them (GET /api/v1/models/{name} and its documented example): name, type,
// unit, description, allowed categories (seen in training or not), valid range and whether null is allowed.
import type { ModelManifest } from '@/lib/ml/manifest';

export function describeFeatures(manifest: Pick<ModelManifest, 'features'>) {
  return manifest.features.map((f) => ({
    name: f.name,
    type: f.type,
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.description ? { description: f.description } : {}),
    ...(f.type === 'categorical' ? { categories: [...(f.categories ?? []), ...(f.unseenCategories ?? [])] } : {}),
    ...(f.range ? { range: f.range } : {}),
    nullable: f.nullable,
  }));
}
