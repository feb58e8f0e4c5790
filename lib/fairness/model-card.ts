// A model card (Mitchell et al., "Model Cards for Model Reporting", FAT* 2019) for one version: the nine sections,
// filled from the version's manifest and evaluation, its fairness audit with bootstrap CIs, the model's newest
// fairness decision record and the version's threshold policy. The page renders the same structure; the Markdown
// export is for review outside the product.
import type { Db } from '@/db/client';
import { activePolicy, latestDecision } from '@/db/queries/fairness';
import { versionReport } from '@/lib/ml/version-report';
import { decisionJson } from './api';
import { checkGate } from './gate';
import { CRITERION_INFO } from './criteria';
import { auditVersion, type VersionAudit } from './version-audit';
import type { Criterion } from './types';

export interface CardSection {
  id: string;
  title: string;
  paragraphs: string[];
  bullets?: string[];
  table?: { caption: string; columns: string[]; rows: string[][] };
}

export interface ModelCard {
  title: string;
  model: { name: string; version: number };
  generatedAt: string;
  sections: CardSection[];
}

const TABLE_METRICS = [
  ['base_rate', 'Base rate'],
  ['selection_rate', 'Selection rate'],
  ['tpr', 'TPR'],
  ['fpr', 'FPR'],
  ['precision', 'Precision'],
  ['auc', 'AUC'],
] as const;

/** "ratio band 0.80–1.25" or "difference at most 0.05". */
export function toleranceText(t: unknown): string {
  const x = t as { kind?: string; lower?: number; upper?: number; max?: number };
  if (x?.kind === 'ratio') return `ratio band ${x.lower?.toFixed(2)}–${x.upper?.toFixed(2)}`;
  if (x?.kind === 'difference') return `difference at most ${x.max}`;
  return 'unknown';
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

const pct = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, d = 3) => (v === null || v === undefined ? 'n/a' : v.toFixed(d));

function groupTable(audit: VersionAudit, attr: string): CardSection['table'] {
  const groups = audit.by_group[attr] ?? {};
  const ci = audit.ci?.by_group[attr] ?? {};
  return {
    caption: `${attr.replaceAll('&', ' × ')} — ${audit.data.source.label}; ${audit.ci ? `${Math.round(audit.ci.level * 100)}% bootstrap intervals (${audit.ci.n} resamples)` : 'no intervals'}`,
    columns: ['Group', 'Count', ...TABLE_METRICS.map(([, l]) => l)],
    rows: Object.entries(groups).map(([g, m]) => [
      `${g}${m.small ? ' (small)' : ''}`,
      m.count.toLocaleString('en-US'),
      ...TABLE_METRICS.map(([k]) => {
        const v = (m as unknown as Record<string, number | null | undefined>)[k];
        const iv = (ci[g] as Record<string, [number, number] | null> | undefined)?.[k];
        const f = k === 'auc' ? (x: number) => num(x) : (x: number) => pct(x);
        return v === null || v === undefined ? 'n/a' : `${f(v)}${iv ? ` [${f(iv[0])}, ${f(iv[1])}]` : ''}`;
      }),
    ]),
  };
}

