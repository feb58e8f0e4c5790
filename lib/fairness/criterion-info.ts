// Plain-language facts about each fairness criterion, and the Aequitas fairness tree that recommends one.
//
// The page's decision panel shows these texts next to the numbers. The data scientist has to pick a criterion and
// record why, so each criterion gets the question it answers, the names Aequitas and Fairlearn use for it, and when
// to choose it. suggestCriterion walks the Aequitas fairness tree (dssg/fairness_tree_workshop; see
// shared/reference/fairness.md §2). The tree has more leaves than CRITERIA has members. A leaf outside CRITERIA maps
// to the closest criterion, with `exact: false` and a note that says what is lost. CRITERIA itself stays as it is.
import type { Criterion, GroupMetric } from './types';

export interface CriterionInfo {
  label: string;
  /** The question the criterion answers, in a stakeholder's words. */
  question: string;
  aequitasName: string;
  fairlearnName: string;
  whenToUse: string;
  /** What is compared across groups. */
  metricLabel: string;
}

export const CRITERION_INFO: Record<Criterion, CriterionInfo> = {
  demographic_parity: {
    label: 'Demographic parity',
    question: 'Does every group get offers at the same rate, whatever its churn?',
    aequitasName: 'Impact Parity (pprev)',
    fairlearnName: 'demographic_parity_difference / demographic_parity_ratio',
    whenToUse: 'When offers should be spread in proportion to group size: labels are not trusted, or access to the offer is itself the benefit.',
    metricLabel: 'selection rate',
  },
  equal_opportunity: {
    label: 'Equal opportunity',
    question: 'Are customers who would churn equally likely to get an offer in every group?',
    aequitasName: 'TPR Parity (Recall parity)',
    fairlearnName: 'equal_opportunity_difference / equal_opportunity_ratio (true_positive_rate_*)',
    whenToUse: 'Assistive interventions that can reach only a small fraction of the people in need, such as a budgeted retention offer.',
    metricLabel: 'TPR',
  },
  equalized_odds: {
    label: 'Equalized odds',
    question: 'Are both the hit rate among churners and the false-alarm rate among stayers the same in every group?',
    aequitasName: 'Equalized Odds (TPR Parity ∧ FPR Parity)',
    fairlearnName: 'equalized_odds_difference / equalized_odds_ratio (agg="worst_case")',
    whenToUse: 'When both missed churners and needless contacts carry a cost that must be shared equally. It is the strictest error-rate criterion.',
    metricLabel: 'TPR and FPR',
  },
  predictive_parity: {
    label: 'Predictive parity',
    question: 'When the model flags a customer, is it equally often right in every group?',
    aequitasName: 'Precision Parity (FDR Parity in differences)',
    fairlearnName: 'precision_score by group (no dedicated parity helper)',
    whenToUse: 'Punitive or costly interventions where the people acted on must be equally likely to deserve it.',
    metricLabel: 'precision (PPV)',
  },
  fnr_parity: {
    label: 'FNR parity',
    question: 'Are would-be churners equally likely to be missed in every group?',
    aequitasName: 'FNR Parity',
    fairlearnName: 'false_negative_rate_difference / false_negative_rate_ratio',
    whenToUse: 'Assistive interventions that can reach most people in need, where missing someone is the harm.',
    metricLabel: 'FNR',
  },
  calibration: {
    label: 'Calibration within groups',
    question: 'Does a churn score mean the same risk in every group?',
    aequitasName: '(not an Aequitas parity; Kleinberg et al. condition A)',
    fairlearnName: '(no helper; mean_prediction vs observed rate by group)',
    whenToUse: 'When the score itself is shown or priced, so it must be equally trustworthy for every group, whatever threshold is used.',
    metricLabel: 'calibration (mean predicted ÷ observed)',
  },
};

/** Short metric names used in sentences. */
export const METRIC_LABELS: Record<GroupMetric, string> = {
  base_rate: 'base rate',
  selection_rate: 'selection rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  tnr: 'TNR',
  precision: 'precision',
  for: 'FOR',
  fdr: 'FDR',
  accuracy: 'accuracy',
  auc: 'AUC',
  mean_score: 'mean score',
  calibration_ratio: 'calibration ratio',
};

export interface SuggestInput {
  /** Assistive: the intervention helps the person (a retention offer). Punitive: it harms or burdens them. */
  intervention: 'assistive' | 'punitive';
  /** Can the intervention reach most people in need, or only a small fraction (budget, agent capacity)? */
  reach: 'small_fraction' | 'most';
  /** Tree step 1. Default 'errors': fairness is judged on the model's mistakes, not on who gets selected. */
  basis?: 'errors' | 'representation';
  /** Tree step 2. Default true: the churn labels (did the customer leave?) are observed, not someone's judgement. */
  trustLabels?: boolean;
  /** Tree step 3 or 4 ("whose equity matters most?"). Defaults: punitive → 'not_warranted', assistive + most → 'in_need'. */
  focus?: 'everyone' | 'intervened' | 'not_warranted' | 'not_assisted' | 'in_need';
}

