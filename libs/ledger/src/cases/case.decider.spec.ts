import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import {
  administrativeDetentionDecider,
  criminalCaseDecider,
  type AdministrativeDetentionCommand,
  type CriminalCaseCommand,
} from './case.decider';
import type {
  AdministrativeDetentionImposed,
  CoerciveMeasureApplied,
  CriminalCaseFiled,
  CriminalCaseVoided,
} from './case.events';

const filed = (over: Partial<CriminalCaseFiled['data']> = {}): CriminalCaseFiled => {
  const data = {
    caseNo: 'X2020-001',
    unitId: 'changning',
    squadId: 'chengqu',
    filedOn: '2020-05-12',
    offence: 'DANGEROUS_DRIVING' as const,
    ...over,
  };
  return { type: 'CriminalCaseFiled', data, businessDate: data.filedOn };
};
const file = (over: Partial<CriminalCaseFiled['data']> = {}): CriminalCaseCommand => ({
  kind: 'FileCriminalCase',
  ...filed(over).data,
});
const applied = (over: Partial<CoerciveMeasureApplied['data']> = {}): CoerciveMeasureApplied => {
  const data = {
    caseNo: 'X2020-001',
    unitId: 'changning',
    personRef: 'P-7',
    measure: 'CRIMINAL_DETENTION' as const,
    appliedOn: '2020-05-13',
    ...over,
  };
  return { type: 'CoerciveMeasureApplied', data, businessDate: data.appliedOn };
};
const apply = (over: Partial<CoerciveMeasureApplied['data']> = {}): CriminalCaseCommand => ({
  kind: 'ApplyCoerciveMeasure',
  ...applied(over).data,
});
const voided: CriminalCaseVoided = {
  type: 'CriminalCaseVoided',
  data: { caseNo: 'X2020-001', unitId: 'changning', reason: '重复立案' },
  businessDate: '2020-05-12',
};
const voidCase: CriminalCaseCommand = {
  kind: 'VoidCriminalCase',
  caseNo: 'X2020-001',
  unitId: 'changning',
  reason: '重复立案',
};
const spec = DeciderSpec.for(criminalCaseDecider);

describe('criminal case decider', () => {
  describe('FileCriminalCase', () => {
    it('files a new case on its filing date', () => {
      spec.given().when(file()).then(filed());
    });
    it('refuses a second filing of the same case number', () => {
      spec.given(filed()).when(file()).thenThrows('CASE.EXISTS');
    });
    it('refuses a filing dated after today', () => {
      spec
        .given()
        .when(file({ filedOn: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('CASE.FUTURE');
    });
  });

  describe('ApplyCoerciveMeasure', () => {
    it('records the measure on the day it was applied', () => {
      spec.given(filed()).when(apply()).then(applied());
    });
    it('lets the same person get a different measure, and another person the same one', () => {
      spec
        .given(filed(), applied())
        .when(apply({ measure: 'ARREST', appliedOn: '2020-05-20' }))
        .then(applied({ measure: 'ARREST', appliedOn: '2020-05-20' }));
      spec
        .given(filed(), applied())
        .when(apply({ personRef: 'P-8' }))
        .then(applied({ personRef: 'P-8' }));
    });
    it('refuses the same measure twice for the same person in a case', () => {
      spec
        .given(filed(), applied())
        .when(apply({ appliedOn: '2020-06-01' }))
        .thenThrows('CASE.MEASURE_EXISTS');
    });
    it('refuses a measure on an unknown case', () => {
      spec.given().when(apply()).thenThrows('CASE.NOT_FOUND');
    });
    it('refuses a measure on a voided case', () => {
      spec.given(filed(), voided).when(apply()).thenThrows('CASE.VOIDED');
    });
    it('refuses a measure dated after today or before the filing', () => {
      spec
        .given(filed())
        .when(apply({ appliedOn: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('CASE.FUTURE');
      spec
        .given(filed())
        .when(apply({ appliedOn: '2020-05-11' }))
        .thenThrows('CASE.MEASURE_DATE');
    });
    it('refuses a clerk of another squad, and accepts the case squad clerk', () => {
      spec
        .given(filed())
        .when(apply(), contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
      spec
        .given(filed())
        .when(apply(), contextFor(aClerkOf('chengqu')))
        .then(applied());
    });
  });

  describe('VoidCriminalCase', () => {
    it('voids an open case, dated on its filing', () => {
      spec.given(filed(), applied()).when(voidCase).then(voided);
    });
    it('refuses a second void and an unknown case', () => {
      spec.given(filed(), voided).when(voidCase).thenThrows('CASE.VOIDED');
      spec.given().when(voidCase).thenThrows('CASE.NOT_FOUND');
    });
    it('refuses a clerk of another squad', () => {
      spec
        .given(filed())
        .when(voidCase, contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
    });
  });
});

const imposed = (
  over: Partial<AdministrativeDetentionImposed['data']> = {},
): AdministrativeDetentionImposed => {
  const data = {
    recordId: 'XZ-1',
    unitId: 'changning',
    squadId: 'chengqu',
    imposedOn: '2020-06-02',
    persons: 2,
    reason: '醉酒驾驶',
    ...over,
  };
  return { type: 'AdministrativeDetentionImposed', data, businessDate: data.imposedOn };
};
const impose = (
  over: Partial<AdministrativeDetentionImposed['data']> = {},
): AdministrativeDetentionCommand => ({
  kind: 'ImposeAdministrativeDetention',
  ...imposed(over).data,
});
const voidDetention: AdministrativeDetentionCommand = {
  kind: 'VoidAdministrativeDetention',
  recordId: 'XZ-1',
  unitId: 'changning',
  reason: '录入错误',
};
const detentions = DeciderSpec.for(administrativeDetentionDecider);

describe('administrative detention decider', () => {
  describe('ImposeAdministrativeDetention', () => {
    it('records the detention on the day imposed', () => {
      detentions.given().when(impose()).then(imposed());
    });
    it('refuses a duplicate record and a future date', () => {
      detentions.given(imposed()).when(impose()).thenThrows('ADMIN_DETENTION.EXISTS');
      detentions
        .given()
        .when(impose({ imposedOn: '2020-12-01' }), contextFor(undefined, '2020-11-30'))
        .thenThrows('ADMIN_DETENTION.FUTURE');
    });
  });

  describe('VoidAdministrativeDetention', () => {
    const voidedDetention = {
      type: 'AdministrativeDetentionVoided' as const,
      data: { recordId: 'XZ-1', unitId: 'changning', reason: '录入错误' },
      businessDate: '2020-06-02',
    };
    it('voids the record, dated on the day imposed', () => {
      detentions.given(imposed()).when(voidDetention).then(voidedDetention);
    });
    it('refuses an unknown record, a second void and a clerk of another squad', () => {
      detentions.given().when(voidDetention).thenThrows('ADMIN_DETENTION.NOT_FOUND');
      detentions.given(imposed(), voidedDetention).when(voidDetention).thenThrows('ADMIN_DETENTION.VOIDED');
      detentions
        .given(imposed())
        .when(voidDetention, contextFor(aClerkOf('songbai')))
        .thenThrows('AUTH.SQUAD');
    });
  });
});
