import { activityCounts } from '../counts/activity-counts.table';
import { ProjectionSpec, recorded } from '../testing/projection-spec';
import { organisationProjection } from './organisation.projection';
import { unitHeadcounts, unitNames, units } from './organisation.tables';

const established = (unitId: string, name: string, parentId: string | null, on = '2010-01-01') =>
  recorded(
    'UnitEstablished',
    { unitId, name, kind: parentId ? 'SQUAD' : 'BRIGADE', parentId, establishedOn: on },
    on,
  );
const brigade = established('changning', '常宁市公安局交通警察大队', null);
const squad = established('chengqu', '城区中队', 'changning');
const spec = ProjectionSpec.for(organisationProjection);

describe('organisation projection', () => {
  describe('on UnitEstablished', () => {
    it('adds the unit to the tree with its first name', async () => {
      const rows = await spec.given(brigade, squad).run();
      expect(rows.rows(units)).toEqual([
        {
          unit_id: 'changning',
          parent_id: null,
          name: '常宁市公安局交通警察大队',
          kind: 'BRIGADE',
          established_on: '2010-01-01',
          dissolved_on: null,
        },
        {
          unit_id: 'chengqu',
          parent_id: 'changning',
          name: '城区中队',
          kind: 'SQUAD',
          established_on: '2010-01-01',
          dissolved_on: null,
        },
      ]);
      expect(rows.rows(unitNames)).toHaveLength(2);
    });
  });

  describe('on UnitRenamed', () => {
    it('keeps every name with the day it took effect, and the latest on the unit', async () => {
      const renamed = recorded(
        'UnitRenamed',
        { unitId: 'chengqu', name: '城区一中队', renamedOn: '2020-05-01' },
        '2020-05-01',
      );
      const rows = await spec.given(squad, renamed).run();
      expect(rows.rows(units)[0]).toMatchObject({ name: '城区一中队' });
      expect(rows.rows(unitNames)).toEqual([
        { unit_id: 'chengqu', valid_from: '2010-01-01', name: '城区中队' },
        { unit_id: 'chengqu', valid_from: '2020-05-01', name: '城区一中队' },
      ]);
    });
    it('ignores a rename of a unit it never saw', async () => {
      const renamed = recorded('UnitRenamed', { unitId: 'x', name: 'y', renamedOn: '2020-05-01' });
      await spec.given(renamed).thenRows(units, []);
    });
  });

  describe('on UnitDissolved', () => {
    it('closes the unit on its day and keeps it in the tree', async () => {
      const dissolved = recorded(
        'UnitDissolved',
        { unitId: 'chengqu', dissolvedOn: '2020-05-01', reason: '机构调整' },
        '2020-05-01',
      );
      await spec
        .given(squad, dissolved)
        .thenRows(units, [{ unit_id: 'chengqu', dissolved_on: '2020-05-01', parent_id: 'changning' }]);
    });
  });

  describe('on HeadcountRecorded', () => {
    it('keeps one row per date; a later record for the same date replaces it', async () => {
      const headcount = (police: number, asOf = '2020-10-31') =>
        recorded(
          'HeadcountRecorded',
          {
            unitId: 'changning',
            asOf,
            police,
            cadres: 1,
            workers: 14,
            auxiliary: 100,
            authorisedEstablishment: null,
          },
          asOf,
        );
      await spec.given(headcount(50, '2019-12-31'), headcount(50), headcount(51)).thenRows(unitHeadcounts, [
        { unit_id: 'changning', as_of: '2019-12-31', police: 50 },
        { unit_id: 'changning', as_of: '2020-10-31', police: 51, authorised_establishment: null },
      ]);
    });
  });

  describe('on AuxiliaryPoliceRecruited', () => {
    it('counts the recruits on their day, flagged as a lower bound for "100余"', async () => {
      const recruited = (count: number, qualifier: string) =>
        recorded(
          'AuxiliaryPoliceRecruited',
          { unitId: 'changning', recruitedOn: '2020-07-01', count, qualifier },
          '2020-07-01',
        );
      await spec.given(recruited(100, 'AT_LEAST'), recruited(20, 'EXACT')).thenRows(activityCounts, [
        {
          unit_id: 'changning',
          squad_id: '',
          day: '2020-07-01',
          measure: 'staff.auxiliary_recruited',
          value: 120n,
          lower_bound: true,
        },
      ]);
    });
  });
});
