// The StreamFlow feature dictionary: the one list that the generator, the database schema, the CSV export and
// (later) the model encoder all read, so a feature cannot exist in one place and be missing in another.

export type FeatureType = 'numeric' | 'categorical' | 'boolean';

export interface FeatureSpec {
  name: string;
  type: FeatureType;
  description: string;
  unit?: string;
  /** Allowed values, for categorical features, in a stable order. */
  categories?: readonly string[];
  /** Valid range for numeric features (inclusive). */
  range?: readonly [number, number];
  /** Whether the value may be missing (null) in the data. */
  nullable: boolean;
  integer?: boolean;
}

export const PLANS = ['basic', 'standard', 'premium', 'mobile'] as const;
export const CONTRACTS = ['monthly', 'annual'] as const;
export const PAYMENT_METHODS = ['card', 'paypal', 'bank_transfer', 'gift_card'] as const;
export const PRIMARY_DEVICES = ['tv', 'mobile', 'web', 'tablet'] as const;

export const AGE_BANDS = ['18-24', '25-34', '35-49', '50-64', '65+'] as const;
export const GENDERS = ['female', 'male', 'non-binary', 'undisclosed'] as const;
export const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;

export type Plan = (typeof PLANS)[number];
export type Contract = (typeof CONTRACTS)[number];
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export type PrimaryDevice = (typeof PRIMARY_DEVICES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type Gender = (typeof GENDERS)[number];
export type Region = (typeof REGIONS)[number];

/** The model inputs, in the order a model's input tensor uses. */
export const FEATURES: readonly FeatureSpec[] = [
  { name: 'tenure_months', type: 'numeric', integer: true, unit: 'months', range: [0, 240], nullable: false, description: 'Whole months since sign-up at the snapshot date.' },
  { name: 'plan', type: 'categorical', categories: PLANS, nullable: false, description: 'Subscription plan (mobile exists from the mobile-plan launch on).' },
  { name: 'contract', type: 'categorical', categories: CONTRACTS, nullable: false, description: 'Billing contract.' },
  { name: 'monthly_charge', type: 'numeric', unit: 'USD', range: [0, 100], nullable: false, description: 'What the customer pays per month after discounts.' },
  { name: 'payment_method', type: 'categorical', categories: PAYMENT_METHODS, nullable: false, description: 'How the customer pays.' },
  { name: 'failed_payments_90d', type: 'numeric', integer: true, unit: 'count', range: [0, 10], nullable: false, description: 'Failed payment attempts in the last 90 days.' },
  { name: 'watch_hours_30d', type: 'numeric', unit: 'hours', range: [0, 400], nullable: true, description: 'Hours watched in the last 30 days (null when the tracker lost them).' },
  { name: 'sessions_30d', type: 'numeric', integer: true, unit: 'count', range: [0, 300], nullable: false, description: 'Viewing sessions in the last 30 days.' },
  { name: 'days_since_last_login', type: 'numeric', integer: true, unit: 'days', range: [0, 365], nullable: false, description: 'Days since the last sign-in on any device.' },
  { name: 'devices', type: 'numeric', integer: true, unit: 'count', range: [1, 10], nullable: false, description: 'Distinct devices used in the last 30 days.' },
  { name: 'profiles', type: 'numeric', integer: true, unit: 'count', range: [1, 6], nullable: false, description: 'Viewer profiles on the account.' },
  { name: 'support_tickets_90d', type: 'numeric', integer: true, unit: 'count', range: [0, 20], nullable: false, description: 'Support tickets opened in the last 90 days.' },
  { name: 'avg_rating_given', type: 'numeric', unit: 'stars', range: [1, 5], nullable: true, description: 'Mean star rating the customer gave titles (null if they never rated).' },
  { name: 'content_diversity', type: 'numeric', unit: 'ratio', range: [0, 1], nullable: false, description: 'Normalised entropy of genres watched in the last 30 days.' },
  { name: 'completion_rate', type: 'numeric', unit: 'ratio', range: [0, 1], nullable: false, description: 'Share of started titles watched to the end in the last 30 days.' },
  { name: 'downloads_30d', type: 'numeric', integer: true, unit: 'count', range: [0, 200], nullable: false, description: 'Titles downloaded for offline viewing in the last 30 days.' },
  { name: 'plan_changes_12m', type: 'numeric', integer: true, unit: 'count', range: [0, 12], nullable: false, description: 'Plan upgrades or downgrades in the last 12 months.' },
  { name: 'primary_device', type: 'categorical', categories: PRIMARY_DEVICES, nullable: false, description: 'Device with the most watch time in the last 30 days.' },
  { name: 'promo_used', type: 'boolean', nullable: false, description: 'Joined on or is currently on a promotional price.' },
  { name: 'autoplay_off', type: 'boolean', nullable: false, description: 'Has switched autoplay off.' },
] as const;

export const FEATURE_NAMES = FEATURES.map((f) => f.name);

/** Sensitive attributes: kept for fairness audits, never model inputs. */
export const SENSITIVE_ATTRIBUTES = {
  age_band: AGE_BANDS,
  gender: GENDERS,
  region: REGIONS,
} as const;
export type SensitiveAttribute = keyof typeof SENSITIVE_ATTRIBUTES;
/** Their names, in this order everywhere (audits, the predict API's group fields, batch columns). */
export const SENSITIVE_ATTRIBUTE_NAMES = Object.keys(SENSITIVE_ATTRIBUTES) as SensitiveAttribute[];

/** One customer's model inputs at a snapshot. */
export interface CustomerFeatures {
  tenure_months: number;
  plan: Plan;
  contract: Contract;
  monthly_charge: number;
  payment_method: PaymentMethod;
  failed_payments_90d: number;
  watch_hours_30d: number | null;
  sessions_30d: number;
  days_since_last_login: number;
  devices: number;
  profiles: number;
  support_tickets_90d: number;
  avg_rating_given: number | null;
  content_diversity: number;
  completion_rate: number;
  downloads_30d: number;
  plan_changes_12m: number;
  primary_device: PrimaryDevice;
  promo_used: boolean;
  autoplay_off: boolean;
}

/** A customer as the business knows them (static attributes). */
export interface Customer {
  customer_id: string;
  /** First day of the sign-up month, 'YYYY-MM-01'. */
  signup_month: string;
  age_band: AgeBand;
  gender: Gender;
  region: Region;
}

/** One row of the monthly snapshot table: a customer active at the start of `month`. */
export interface Snapshot extends CustomerFeatures {
  customer_id: string;
  /** First day of the snapshot month, 'YYYY-MM-01'. */
  month: string;
  /** Churned within 30 days after the snapshot; null while the label is not known yet (the latest month). */
  churned: boolean | null;
}