export interface Suggestion {
  criterion: Criterion;
  /** The tree's leaf, in Aequitas's name. */
  leaf: string;
  /** False when the leaf is not one of CRITERIA and `criterion` is the closest one (see `note`). */
  exact: boolean;
  path: string[];
  why: string;
  note?: string;
}

export function suggestCriterion(input: SuggestInput): Suggestion {
  const path: string[] = [];
  if (input.basis === 'representation') {
    path.push('Fairness is judged by representation (who is selected), not by errors');
    path.push('Selection proportional to each group’s share of the population');
    return {
      criterion: 'demographic_parity', leaf: 'Demographic Parity', exact: true, path,
      why: 'Each group should receive offers at the same rate, regardless of how many of its customers churn.',
      note: 'The tree’s other representation leaf, Equal Selection Parity (the same number of offers per group), is not offered here.',
    };
  }
  path.push('Fairness is judged by the model’s errors');
  if (input.trustLabels === false) {
    path.push('The labels are not trusted');
    return {
      criterion: 'demographic_parity', leaf: 'Counterfactual Fairness', exact: false, path,
      why: 'Without trusted labels, error rates cannot be measured. The only check that needs no label is the selection rate.',
      note: 'The tree’s leaf is counterfactual fairness. It needs a causal model, which this audit does not have, so demographic parity is the closest check.',
    };
  }
  path.push('The churn labels are trusted (a customer either left or stayed)');
  if (input.intervention === 'punitive') {
    path.push('The intervention is punitive: being flagged burdens the person');
    const focus = input.focus ?? 'not_warranted';
    if (focus === 'intervened') {
      path.push('What matters most is equity among the people acted on');
      return {
        criterion: 'predictive_parity', leaf: 'FDR Parity', exact: false, path,
        why: 'Among people flagged, the share wrongly flagged (FDR) should be the same in every group.',
        note: 'FDR = 1 − precision, so FDR differences equal precision differences. Ratios differ: an FDR ratio band is not a precision ratio band.',
      };
    }
    if (focus === 'everyone') {
      path.push('What matters most is equity across everyone, regardless of outcome');
      return {
        criterion: 'equalized_odds', leaf: 'FP/GroupSize Parity', exact: false, path,
        why: 'The share of each whole group that is wrongly flagged should be the same.',
        note: 'FP/GroupSize = (1 − base rate) × FPR is not among the criteria. Equalized odds constrains the FPR (and also the TPR), which is the closest check.',
      };
    }
    path.push('What matters most is equity among people for whom the intervention is not warranted');
    return {
      criterion: 'equalized_odds', leaf: 'FPR Parity', exact: false, path,
      why: 'People who do not deserve the intervention should be equally likely to be flagged in every group.',
      note: 'FPR parity alone is not among the criteria. Equalized odds includes it and also asks for TPR parity, so it is stricter.',
    };
  }
  path.push('The intervention is assistive: a retention offer helps the customer who gets it');
  if (input.reach === 'small_fraction') {
    path.push('Only a small fraction of customers in need can be reached (offer budget, agent capacity)');
    return {
      criterion: 'equal_opportunity', leaf: 'Recall Parity (TPR Parity)', exact: true, path,
      why: 'Missing a would-be churner denies them the offer. With a limited budget, what must be equal is the chance that a churner in any group is offered it.',
    };
  }
  path.push('Most customers in need can be reached');
  const focus = input.focus ?? 'in_need';
  if (focus === 'not_assisted') {
    path.push('What matters most is equity among customers who get no offer');
    return {
      criterion: 'fnr_parity', leaf: 'FOR Parity', exact: false, path,
      why: 'Among customers left without an offer, the share who churn (FOR) should be the same in every group.',
      note: 'FOR parity is not among the criteria. FNR parity also counts missed churners, but per churner rather than per customer without an offer.',
    };
  }
  if (focus === 'everyone') {
    path.push('What matters most is equity across everyone, regardless of need');
    return {
      criterion: 'fnr_parity', leaf: 'FN/GroupSize Parity', exact: false, path,
      why: 'The share of each whole group that churns without an offer should be the same.',
      note: 'FN/GroupSize = base rate × FNR is not among the criteria. FNR parity is the closest check, and it differs from FN/GroupSize when base rates differ.',
    };
  }
  path.push('What matters most is equity among the customers who need the offer');
  return {
    criterion: 'fnr_parity', leaf: 'FNR Parity', exact: true, path,
    why: 'Would-be churners should be equally likely to be missed in every group.',
  };
}
