'use client';
// One look for the monitoring charts: colours that mean the same thing on every chart, the window axis, and the
// world's events as labelled vertical markers.
import { ReferenceLine, XAxis } from 'recharts';
import { tick } from '@/components/models/chart-style';

export const COLORS = {
  current: '#2563eb', // this window / realized
  reference: '#94a3b8', // the reference (training data)
  estimate: '#7c3aed', // CBPE estimate
  band: '#ddd6fe',
  threshold: '#dc2626',
  share: '#ea580c',
  observed: '#0f766e',
  event: '#64748b',
  labelled: '#93c5fd',
  unlabelled: '#e2e8f0',
} as const;

export interface EventMark {
  key: string;
  title: string;
  id: string;
}

/** A categorical window axis keyed by window key, labelled with the short window label. */
export function windowAxis(labels: Map<string, string>, title?: string) {
  return (
    <XAxis
      dataKey="key"
      tick={tick}
      tickFormatter={(k: string) => labels.get(k) ?? k}
      interval={labels.size <= 12 ? 0 : 'preserveStartEnd'}
      minTickGap={8}
      padding={{ left: 14, right: 14 }}
      label={title ? { value: title, position: 'insideBottom', offset: -10, fontSize: 11, fill: '#475569' } : undefined}
    />
  );
}

/** Vertical markers for events, labelled at the top ("Price increase"). Rendered as children of a chart. */
export function eventLines(events: readonly EventMark[]) {
  return events.map((e) => (
    <ReferenceLine
      key={e.id}
      x={e.key}
      stroke={COLORS.event}
      strokeDasharray="2 3"
      ifOverflow="extendDomain"
      label={{ value: e.title, position: 'insideTopLeft', fontSize: 10, fill: '#334155' }}
    />
  ));
}

export const tooltipStyle = { fontSize: 12 } as const;

/** Legend text in one readable grey (recharts colours it like its series, which is unreadable for pale fills). */
export const legendProps = {
  verticalAlign: 'top' as const,
  height: 24,
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown) => <span style={{ color: '#334155' }}>{String(value)}</span>,
};

export function ChartFrame({ testId, height = 260, children, caption }: { testId: string; height?: number; children: React.ReactNode; caption?: React.ReactNode }) {
  return (
    <figure className="m-0">
      <div data-testid={testId} style={{ height }} className="w-full">
        {children}
      </div>
      {caption && <figcaption className="mt-2 text-xs text-slate-500">{caption}</figcaption>}
    </figure>
  );
}
