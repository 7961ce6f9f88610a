import { activityCounts } from '../counts/activity-counts.table';
import { ProjectionSpec, recorded } from '../testing/projection-spec';
import { rectificationNotices } from './inspection.tables';
import { inspectionsProjection } from './inspections.projection';

const conducted = (over: Record<string, unknown> = {}) => {
  const data = {
    inspectionId: 'i1',
    unitId: 'changning',
    squadId: 'chegsuo',
    conductedOn: '2020-04-20',
    targetKind: 'EXAM_SITE',
    target: '科目二考场',
    issuesFound: 7,
    ...over,
  };
  return recorded('InspectionConducted', data, data.conductedOn);
};
const resolved = (count: number, resolvedOn: string) =>
  recorded(
    'InspectionIssuesResolved',
    { inspectionId: 'i1', unitId: 'changning', resolvedOn, count },
    resolvedOn,
  );
const inspectionVoided = recorded(
  'InspectionVoided',
  { inspectionId: 'i1', unitId: 'changning', reason: '重复' },
  '2020-04-20',
);
const issued = recorded(
  'RectificationNoticeIssued',
  {
    noticeId: 'n1',
    unitId: 'changning',
    squadId: 'chengqu',
    issuedOn: '2020-08-03',
    targetOrg: '某冶炼企业',
    reason: '货车超载',
  },
  '2020-08-03',
);
const noticeVoided = recorded(
  'RectificationNoticeVoided',
  { noticeId: 'n1', unitId: 'changning', reason: '录入错误' },
  '2020-08-03',
);
const on = (day: string, measure: string, value: bigint, squad_id = 'chegsuo') => ({
  unit_id: 'changning',
  squad_id,
  day,
  measure,
  value,
});
const spec = ProjectionSpec.for(inspectionsProjection);

describe('inspections projection', () => {
  describe('on InspectionConducted', () => {
    it('counts the inspection, by target, and the issues it found on its day', async () => {
      await spec
        .given(conducted())
        .thenRows(activityCounts, [
          on('2020-04-20', 'inspections.conducted', 1n),
          on('2020-04-20', 'inspections.conducted.exam_site', 1n),
          on('2020-04-20', 'inspections.issues_found', 7n),
        ]);
    });
  });

  describe('on InspectionIssuesResolved', () => {
    it('counts resolutions on the days they happened', async () => {
      const rows = await spec.given(conducted(), resolved(4, '2020-05-10'), resolved(3, '2020-05-20')).run();
      expect(rows.rows(activityCounts).filter((r) => r.measure === 'inspections.issues_resolved')).toEqual(
        [
          on('2020-05-10', 'inspections.issues_resolved', 4n),
          on('2020-05-20', 'inspections.issues_resolved', 3n),
        ].map((r) => expect.objectContaining(r)),
      );
    });
  });

  describe('on InspectionVoided', () => {
    it('takes back the inspection and its resolutions; a second void changes nothing', async () => {
      await spec
        .given(conducted(), resolved(4, '2020-05-10'), inspectionVoided, inspectionVoided)
        .thenRows(activityCounts, []);
    });
  });

  describe('on RectificationNoticeIssued', () => {
    it('counts the notice on the day it was issued', async () => {
      await spec.given(issued).thenRows(activityCounts, [on('2020-08-03', 'notices.issued', 1n, 'chengqu')]);
    });
  });

  describe('on RectificationNoticeVoided', () => {
    it('takes the notice back out, once', async () => {
      const rows = await spec.given(issued, noticeVoided, noticeVoided).run();
      expect(rows.rows(activityCounts)).toEqual([]);
      expect(rows.rows(rectificationNotices)[0]).toMatchObject({ status: 'voided' });
    });
  });
});
