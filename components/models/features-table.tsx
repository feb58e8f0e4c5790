import type { Manifest } from './eval-data';

function domainText(f: Manifest['features'][number]): string {
  if (f.type === 'categorical') return (f.categories ?? []).join(', ') || '—';
  if (f.type === 'boolean') return 'yes / no';
  if (f.range) return `${f.range[0].toLocaleString('en-US')} – ${f.range[1].toLocaleString('en-US')}`;
  return '—';
}

/** The model's inputs as its manifest declares them, in input order, with each feature's importance rank when known. */
export function FeaturesTable({ manifest, rank }: { manifest: Manifest; rank: Map<string, number> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Features">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3">Feature</th>
            <th className="pr-3">Type</th>
            <th className="pr-3">Unit</th>
            <th className="pr-3">Range or categories</th>
            <th className="pr-3">Missing allowed</th>
            {rank.size > 0 && <th className="pr-3 text-right">Importance rank</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {manifest.features.map((f) => (
            <tr key={f.name}>
              <td className="py-1.5 pr-3">
                <span className="font-medium text-slate-800">{f.name}</span>
                {f.description && <p className="text-xs text-slate-500">{f.description}</p>}
              </td>
              <td className="pr-3 text-slate-600">{f.type}</td>
              <td className="pr-3 text-slate-600">{f.unit ?? '—'}</td>
              <td className="max-w-md pr-3 text-slate-600">{domainText(f)}</td>
              <td className="pr-3 text-slate-600">{f.nullable ? 'yes' : 'no'}</td>
              {rank.size > 0 && <td className="pr-3 text-right tabular-nums text-slate-600">{rank.get(f.name) ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
