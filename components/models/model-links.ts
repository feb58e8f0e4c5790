// Addresses of the model pages, shared by the registry list, the model page and the model pages themselves.
export const modelHref = (name: string) => `/models/${encodeURIComponent(name)}`;
export const versionHref = (name: string, version: string | number) => `${modelHref(name)}/versions/${encodeURIComponent(String(version))}`;
export const compareHref = (name: string, a?: string, b?: string) => {
  const q = new URLSearchParams();
  if (a) q.set('a', a);
  if (b) q.set('b', b);
  const s = q.toString();
  return `${modelHref(name)}/compare${s ? `?${s}` : ''}`;
};
export const IMPORT_HREF = '/models/import';

export const aliasTone = (a: string) => (a === 'champion' ? 'emerald' : a === 'challenger' ? 'amber' : 'brand');
