import { HAZARD_KIND_LABELS, HAZARD_KINDS, type HazardKind } from '@ledger/ledger/events';

export const HAZARD_MEASURES = {
  hazardsFound: 'hazards.found',
  hazardsRectified: 'hazards.rectified',
  hazardsRectificationRequested: 'hazards.rectification_requested',
  hazardsListedFound: 'hazards.listed_found',
  hazardsListedRectified: 'hazards.listed_rectified',
} as const;

/** By kind: `hazards.found.road`, `hazards.rectified.roadside_market`… */
export const hazardsFoundOf = (kind: HazardKind) => `hazards.found.${kind.toLowerCase()}`;
export const hazardsRectifiedOf = (kind: HazardKind) => `hazards.rectified.${kind.toLowerCase()}`;

const H = HAZARD_MEASURES;
export const HAZARD_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [H.hazardsFound]: { zh: '排查隐患', unitZh: '处' },
  [H.hazardsRectified]: { zh: '隐患整改', unitZh: '处' },
  [H.hazardsRectificationRequested]: { zh: '督促隐患整改', unitZh: '次' },
  [H.hazardsListedFound]: { zh: '省挂牌督办隐患', unitZh: '处' },
  [H.hazardsListedRectified]: { zh: '省挂牌督办隐患整改', unitZh: '处' },
  ...Object.fromEntries(
    HAZARD_KINDS.flatMap((k) => [
      [hazardsFoundOf(k), { zh: `排查${HAZARD_KIND_LABELS[k]}`, unitZh: '处' }],
      [hazardsRectifiedOf(k), { zh: `${HAZARD_KIND_LABELS[k]}整改`, unitZh: '处' }],
    ]),
  ),
};
