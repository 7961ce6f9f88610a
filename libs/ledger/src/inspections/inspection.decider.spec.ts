import { aClerkOf, contextFor, DeciderSpec } from '../shared/testing/decider-spec';
import {
  inspectionDecider,
  noticeDecider,
  type InspectionCommand,
  type NoticeCommand,
} from './inspection.decider';
import type {
  InspectionConducted,
  InspectionEvent,
  NoticeEvent,
  RectificationNoticeIssued,
} from './inspection.events';

const conducted = (over: Partial<InspectionConducted['data']> = {}): InspectionConducted => {
  const data = {
    inspectionId: 'i1',
    unitId: 'changning',
    squadId: 'chegsuo',
    conductedOn: '2020-04-20',
    targetKind: 'EXAM_SITE' as const,
    target: '科目二考场',
    issuesFound: 7,
    ...over,
  };
  return { type: 'InspectionConducted', data, businessDate: data.conductedOn };
};
const resolve = (count: number, resolvedOn = '2020-05-10'): InspectionCommand => ({
  kind: 'ResolveInspectionIssues',
  inspectionId: 'i1',
  unitId: 'changning',
  resolvedOn,
  count,
});
const resolved = (count: number): InspectionEvent => ({
  type: 'InspectionIssuesResolved',
  data: { inspectionId: 'i1', unitId: 'changning', resolvedOn: '2020-05-10', count },
  businessDate: '2020-05-10',
});
const inspectionVoided: InspectionEvent = {
  type: 'InspectionVoided',
  data: { inspectionId: 'i1', unitId: 'changning', reason: '重复' },
  businessDate: '2020-04-20',
};

describe('inspection decider', () => {
  const spec = DeciderSpec.for(inspectionDecider);

  describe('ConductInspection', () => {
    const conduct: InspectionCommand = { kind: 'ConductInspection', ...conducted().data };
    it('records the inspection and the issues it found', () => {
      spec.given().when(conduct).then(conducted());
    });
    it('refuses a second record, a future date and a clerk of another squad', () => {
      spec.given(conducted()).when(conduct).thenThrows('INSPECTION.EXISTS');
      spec.given().when(conduct, contextFor(undefined, '2020-04-19')).thenThrows('INSPECTION.FUTURE');
      spec
        .given()
        .when(conduct, contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
  });

  describe('ResolveInspectionIssues', () => {
    it('records resolutions until every issue found is resolved', () => {
      spec.given(conducted()).when(resolve(4)).then(resolved(4));
      spec.given(conducted(), resolved(4)).when(resolve(3)).then(resolved(3));
    });
    it('refuses more resolutions than issues found', () => {
      spec.given(conducted(), resolved(4)).when(resolve(4)).thenThrows('INSPECTION.OVER_RESOLVED');
    });
    it('refuses a date before the inspection or after today', () => {
      spec.given(conducted()).when(resolve(1, '2020-04-19')).thenThrows('INSPECTION.DATE');
      spec.given(conducted()).when(resolve(1, '2020-12-01')).thenThrows('INSPECTION.DATE');
    });
    it('refuses an unknown or voided inspection', () => {
      spec.given().when(resolve(1)).thenThrows('INSPECTION.NOT_FOUND');
      spec.given(conducted(), inspectionVoided).when(resolve(1)).thenThrows('INSPECTION.VOIDED');
    });
  });

  describe('VoidInspection', () => {
    const voidIt: InspectionCommand = {
      kind: 'VoidInspection',
      inspectionId: 'i1',
      unitId: 'changning',
      reason: '重复',
    };
    it('voids on the inspection day; a second void is refused', () => {
      spec.given(conducted()).when(voidIt).then(inspectionVoided);
      spec.given(conducted(), inspectionVoided).when(voidIt).thenThrows('INSPECTION.VOIDED');
    });
    it('refuses a clerk of another squad', () => {
      spec
        .given(conducted())
        .when(voidIt, contextFor(aClerkOf('chengqu')))
        .thenThrows('AUTH.SQUAD');
    });
  });
});

describe('rectification notice decider', () => {
  const spec = DeciderSpec.for(noticeDecider);
  const issued: RectificationNoticeIssued = {
    type: 'RectificationNoticeIssued',
    data: {
      noticeId: 'n1',
      unitId: 'changning',
      squadId: 'chengqu',
      issuedOn: '2020-08-03',
      targetOrg: '某冶炼企业',
      reason: '货车超载',
    },
    businessDate: '2020-08-03',
  };
  const voided: NoticeEvent = {
    type: 'RectificationNoticeVoided',
    data: { noticeId: 'n1', unitId: 'changning', reason: '录入错误' },
    businessDate: '2020-08-03',
  };
  const issue: NoticeCommand = { kind: 'IssueRectificationNotice', ...issued.data };
  const voidIt: NoticeCommand = {
    kind: 'VoidRectificationNotice',
    noticeId: 'n1',
    unitId: 'changning',
    reason: '录入错误',
  };

  describe('IssueRectificationNotice', () => {
    it('records a notice once, never in the future', () => {
      spec.given().when(issue).then(issued);
      spec.given(issued).when(issue).thenThrows('NOTICE.EXISTS');
      spec.given().when(issue, contextFor(undefined, '2020-08-02')).thenThrows('NOTICE.FUTURE');
    });
  });

  describe('VoidRectificationNotice', () => {
    it('voids a known notice once', () => {
      spec.given(issued).when(voidIt).then(voided);
      spec.given(issued, voided).when(voidIt).thenThrows('NOTICE.VOIDED');
      spec.given().when(voidIt).thenThrows('NOTICE.NOT_FOUND');
    });
  });
});
