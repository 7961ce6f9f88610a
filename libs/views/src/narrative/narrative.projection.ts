import type { RecordedEvent } from '@ledger/event-store';
import { assertNever, type NarrativeEvent } from '@ledger/ledger/events';

import type { Projection, RowStore } from '../engine/projection';
import { performanceTargets, priorBaselines, reportSections } from './narrative.tables';

const HANDLES: NarrativeEvent['type'][] = [
  'ReportSectionDrafted',
  'PerformanceTargetSet',
  'PriorPeriodBaselineRecorded',
];

/**
 * The office's text, targets and baselines, one row per event: nothing is replaced, so a redelivered event
 * writes the same row again and "as of position P" is a query. Every value comes from the event's envelope or
 * payload, so a rebuild yields the same rows.
 */
export const narrativeProjection: Projection = {
  name: 'narrative',
  version: 1,
  tables: [reportSections, performanceTargets, priorBaselines],
  handles: HANDLES,

  async apply(recorded: RecordedEvent, rows: RowStore) {
    const event = { type: recorded.type, data: recorded.data } as NarrativeEvent;
    const envelope = {
      version: recorded.streamVersion,
      position: recorded.position,
      recorded_at: recorded.recordedAt,
    };
    switch (event.type) {
      case 'ReportSectionDrafted': {
        const d = event.data;
        rows.put(reportSections, {
          ...envelope,
          unit_id: d.unitId,
          year: d.year,
          section: d.section,
          paragraphs: [...d.paragraphs],
          drafted_on: d.draftedOn,
          drafted_by: recorded.principal,
        });
        return;
      }
      case 'PerformanceTargetSet': {
        const d = event.data;
        rows.put(performanceTargets, {
          ...envelope,
          unit_id: d.unitId,
          year: d.year,
          indicator_code: d.indicatorCode,
          target: d.target,
          unit: d.unit,
          weight: d.weight,
          recorded_by: recorded.principal,
        });
        return;
      }
      case 'PriorPeriodBaselineRecorded': {
        const d = event.data;
        rows.put(priorBaselines, {
          ...envelope,
          unit_id: d.unitId,
          metric: d.metric,
          period_from: d.period.from,
          period_to: d.period.to,
          value: d.value,
          qualifier: d.qualifier,
          source: d.source,
          recorded_by: recorded.principal,
        });
        return;
      }
      default:
        return assertNever(event);
    }
  },
};
