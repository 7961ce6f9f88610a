import {
  INSPECTION_TARGET_KINDS,
  INSPECTION_TARGET_LABELS,
  type InspectionTargetKind,
} from '@ledger/ledger/events';

export const INSPECTION_MEASURES = {
  inspectionsConducted: 'inspections.conducted',
  inspectionIssuesFound: 'inspections.issues_found',
  inspectionIssuesResolved: 'inspections.issues_resolved',
  noticesIssued: 'notices.issued',
} as const;

/** By target: `inspections.conducted.school_bus`… */
export const inspectionsConductedOf = (kind: InspectionTargetKind) =>
  `inspections.conducted.${kind.toLowerCase()}`;

const I = INSPECTION_MEASURES;
export const INSPECTION_MEASURE_LABELS: Readonly<Record<string, { zh: string; unitZh: string }>> = {
  [I.inspectionsConducted]: { zh: '安全检查', unitZh: '次' },
  [I.inspectionIssuesFound]: { zh: '检查发现问题', unitZh: '个' },
  [I.inspectionIssuesResolved]: { zh: '检查问题整改', unitZh: '个' },
  [I.noticesIssued]: { zh: '下发整改通知书', unitZh: '份' },
  ...Object.fromEntries(
    INSPECTION_TARGET_KINDS.map((k) => [
      inspectionsConductedOf(k),
      { zh: `安全检查（${INSPECTION_TARGET_LABELS[k]}）`, unitZh: '次' },
    ]),
  ),
};
