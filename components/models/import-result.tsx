import Link from 'next/link';
import type { OnnxImportInfo } from '@/lib/ml/onnx/validate';

export interface ImportSuccess {
  model_version: { name: string; version: string | number; run_id?: string };
  validation: Partial<OnnxImportInfo>;
}

export interface ImportFailure {
  status: number;
  code?: string;
  message: string;
  details: { path?: string; message: string }[];
}

const values = (vs: { name: string; type: string }[] | undefined) => (vs ?? []).map((v) => `${v.name}: ${v.type}`).join(', ') || '—';

/** What the server checked before registering: the graph's inputs and outputs and the reference rows it scored. */
export function ImportResult({ result, href }: { result: ImportSuccess; href: string }) {
  const mv = result.model_version;
  const v = result.validation ?? {};
  const rows: [string, string][] = [
    ['Model kind', v.kind ? v.kind.replace('_', ' ') : '—'],
    ['Inputs', values(v.inputs)],
    ['Outputs', values(v.outputs)],
    ['Opsets', (v.opsets ?? []).map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || '—'],
    ['Reference rows scored', v.smoke ? `${v.smoke.rows}: P(churn) ${v.smoke.probabilities.slice(0, 5).map((p) => p.toFixed(3)).join(', ')}${v.smoke.probabilities.length > 5 ? ', …' : ''}` : '—'],
  ];
  return (
    <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
      <p className="font-semibold">
        Imported as {mv.name} v{mv.version}.
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
        {rows.map(([k, text]) => (
          <div key={k} className="contents">
            <dt className="text-emerald-700">{k}</dt>
            <dd className="break-all">{text}</dd>
          </div>
        ))}
      </dl>
      <Link href={href} className="mt-2 inline-block font-medium text-brand-700 hover:underline">
        Open v{mv.version}
      </Link>
    </div>
  );
}
