'use client';
// One block of a slide, drawn from its renderer-neutral BlockData inside a w × h box of design pixels: a title line,
// the body (chart, table, KPI tiles, text or heatmap) and an optional note underneath. Sizes are computed here rather
// than left to CSS overflow, so a block never spills out of the slide whatever the data's length.
import type { BlockData } from '@/lib/decks/types';
import { finiteRange, fitFont, formatValue, heatShade } from '@/lib/decks/view';
import { BlockChart } from './block-chart';

const TITLE_H = 34;
const NOTE_H = 52; // two lines

export function BlockView({ data, width, height, interactive = false, pending }: { data: BlockData | undefined; width: number; height: number; interactive?: boolean; pending?: string }) {
  if (!data) {
    return (
      <div className="flex items-center justify-center rounded-lg border-2 border-dashed border-slate-200 text-[20px] text-slate-400" style={{ width, height }}>
        {pending ?? 'No data'}
      </div>
    );
  }
  const title = data.title;
  const note = 'note' in data ? data.note : undefined;
  const bodyH = height - (title ? TITLE_H : 0) - (note ? NOTE_H : 0);
  return (
    <div className="flex flex-col" style={{ width, height }}>
      {title && (
        <p className="truncate text-[22px] font-semibold leading-[34px] text-slate-800" title={title}>
          {title}
        </p>
      )}
      <Body data={data} width={width} height={Math.max(40, bodyH)} interactive={interactive} />
      {note && (
        <p className="line-clamp-2 text-[15px] leading-[26px] text-slate-500" title={note}>
          {note}
        </p>
      )}
    </div>
  );
}

function Body({ data, width, height, interactive }: { data: BlockData; width: number; height: number; interactive: boolean }) {
  switch (data.type) {
    case 'chart':
      return data.labels.length === 0 ? <Empty height={height} /> : <BlockChart d={data} width={width} height={height} interactive={interactive} />;
    case 'table':
      return <TableBody d={data} height={height} />;
    case 'kpis':
      return <KpiBody d={data} width={width} height={height} />;
    case 'text':
      return <TextBody d={data} width={width} height={height} />;
    case 'heatmap':
      return <HeatmapBody d={data} width={width} height={height} />;
  }
}

function Empty({ height }: { height: number }) {
  return (
    <div className="flex items-center justify-center text-[18px] text-slate-400" style={{ height }}>
      Nothing to show yet
    </div>
  );
}

const looksNumeric = (s: string) => /^[\s$€£+−-]*[\d.,]+\s*(%|pp|[kKMB])?$/.test(s);

