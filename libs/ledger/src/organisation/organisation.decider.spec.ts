import { contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import { organisationDecider, type OrganisationCommand } from './organisation.decider';
import type { OrganisationEvent, UnitEstablished } from './organisation.events';

const established = (over: Partial<UnitEstablished['data']> = {}): UnitEstablished => {
  const data = {
    unitId: 'chengqu',
    name: '城区中队',
    kind: 'SQUAD' as const,
    parentId: 'changning',
    establishedOn: '2010-01-01',
    ...over,
  };
  return { type: 'UnitEstablished', data, businessDate: data.establishedOn };
};
const dissolved: OrganisationEvent = {
  type: 'UnitDissolved',
  data: { unitId: 'chengqu', dissolvedOn: '2020-05-01', reason: '机构调整' },
  businessDate: '2020-05-01',
};
const headcount = (over: Partial<Extract<OrganisationCommand, { kind: 'RecordHeadcount' }>> = {}) =>
  ({
    kind: 'RecordHeadcount',
    unitId: 'chengqu',
    actingParentId: 'changning',
    asOf: '2020-10-31',
    police: 5,
    cadres: 0,
    workers: 1,
    auxiliary: 8,
    authorisedEstablishment: null,
    ...over,
  }) satisfies OrganisationCommand;
const spec = DeciderSpec.for(organisationDecider);

describe('organisation decider', () => {
  describe('EstablishUnit', () => {
    const establish: OrganisationCommand = {
      kind: 'EstablishUnit',
      unitId: 'chengqu',
      name: '城区中队',
      unitKind: 'SQUAD',
      parentId: 'changning',
      establishedOn: '2010-01-01',
    };
    it('establishes a sub-unit under its parent', () => {
      spec.given().when(establish).then(established());
    });
    it('refuses a unit established twice', () => {
      spec.given(established()).when(establish).thenThrows('UNIT.EXISTS');
    });
    it('refuses a unit that is its own parent', () => {
      spec
        .given()
        .when({ ...establish, parentId: 'chengqu' })
        .thenThrows('UNIT.PARENT_SELF');
    });
    it('refuses an establishment dated after today', () => {
      spec
        .given()
        .when({ ...establish, establishedOn: '2020-12-01' }, contextFor(undefined, '2020-11-30'))
        .thenThrows('UNIT.FUTURE');
    });
  });

  describe('RenameUnit', () => {
    const rename = (name: string): OrganisationCommand => ({
      kind: 'RenameUnit',
      unitId: 'chengqu',
      actingParentId: 'changning',
      name,
      renamedOn: '2020-05-01',
    });
    it('records the new name from its date', () => {
      spec
        .given(established())
        .when(rename('城区一中队'))
        .then({
          type: 'UnitRenamed',
          data: { unitId: 'chengqu', name: '城区一中队', renamedOn: '2020-05-01' },
          businessDate: '2020-05-01',
        });
    });
    it('appends nothing when the name is unchanged', () => {
      spec.given(established()).when(rename('城区中队')).thenNothing();
    });
    it('refuses an unknown unit, and a dissolved one', () => {
      spec.given().when(rename('x')).thenThrows('UNIT.NOT_FOUND');
      spec.given(established(), dissolved).when(rename('x')).thenThrows('UNIT.DISSOLVED');
    });
    it('refuses a rename dated before the current name took effect', () => {
      const renamed: OrganisationEvent = {
        type: 'UnitRenamed',
        data: { unitId: 'chengqu', name: '城区一中队', renamedOn: '2020-05-01' },
        businessDate: '2020-05-01',
      };
      spec
        .given(established(), renamed)
        .when({ ...rename('城区二中队'), renamedOn: '2020-04-01' } as OrganisationCommand)
        .thenThrows('UNIT.RENAME_DATE');
    });
    it('refuses a parent that is not the recorded one', () => {
      spec
        .given(established())
        .when({ ...rename('x'), actingParentId: 'leiyang' } as OrganisationCommand)
        .thenThrows('UNIT.NOT_A_SUB_UNIT');
    });
  });

  describe('DissolveUnit', () => {
    const dissolve: OrganisationCommand = {
      kind: 'DissolveUnit',
      unitId: 'chengqu',
      actingParentId: 'changning',
      dissolvedOn: '2020-05-01',
      reason: '机构调整',
    };
    it('dissolves once; a second dissolution appends nothing', () => {
      spec.given(established()).when(dissolve).then(dissolved);
      spec.given(established(), dissolved).when(dissolve).thenNothing();
    });
    it('refuses a dissolution before the unit existed', () => {
      spec
        .given(established({ establishedOn: '2020-06-01' }))
        .when(dissolve)
        .thenThrows('UNIT.OUT_OF_LIFETIME');
    });
  });

  describe('RecordHeadcount', () => {
    it('records the staff as of a date', () => {
      const { kind: _k, actingParentId: _p, ...data } = headcount();
      spec
        .given(established())
        .when(headcount())
        .then({ type: 'HeadcountRecorded', data, businessDate: '2020-10-31' });
    });
    it('refuses a headcount dated after today, or after the unit was dissolved', () => {
      spec
        .given(established())
        .when(headcount({ asOf: '2021-01-01' }), contextFor(undefined, '2020-12-31'))
        .thenThrows('UNIT.FUTURE');
      spec
        .given(established(), dissolved)
        .when(headcount({ asOf: '2020-06-30' }))
        .thenThrows('UNIT.OUT_OF_LIFETIME');
    });
    it('refuses an unknown unit', () => {
      spec.given().when(headcount()).thenThrows('UNIT.NOT_FOUND');
    });
  });

  describe('RecruitAuxiliaryPolice', () => {
    const recruit: OrganisationCommand = {
      kind: 'RecruitAuxiliaryPolice',
      unitId: 'changning',
      actingParentId: null,
      recruitedOn: '2020-07-01',
      count: 100,
      qualifier: 'AT_LEAST',
    };
    it('records a recruitment that may be a lower bound', () => {
      spec
        .given(established({ unitId: 'changning', parentId: null, kind: 'BRIGADE' }))
        .when(recruit)
        .then({
          type: 'AuxiliaryPoliceRecruited',
          data: { unitId: 'changning', recruitedOn: '2020-07-01', count: 100, qualifier: 'AT_LEAST' },
          businessDate: '2020-07-01',
        });
    });
    it('refuses a brigade acting on itself as if it had a parent', () => {
      spec
        .given(established({ unitId: 'changning', parentId: null, kind: 'BRIGADE' }))
        .when({ ...recruit, actingParentId: 'hengyang' } as OrganisationCommand)
        .thenThrows('UNIT.NOT_A_SUB_UNIT');
    });
  });
});