export async function buildModelCard(db: Db, name: string, version: number): Promise<ModelCard> {
  const [report, decisionRow, policy, gate] = await Promise.all([versionReport(db, name, version), latestDecision({ db, modelName: name }), activePolicy({ db, modelName: name, modelVersion: version }), checkGate(db, name, version)]);
  const audit = await auditVersion(db, name, version, { bootstrap: 200, seed: 7, applyPolicy: true }).catch(() => null);
  const decision = decisionRow ? decisionJson(decisionRow) : null;
  const m = report.manifest;
  const training = (m as { training?: { data?: { split?: Record<string, unknown>; rows?: Record<string, number> }; params?: Record<string, unknown> } } | null)?.training;
  const test = report.evaluation?.splits?.test as Record<string, number> | undefined;
  const info = decision ? CRITERION_INFO[decision.criterion as Criterion] : null;
  const sections: CardSection[] = [
    {
      id: 'details',
      title: 'Model details',
      paragraphs: [`${name} version ${version}${report.aliases.length ? ` (@${report.aliases.join(', @')})` : ''}. ${m?.description ?? report.description ?? ''}`.trim()],
      bullets: [
        `Source run: ${report.run_id ?? 'none (imported)'}`,
        `Created: ${new Date(report.created_at).toISOString().slice(0, 10)}`,
        ...(m ? [`Decision threshold: ${m.threshold}`, `Calibration: ${m.calibration?.method ?? 'none'}`, `Inputs: ${m.features.length} features (${m.features.map((f) => f.name).join(', ')})`] : []),
      ],
    },
    {
      id: 'intended-use',
      title: 'Intended use',
      paragraphs: [
        'Ranks StreamFlow subscribers by their probability of cancelling within 30 days so that the retention team can offer a limited number of discounts. The offer is assistive: it helps the customer who gets it.',
        'Out of scope: pricing, credit or eligibility decisions, and any use that withholds service. Scores are probabilities for a population, not verdicts about a person.',
      ],
    },
    {
      id: 'factors',
      title: 'Factors',
      paragraphs: [
        'Audited by age band, gender and region, and by every intersection of two and three of them. These attributes are not model inputs; they come from the customer record and are used only for the audit and, when a threshold policy is applied, for the decision threshold.',
        decision ? `The decision record checks: ${decision.attributes.join(', ')}.` : 'No fairness decision record yet.',
      ],
    },
    {
      id: 'metrics',
      title: 'Metrics',
      paragraphs: [
        test ? `Test month: ROC AUC ${num(test.auc)}, PR AUC ${num(test.pr_auc)}, log loss ${num(test.log_loss, 4)}, precision ${pct(test.precision)}, recall ${pct(test.recall)} at the threshold.` : 'No stored test evaluation.',
        decision && info
          ? `Fairness criterion: ${info.label} (${decision.convention.replaceAll('_', ' ')}), ${toleranceText(decision.tolerance)}. The four-fifths band is a convention borrowed from US employment guidance, not a verdict of fairness.`
          : 'No fairness criterion chosen.',
        policy ? `Decision thresholds: per ${policy.attribute} (fairness policy #${policy.id}): ${Object.entries(policy.thresholds).map(([g, t]) => `${g} ${t.toFixed(3)}`).join(', ')}; ${policy.defaultThreshold} when the attribute is not sent.` : `Decision threshold: one global threshold${m ? ` (${m.threshold})` : ''}.`,
        'Variation: percentile bootstrap intervals, resampling within every age × gender × region cell so that small groups never vanish from a resample.',
      ],
    },
    { id: 'evaluation-data', title: 'Evaluation data', paragraphs: [audit ? `${audit.data.source.label}; ${audit.data.rows.toLocaleString('en-US')} labelled rows.` : 'No labelled evaluation data in this database.'] },
    {
      id: 'training-data',
      title: 'Training data',
      paragraphs: [
        training?.data
          ? `StreamFlow customer snapshots. ${Object.entries(training.data.split ?? {})
              .map(([k, v]) => `${k === 'valid' ? 'Validation' : k[0]!.toUpperCase() + k.slice(1)}: ${Array.isArray(v) ? v.join('..') : String(v)}${training.data?.rows?.[k] !== undefined ? ` (${training.data.rows[k]!.toLocaleString('en-US')} rows)` : ''}`)
              .join('; ')}.`
          : 'Not recorded (imported model).',
      ],
    },
    {
      id: 'quantitative',
      title: 'Quantitative analyses',
      paragraphs: [audit ? `Unitary and intersectional results. Overlapping intervals do not show that two groups are equal; wide intervals say more data is needed.` : 'No audit available.'],
    },
    {
      id: 'ethics',
      title: 'Ethical considerations',
      paragraphs: [
        decision ? `Decision record #${decision.revision} by ${decision.created_by} on ${decision.created_at.slice(0, 10)}: ${sentence(decision.rationale)}` : 'No decision record: the criterion has not been chosen or documented.',
        ...(decision?.rejected.length ? [`Criteria not chosen: ${decision.rejected.map((r) => `${r.criterion.replaceAll('_', ' ')} — ${sentence(r.why)}`).join(' ')}`] : []),
        'With unequal churn base rates across groups, calibrated scores (or equal precision) and equal error rates cannot all hold at once (Chouldechova 2017; Kleinberg, Mullainathan and Raghavan 2016). This card records which criterion was prioritised, and why.',
        `Promotion gate: ${gate.message}`,
      ],
    },
    {
      id: 'caveats',
      title: 'Caveats and recommendations',
      paragraphs: [
        'Groups with fewer rows than the minimum group size are flagged, and left out of the gate’s verdict; their numbers are shown, with wide intervals.',
        'Labels arrive a month after scoring; monitoring recomputes realized performance as they do. Re-audit after every retraining.',
      ],
    },
  ];
  if (audit) {
    const q = sections.find((s) => s.id === 'quantitative')!;
    const attrs = decision?.attributes.length ? decision.attributes : ['age_band', 'gender', 'region'];
    q.table = groupTable(audit, attrs[0]!);
    for (const a of attrs.slice(1)) sections.splice(sections.indexOf(q) + 1, 0, { id: `quantitative-${a}`, title: `Quantitative analyses — ${a.replaceAll('&', ' × ')}`, paragraphs: [], table: groupTable(audit, a) });
  }
  return { title: `Model card: ${name} v${version}`, model: { name, version }, generatedAt: new Date().toISOString(), sections };
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function modelCardMarkdown(card: ModelCard): string {
  const out = [`# ${card.title}`, '', `_Generated ${card.generatedAt.slice(0, 16).replace('T', ' ')} UTC by the StreamFlow churn platform._`, ''];
  for (const s of card.sections) {
    out.push(`## ${s.title}`, '');
    for (const p of s.paragraphs) out.push(p, '');
    if (s.bullets?.length) out.push(...s.bullets.map((b) => `- ${b}`), '');
    if (s.table) {
      out.push(`_${s.table.caption}_`, '', `| ${s.table.columns.map(cell).join(' | ')} |`, `|${s.table.columns.map(() => ' --- ').join('|')}|`);
      for (const r of s.table.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}
