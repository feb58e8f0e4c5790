import type { Role } from '@/lib/auth/roles';

/** One sign-in per role, seeded only in demo mode (see README). */
export const DEMO_PASSWORD = 'streamflow-demo';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'stakeholder@streamflow.test', name: 'Sam Stakeholder', role: 'stakeholder' },
  { email: 'retention@streamflow.test', name: 'Rita Retention', role: 'retention' },
  { email: 'ds@streamflow.test', name: 'Dana Scientist', role: 'data_scientist' },
  { email: 'admin@streamflow.test', name: 'Ada Admin', role: 'admin' },
];
