// Artifact listings: MLflow servers answer a file's path either relative to the listed folder ('model.pkl') or
// relative to the run's artifact root ('model/model.pkl'); both become the path under the run's root.
import type { ArtifactFile } from './tracking-types';

export function artifactChildPath(dir: string, filePath: string): string {
  const d = dir.replace(/^\/+|\/+$/g, '');
  const f = filePath.replace(/^\/+/, '');
  if (!d || f === d || f.startsWith(d + '/')) return f;
  return `${d}/${f}`;
}

/** Folders first, then files, each by name; the displayed name is the last path segment. */
export function sortArtifacts(dir: string, files: readonly ArtifactFile[]): (ArtifactFile & { fullPath: string; name: string })[] {
  return files
    .map((f) => {
      const fullPath = artifactChildPath(dir, f.path);
      return { ...f, fullPath, name: fullPath.split('/').pop() ?? fullPath };
    })
    .sort((a, b) => Number(b.is_dir) - Number(a.is_dir) || a.name.localeCompare(b.name));
}
