import { activityCounts } from '../counts/activity-counts.table';
import { recorded, ProjectionSpec } from '../testing/projection-spec';
import { casesProjection } from './cases.projection';
import { administrativeDetentions, criminalCases } from './cases.tables';

const filed = (over: Record<string, unknown> = {}) =>
  recorded(
    'CriminalCaseFiled',
    {
      caseNo: 'X1',
      unitId: 'changning',
      squadId: 'chengqu',
      filedOn: '2020-05-12',
      offence: 'DANGEROUS_DRIVING',
      ...over,
    },
    '2020-05-12',
  );
const measure = (measure: string, appliedOn: string, personRef = 'P1') =>
  recorded(
    'CoerciveMeasureApplied',
    { caseNo: 'X1', unitId: 'changning', personRef, measure, appliedOn },
    appliedOn,
  );
const voided = recorded('CriminalCaseVoided', { caseNo: 'X1', unitId: 'changning', reason: '重复' });
const detention = recorded(
  'AdministrativeDetentionImposed',
  {
    recordId: 'XZ1',
    unitId: 'changning',
    squadId: 'chengqu',
    imposedOn: '2020-06-02',
    persons: 3,
    reason: '醉酒驾驶',
  },
  '2020-06-02',
);
const at = (day: string) => ({ unit_id: 'changning', squad_id: 'chengqu', day });
const spec = ProjectionSpec.for(casesProjection);

describe('cases projection', () => {
  describe('on CriminalCaseFiled', () => {
    it('counts the case on its filing day, once even when the event is delivered twice', async () => {
      const once = filed();
      await spec
        .given(once, once)
        .thenRows(activityCounts, [{ ...at('2020-05-12'), measure: 'cases.criminal_filed', value: 1n }]);
      await spec
        .given(once)
        .thenRows(criminalCases, [{ case_no: 'X1', status: 'open', offence: 'DANGEROUS_DRIVING' }]);
    });
  });

  describe('on CoerciveMeasureApplied', () => {
    it("counts each measure in persons on the day applied, under the case's squad", async () => {
      const detained = measure('CRIMINAL_DETENTION', '2020-05-13');
      await spec
        .given(
          filed(),
          detained,
          detained,
          measure('CRIMINAL_DETENTION', '2020-05-13', 'P2'),
          measure('ARREST', '2020-05-20'),
          measure('DIRECT_PROSECUTION', '2020-07-01', 'P3'),
        )
        .thenRows(activityCounts, [
          { ...at('2020-05-12'), measure: 'cases.criminal_filed', value: 1n },
          { ...at('2020-05-13'), measure: 'cases.criminal_detention', value: 2n },
          { ...at('2020-05-20'), measure: 'cases.arrest', value: 1n },
          { ...at('2020-07-01'), measure: 'cases.direct_prosecution', value: 1n },
        ]);
    });
    it('keeps no person reference in the view', async () => {
      const rows = await spec.given(filed(), measure('ARREST', '2020-05-20', 'P-secret')).run();
      expect(JSON.stringify(rows.rows(criminalCases))).not.toContain('P-secret');
    });
    it('ignores a measure on a case the view does not hold', async () => {
      await spec.given(measure('ARREST', '2020-05-20')).thenRows(activityCounts, []);
    });
  });

  describe('on CriminalCaseVoided', () => {
    it('takes the filing and every measure back out of their days, once', async () => {
      await spec
        .given(
          filed(),
          measure('CRIMINAL_DETENTION', '2020-05-13'),
          measure('ARREST', '2020-05-20'),
          voided,
          voided,
        )
        .thenRows(activityCounts, []);
    });
    it('leaves other cases of the same day counted', async () => {
      await spec
        .given(filed(), filed({ caseNo: 'X2' }), voided)
        .thenRows(activityCounts, [{ ...at('2020-05-12'), measure: 'cases.criminal_filed', value: 1n }]);
    });
    it('ignores measures posted after the void', async () => {
      await spec.given(filed(), voided, measure('ARREST', '2020-05-20')).thenRows(activityCounts, []);
    });
  });

  describe('on AdministrativeDetentionImposed', () => {
    it('counts the persons on the day imposed, once per record', async () => {
      await spec
        .given(detention, detention)
        .thenRows(activityCounts, [
          { ...at('2020-06-02'), measure: 'cases.administrative_detention', value: 3n },
        ]);
    });
  });

  describe('on AdministrativeDetentionVoided', () => {
    it('takes the persons back out of the day imposed, once', async () => {
      const v = recorded('AdministrativeDetentionVoided', {
        recordId: 'XZ1',
        unitId: 'changning',
        reason: '错录',
      });
      await spec.given(detention, v, v).thenRows(activityCounts, []);
      await spec
        .given(detention, v)
        .thenRows(administrativeDetentions, [{ record_id: 'XZ1', status: 'voided' }]);
    });
  });
});
