// Roles are cumulative: each one can do everything the one before it can, plus its own area.
export const ROLES = ['stakeholder', 'retention', 'data_scientist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  stakeholder: 'Stakeholder',
  retention: 'Retention team',
  data_scientist: 'Data scientist',
  admin: 'Administrator',
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** True when `role` is `minimum` or above it. */
export function hasRole(role: Role | undefined | null, minimum: Role): boolean {
  if (!role) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Scopes an API key can carry. Each external integration gets only what it needs. */
export const SCOPES = ['read', 'predict', 'labels', 'tracking', 'monitoring', 'fairness', 'roi'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  read: 'Read dashboard data (overview, monitoring and fairness results)',
  predict: 'Score customers (REST and Open Inference Protocol)',
  labels: 'Send ground-truth churn labels',
  tracking: 'Log experiments, runs and models (MLflow API)',
  monitoring: 'Run drift comparisons',
  fairness: 'Run fairness audits',
  roi: 'Evaluate ROI scenarios',
};

export function isScope(v: unknown): v is Scope {
  return typeof v === 'string' && (SCOPES as readonly string[]).includes(v);
}

/** The product's areas, who may open each, and what the navigation calls them. */
export const AREAS = [
  { href: '/', label: 'Overview', minRole: 'stakeholder' },
  { href: '/experiments', label: 'Experiments', minRole: 'stakeholder' },
  { href: '/models', label: 'Models', minRole: 'stakeholder' },
  { href: '/monitoring', label: 'Monitoring', minRole: 'stakeholder' },
  { href: '/fairness', label: 'Fairness', minRole: 'stakeholder' },
  { href: '/roi', label: 'ROI', minRole: 'stakeholder' },
  { href: '/decks', label: 'Decks', minRole: 'stakeholder' },
  { href: '/score', label: 'Score', minRole: 'retention' },
  { href: '/settings', label: 'Settings', minRole: 'stakeholder' },
  { href: '/docs', label: 'API docs', minRole: 'stakeholder' },
] as const satisfies readonly { href: string; label: string; minRole: Role }[];

/** The minimum role for a page path, by its first segment (unknown paths need only a sign-in). */
export function minRoleForPath(pathname: string): Role {
  const first = '/' + (pathname.split('/')[1] ?? '');
  const area = AREAS.find((a) => a.href === first);
  return area?.minRole ?? 'stakeholder';
}
