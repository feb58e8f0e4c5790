// The export renderers on a six-slide deck of every block type (no database): the .pptx is a zip with one slide
// part per slide, native chart parts (bar, horizontal bar, line) with their data, native tables, red heatmap cells
// and notes pages; the PDF has one page per slide. Plus the pure helpers both renderers format with.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { formatValue, niceRange, parseText, slug, thin } from './format';
import { blockBoxes, tileBoxes } from './layout';
import { pdfSafe, renderPdf } from './pdf';
import { renderPptx } from './pptx';
import { SAMPLE_INPUT } from './sample.testing';

const pdfPages = (buf: Buffer) => (buf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g) ?? []).length;

describe('renderPptx', () => {
  it('writes one slide part per slide, native charts with their data, tables, heatmap fills and notes', async () => {
    const buf = await renderPptx(SAMPLE_INPUT);
    const zip = await JSZip.loadAsync(buf);
    const files = Object.keys(zip.files);
    for (let i = 1; i <= 6; i++) expect(files).toContain(`ppt/slides/slide${i}.xml`);
    expect(files).not.toContain('ppt/slides/slide7.xml');
    const charts = files.filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(4); // bar, hbar, two lines
    const chartXml = await Promise.all(charts.map((f) => zip.file(f)!.async('string')));
    expect(chartXml.filter((x) => x.includes('<c:barChart>')).map((x) => x.match(/<c:barDir val="(\w+)"/)?.[1]).sort()).toEqual(['bar', 'col']);
    expect(chartXml.filter((x) => x.includes('<c:lineChart>'))).toHaveLength(2);
    expect(chartXml.join('')).toContain('0.812');
    // Editable in PowerPoint: each chart's data is embedded as a workbook.
    expect(files.filter((f) => /^ppt\/embeddings\/.+\.xlsx$/.test(f))).toHaveLength(4);
    expect(files.filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f)).length).toBeGreaterThanOrEqual(6);
    const notes = await Promise.all(files.filter((f) => f.startsWith('ppt/notesSlides/notesSlide')).map((f) => zip.file(f)!.async('string')));
    expect(notes.join('')).toContain('monthly_charge drifted after the price change.');
    const slide4 = await zip.file('ppt/slides/slide4.xml')!.async('string');
    expect(slide4).toContain('<a:tbl>');
    expect(slide4.toUpperCase()).toContain('DC2626');
    const slide5 = await zip.file('ppt/slides/slide5.xml')!.async('string');
    expect(slide5).toContain('<a:tbl>');
    expect(slide5).toContain('65+ (small)');
    const slide2 = await zip.file('ppt/slides/slide2.xml')!.async('string');
    expect(slide2).toContain('48,210');
    expect(slide2).toContain('roundRect');
    const slide6 = await zip.file('ppt/slides/slide6.xml')!.async('string');
    expect(slide6).toContain('Contact 2,500 customers');
    expect(slide6).toContain('<a:buChar');
    const pres = await zip.file('ppt/presentation.xml')!.async('string');
    expect(pres).toMatch(/<p:sldSz cx="12192000" cy="6858000"/); // LAYOUT_WIDE, 13.33 × 7.5 in
  });
});

describe('renderPdf', () => {
  it('draws one 960 × 540 pt page per slide', async () => {
    const buf = await renderPdf(SAMPLE_INPUT);
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(buf)).toBe(6);
    expect(buf.toString('latin1')).toMatch(/\/MediaBox \[0 0 960 540\]/);
  });

  it('never spills onto extra pages, whatever the layout or the amount of text', async () => {
    const long = 'A very long paragraph that goes on and on. '.repeat(60);
    const slides = (['title', 'title_chart', 'two_charts', 'kpis', 'bullets'] as const).map((layout, i) => ({
      id: `s${i}`, layout, title: long.slice(0, 190), subtitle: long.slice(0, 390), notes: '', blocks: [{ id: `b${i}`, kind: 'text' as const, params: {}, mode: 'live' as const }, { id: `c${i}`, kind: 'fairness_table' as const, params: {}, mode: 'live' as const }],
    }));
    const blocks = Object.fromEntries(slides.flatMap((s) => [
      [`b${s.id.slice(1)}`, { type: 'text' as const, title: 'Notes', paragraphs: [long, long], bullets: Array(30).fill(long.slice(0, 200)) }],
      [`c${s.id.slice(1)}`, { type: 'table' as const, title: 'Big', columns: ['a', 'b'], rows: Array.from({ length: 40 }, (_, i) => [`g${i}`, String(i)]) }],
    ]));
    const input = { name: 'Stress', slides, blocks, generatedAt: new Date().toISOString() };
    expect(pdfPages(await renderPdf(input))).toBe(5);
    const zip = await JSZip.loadAsync(await renderPptx(input));
    expect(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(5);
  });

  it('maps characters the standard fonts cannot encode', () => {
    expect(pdfSafe('score ≥ 0.3 − 2 × 3 ‘a’ — ok • ✓')).toBe("score >= 0.3 - 2 x 3 'a' — ok • ?");
  });
});

describe('formatting helpers', () => {
  it('formats values by kind', () => {
    expect(formatValue(0.0412, 'pct')).toBe('4.1%');
    expect(formatValue(12345.6, 'usd')).toBe('$12,346');
    expect(formatValue(-500, 'usd')).toBe('−$500');
    expect(formatValue(48210, 'num')).toBe('48,210');
    expect(formatValue(0.81234, 'num')).toBe('0.812');
    expect(formatValue(null, 'pct')).toBe('n/a');
  });

  it('builds round axes that include zero and negative values', () => {
    const r = niceRange(-5000, 52000);
    expect(r.min).toBeLessThanOrEqual(-5000);
    expect(r.max).toBeGreaterThanOrEqual(52000);
    expect(r.ticks).toContain(0);
    expect(niceRange(0, 0).ticks.length).toBeGreaterThan(1);
  });

  it('parses free text into paragraphs and bullets, slugs names, thins long series', () => {
    expect(parseText('Intro\n- one\n\n- two\nOutro')).toEqual({ type: 'text', paragraphs: ['Intro', 'Outro'], bullets: ['one', 'two'] });
    expect(slug('Board pack – Q1 2026!')).toBe('board-pack-q1-2026');
    expect(slug('——')).toBe('deck');
    const t = thin(Array.from({ length: 101 }, (_, i) => i), 20);
    expect(t.length).toBeLessThanOrEqual(22);
    expect(t.at(-1)).toBe(100);
  });

  it('lays out one block full width, two side by side, none on a title slide, KPI tiles in rows', () => {
    expect(blockBoxes({ layout: 'title', subtitle: '' })).toHaveLength(0);
    const [full] = blockBoxes({ layout: 'kpis', subtitle: 'x' });
    const [l, r] = blockBoxes({ layout: 'two_charts', subtitle: '' });
    expect(full!.w).toBeCloseTo(12.333, 2);
    expect(l!.x + l!.w).toBeLessThan(r!.x);
    expect(r!.x + r!.w).toBeCloseTo(12.833, 2);
    expect(new Set(tileBoxes(full!, 5).map((t) => t.y)).size).toBe(2);
  });
});