function TableBody({ d, height }: { d: Extract<BlockData, { type: 'table' }>; height: number }) {
  const rowH = 36;
  const fit = Math.max(1, Math.floor((height - rowH) / rowH));
  const shown = d.rows.length > fit ? d.rows.slice(0, fit - 1) : d.rows;
  const hidden = d.rows.length - shown.length;
  return (
    <div style={{ height }} className="overflow-hidden">
      <table className="w-full table-fixed border-collapse text-[17px]" aria-label={d.title}>
        <thead>
          <tr className="border-b-2 border-slate-300 text-left text-slate-600" style={{ height: rowH }}>
            {d.columns.map((c, j) => (
              <th key={j} scope="col" className={'truncate px-2 font-semibold ' + (j > 0 ? 'text-right' : '')}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => (
            <tr key={i} className="border-b border-slate-200 text-slate-800" style={{ height: rowH }}>
              {r.map((cell, j) => (
                <td key={j} className={'truncate px-2 ' + (j > 0 && looksNumeric(cell) ? 'text-right tabular-nums' : '')} title={cell}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
          {hidden > 0 && (
            <tr style={{ height: rowH }}>
              <td colSpan={d.columns.length} className="px-2 text-[15px] text-slate-500">
                + {hidden} more row{hidden === 1 ? '' : 's'} (in the exported file)
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function KpiBody({ d, width, height }: { d: Extract<BlockData, { type: 'kpis' }>; width: number; height: number }) {
  const n = Math.max(1, d.items.length);
  // Tiles at least ~240 px wide, so labels like "EXPECTED NET PROFIT" fit: a half-width slot gets two columns.
  const fit = Math.max(1, Math.floor((width + 20) / 260));
  const cols = Math.min(fit, n <= 4 ? n : n <= 6 ? 3 : 4);
  const rows = Math.ceil(n / cols);
  const gap = 20;
  const tileH = Math.min(220, (height - gap * (rows - 1)) / rows);
  const tileW = (width - gap * (cols - 1)) / cols;
  const valueSize = Math.max(22, Math.min(56, tileH * 0.3, tileW / 7));
  return (
    <ul className="grid content-center" style={{ height, gap, gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }} aria-label={d.title ?? 'Key figures'}>
      {d.items.map((k, i) => (
        <li key={i} className="flex flex-col justify-center overflow-hidden rounded-xl border border-slate-200 bg-slate-50 px-5" style={{ height: tileH }}>
          <span className="truncate text-[16px] font-medium uppercase tracking-wide text-slate-500">{k.label}</span>
          <span className="truncate font-semibold tabular-nums text-ink" style={{ fontSize: valueSize, lineHeight: 1.2 }}>
            {k.value}
          </span>
          {k.hint && <span className="truncate text-[15px] text-slate-500">{k.hint}</span>}
        </li>
      ))}
    </ul>
  );
}

function TextBody({ d, width, height }: { d: Extract<BlockData, { type: 'text' }>; width: number; height: number }) {
  // Bullets lose ~3 characters of width to the marker and indent.
  const chars = d.paragraphs.reduce((a, p) => a + p.length, 0) + d.bullets.reduce((a, b) => a + b.length + 3, 0);
  const font = fitFont(chars, d.paragraphs.length + d.bullets.length, width - 30, height, 30, 13);
  return (
    <div className="overflow-hidden text-slate-800" style={{ height, fontSize: font, lineHeight: 1.45 }}>
      {d.paragraphs.map((p, i) => (
        <p key={i} className="mb-[0.5em] whitespace-pre-line">
          {p}
        </p>
      ))}
      {d.bullets.length > 0 && (
        <ul className="list-disc space-y-[0.3em] pl-[1.2em] marker:text-brand-600">
          {d.bullets.map((b, i) => (
            <li key={i}>{b}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function HeatmapBody({ d, width, height }: { d: Extract<BlockData, { type: 'heatmap' }>; width: number; height: number }) {
  const { min, max } = finiteRange(d.values);
  const longest = Math.max(4, ...d.rows.map((r) => r.length));
  const headH = 30;
  const cellH = Math.max(10, Math.min(44, (height - headH) / Math.max(1, d.rows.length)));
  const font = Math.max(9, Math.min(16, cellH * 0.5));
  const labelW = Math.min(240, Math.round(longest * font * 0.58 + 14));
  const cellW = (width - labelW) / Math.max(1, d.cols.length);
  const showValues = cellW >= font * 3.2 && cellH >= 14;
  return (
    <div role="table" aria-label={d.title} style={{ height, fontSize: font }} className="overflow-hidden">
      <div role="row" className="flex" style={{ height: headH }}>
        <span role="columnheader" style={{ width: labelW }} />
        {d.cols.map((c) => (
          <span key={c} role="columnheader" className="truncate text-center text-[15px] font-medium text-slate-600" style={{ width: cellW, lineHeight: `${headH}px` }}>
            {c}
          </span>
        ))}
      </div>
      {d.rows.map((r, i) => (
        <div role="row" key={r} className="flex" style={{ height: cellH }}>
          <span role="rowheader" className="truncate pr-2 text-right text-slate-700" style={{ width: labelW, lineHeight: `${cellH}px` }}>
            {r}
          </span>
          {d.cols.map((c, j) => {
            const v = d.values[i]?.[j] ?? null;
            const flagged = !!d.flagged[i]?.[j];
            return (
              <span
                key={c}
                role="cell"
                data-flagged={flagged}
                aria-label={`${r}, ${c}: ${formatValue(v, d.format)}${flagged ? ', flagged' : ''}`}
                className={'truncate border border-white text-center tabular-nums ' + (flagged ? 'font-semibold text-red-900' : 'text-slate-800')}
                style={{ width: cellW, lineHeight: `${cellH - 2}px`, background: flagged ? '#fca5a5' : heatShade(v, min, max), outline: flagged ? '2px solid #dc2626' : undefined, outlineOffset: -2 }}
              >
                {showValues ? formatValue(v, d.format) : ''}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}
