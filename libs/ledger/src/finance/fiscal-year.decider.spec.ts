import { contextFor, DeciderSpec, finance } from '../shared/testing/decider-spec';
import type {
  BudgetLine,
  Classification,
  ExpenditureRecorded,
  FinanceEvent,
  FiscalYearClosed,
  IncomeReceived,
  ProjectRegistered,
} from './finance.events';
import { fiscalYearDecider, type FiscalYearCommand } from './fiscal-year.decider';

const unit = { unitId: 'changning', year: 2020 };
const at = (today: string) => contextFor(finance, today);
const inDecember = at('2020-12-31');
const spec = DeciderSpec.for(fiscalYearDecider);

const opened: FinanceEvent = { type: 'FiscalYearOpened', data: unit, businessDate: '2020-01-01' };
const project: ProjectRegistered = {
  type: 'ProjectRegistered',
  data: { unitId: 'changning', projectId: 'xiejing', name: '交通协警经费', category: '协警' },
  businessDate: null,
};

const spent = (over: Partial<ExpenditureRecorded['data']> = {}): ExpenditureRecorded => {
  const data = {
    ...unit,
    paidOn: '2020-05-12',
    voucherNo: '付-0001',
    amountFen: 100_000,
    budgetKind: 'BASIC' as const,
    basicSubKind: 'PUBLIC' as const,
    projectId: null,
    fundSource: 'LOCAL_FISCAL',
    econCode: '30201',
    funcCode: '2040201',
    payee: '文具店',
    summary: '办公用品',
    ...over,
  };
  return { type: 'ExpenditureRecorded', data, businessDate: data.paidOn };
};
const spend = (over: Partial<ExpenditureRecorded['data']> = {}): FiscalYearCommand => ({
  kind: 'RecordExpenditure',
  ...spent(over).data,
});

const received = (over: Partial<IncomeReceived['data']> = {}): IncomeReceived => {
  const data = {
    ...unit,
    receivedOn: '2020-03-01',
    incomeType: 'FISCAL_GENERAL' as const,
    fundSource: 'LOCAL_FISCAL',
    amountFen: 5_000_000,
    voucherNo: '收-0001',
    ...over,
  };
  return { type: 'IncomeReceived', data, businessDate: data.receivedOn };
};

const line = (over: Partial<BudgetLine> = {}): BudgetLine => ({
  lineId: 'L1',
  budgetKind: 'BASIC',
  basicSubKind: 'PERSONNEL',
  projectId: null,
  fundSource: 'LOCAL_FISCAL',
  econCode: '30101',
  funcCode: '2040201',
  amountFen: 9_000_000,
  ...over,
});

const closed: FiscalYearClosed = {
  type: 'FiscalYearClosed',
  data: {
    ...unit,
    closedOn: '2021-01-15',
    incomeFen: 5_000_000,
    expenditureFen: 100_000,
    basicFen: 100_000,
    projectFen: 0,
  },
  businessDate: '2021-01-15',
};

const reverse = (amountFen: number, voucherNo = '付-0001'): FiscalYearCommand => ({
  kind: 'ReverseExpenditure',
  ...unit,
  originalVoucherNo: voucherNo,
  amountFen,
  reason: '退货',
  reversedOn: '2020-06-01',
});

describe('fiscal-year decider', () => {
  describe('OpenFiscalYear', () => {
    it('opens a year once; opening it again appends nothing', () => {
      spec
        .given()
        .when({ kind: 'OpenFiscalYear', ...unit }, inDecember)
        .then(opened);
      spec
        .given(opened)
        .when({ kind: 'OpenFiscalYear', ...unit }, inDecember)
        .thenNothing();
    });
    it('refuses to open a year more than one year ahead', () => {
      spec
        .given()
        .when({ kind: 'OpenFiscalYear', unitId: 'changning', year: 2022 }, at('2020-06-01'))
        .thenThrows('FINANCE.YEAR_TOO_FAR');
    });
  });

  describe('RecordExpenditure', () => {
    it('records a basic expenditure on the day it was paid', () => {
      spec.given(opened).when(spend(), inDecember).then(spent());
    });
    it('records a project expenditure that names a registered project', () => {
      const projectSpend = {
        budgetKind: 'PROJECT' as const,
        basicSubKind: null,
        projectId: 'xiejing',
        econCode: '30226',
      };
      spec.given(project, opened).when(spend(projectSpend), inDecember).then(spent(projectSpend));
    });
    it('refuses a project expenditure naming an unregistered project', () => {
      spec
        .given(opened)
        .when(
          spend({ budgetKind: 'PROJECT', basicSubKind: null, projectId: 'xiejing', econCode: '30226' }),
          inDecember,
        )
        .thenThrows('FINANCE.PROJECT_UNKNOWN');
    });
    it('refuses basic spending without its half, or with a project', () => {
      spec
        .given(opened)
        .when(spend({ basicSubKind: null }), inDecember)
        .thenThrows('FINANCE.CLASSIFICATION');
      spec
        .given(project, opened)
        .when(spend({ projectId: 'xiejing' }), inDecember)
        .thenThrows('FINANCE.CLASSIFICATION');
    });
    it('refuses a voucher number already used this year, by income or spending', () => {
      spec
        .given(opened, spent())
        .when(spend({ amountFen: 1 }), inDecember)
        .thenThrows('FINANCE.DUPLICATE_VOUCHER');
      spec
        .given(opened, received({ voucherNo: 'V-1' }))
        .when(spend({ voucherNo: 'V-1' }), inDecember)
        .thenThrows('FINANCE.DUPLICATE_VOUCHER');
    });
    it('refuses an economic code outside the code table and a malformed function code', () => {
      spec
        .given(opened)
        .when(spend({ econCode: '30230' }), inDecember)
        .thenThrows('FINANCE.ECON_CODE');
      spec
        .given(opened)
        .when(spend({ funcCode: '1040201' }), inDecember)
        .thenThrows('FINANCE.FUNC_CODE');
    });
    it('refuses a payment dated outside the fiscal year or after today', () => {
      spec
        .given(opened)
        .when(spend({ paidOn: '2021-01-02' }), at('2021-02-01'))
        .thenThrows('FINANCE.DATE_OUTSIDE_YEAR');
      spec
        .given(opened)
        .when(spend({ paidOn: '2020-05-12' }), at('2020-05-11'))
        .thenThrows('FINANCE.FUTURE_DATE');
    });
    it('refuses amounts that are not positive integer fen', () => {
      spec
        .given(opened)
        .when(spend({ amountFen: 0 }), inDecember)
        .thenThrows('FINANCE.AMOUNT');
      spec
        .given(opened)
        .when(spend({ amountFen: 12.5 }), inDecember)
        .thenThrows('FINANCE.AMOUNT');
      spec
        .given(opened)
        .when(spend({ amountFen: 2 ** 53 }), inDecember)
        .thenThrows('FINANCE.AMOUNT');
    });
    it('refuses a posting into a year that is not open', () => {
      spec.given().when(spend(), inDecember).thenThrows('FINANCE.YEAR_NOT_OPEN');
    });
    it('refuses a posting into a closed fiscal year', () => {
      spec
        .given(opened, spent(), closed)
        .when(spend({ voucherNo: '付-0002' }), at('2021-02-01'))
        .thenThrows('LEDGER.YEAR_CLOSED');
    });
  });

  describe('RecordIncome', () => {
    it('records income on the day it was received', () => {
      spec
        .given(opened)
        .when({ kind: 'RecordIncome', ...received().data }, inDecember)
        .then(received());
    });
    it('refuses income into a closed year', () => {
      spec
        .given(opened, closed)
        .when({ kind: 'RecordIncome', ...received({ voucherNo: '收-9' }).data }, at('2021-02-01'))
        .thenThrows('LEDGER.YEAR_CLOSED');
    });
  });

  describe('ReverseExpenditure', () => {
    it('reverses part of a voucher, then the rest, and refuses to go beyond what remains', () => {
      const partial: FinanceEvent = {
        type: 'ExpenditureReversed',
        data: {
          ...unit,
          originalVoucherNo: '付-0001',
          amountFen: 40_000,
          reason: '退货',
          reversedOn: '2020-06-01',
        },
        businessDate: '2020-06-01',
      };
      spec.given(opened, spent()).when(reverse(40_000), inDecember).then(partial);
      spec
        .given(opened, spent(), partial)
        .when(reverse(60_001), inDecember)
        .thenThrows('FINANCE.OVER_REVERSAL');
      spec
        .given(opened, spent(), partial)
        .when(reverse(60_000), inDecember)
        .then({ ...partial, data: { ...partial.data, amountFen: 60_000 } });
    });
    it('refuses an unknown voucher and an income voucher', () => {
      spec.given(opened).when(reverse(1), inDecember).thenThrows('FINANCE.VOUCHER_NOT_FOUND');
      spec
        .given(opened, received())
        .when(reverse(1, '收-0001'), inDecember)
        .thenThrows('FINANCE.NOT_EXPENDITURE');
    });
    it('refuses a reversal dated before the payment', () => {
      spec
        .given(opened, spent({ paidOn: '2020-07-01' }))
        .when(reverse(1), inDecember)
        .thenThrows('FINANCE.CORRECTION_DATE');
    });
    it('refuses a reversal in a closed year', () => {
      spec.given(opened, spent(), closed).when(reverse(1), at('2021-02-01')).thenThrows('LEDGER.YEAR_CLOSED');
    });
  });

  describe('ReclassifyExpenditure', () => {
    const to = {
      budgetKind: 'PROJECT' as const,
      basicSubKind: null,
      projectId: 'xiejing',
      fundSource: 'LOCAL_FISCAL',
      econCode: '30226',
      funcCode: '2040220',
    };
    const reclassify = (target: Classification = to): FiscalYearCommand => ({
      kind: 'ReclassifyExpenditure',
      ...unit,
      voucherNo: '付-0001',
      to: target,
      reason: '应列项目支出',
      reclassifiedOn: '2020-08-01',
    });
    it('records the move from the current classification to the new one', () => {
      spec
        .given(project, opened, spent())
        .when(reclassify(), inDecember)
        .then({
          type: 'ExpenditureReclassified',
          data: {
            ...unit,
            voucherNo: '付-0001',
            from: {
              budgetKind: 'BASIC',
              basicSubKind: 'PUBLIC',
              projectId: null,
              fundSource: 'LOCAL_FISCAL',
              econCode: '30201',
              funcCode: '2040201',
            },
            to,
            reason: '应列项目支出',
            reclassifiedOn: '2020-08-01',
          },
          businessDate: '2020-08-01',
        });
    });
    it('appends nothing when the classification does not change', () => {
      const same = { ...spent().data, budgetKind: 'BASIC' as const };
      spec
        .given(opened, spent())
        .when(
          reclassify({
            budgetKind: same.budgetKind,
            basicSubKind: 'PUBLIC',
            projectId: null,
            fundSource: same.fundSource,
            econCode: same.econCode,
            funcCode: same.funcCode,
          }),
          inDecember,
        )
        .thenNothing();
    });
    it('refuses to reclassify a fully reversed voucher', () => {
      const all: FinanceEvent = {
        type: 'ExpenditureReversed',
        data: {
          ...unit,
          originalVoucherNo: '付-0001',
          amountFen: 100_000,
          reason: 'x',
          reversedOn: '2020-06-01',
        },
        businessDate: '2020-06-01',
      };
      spec
        .given(project, opened, spent(), all)
        .when(reclassify(), inDecember)
        .thenThrows('FINANCE.VOUCHER_REVERSED');
    });
    it('refuses a target naming an unregistered project', () => {
      spec.given(opened, spent()).when(reclassify(), inDecember).thenThrows('FINANCE.PROJECT_UNKNOWN');
    });
  });

  describe('budgets', () => {
    const approve: FiscalYearCommand = {
      kind: 'ApproveBudget',
      ...unit,
      approvedOn: '2019-12-20',
      lines: [line()],
    };
    const approved: FinanceEvent = {
      type: 'BudgetApproved',
      data: { ...unit, approvedOn: '2019-12-20', lines: [line()] },
      businessDate: '2019-12-20',
    };
    it('approves a budget once; a second approval is refused', () => {
      spec.given(opened).when(approve, inDecember).then(approved);
      spec.given(opened, approved).when(approve, inDecember).thenThrows('FINANCE.BUDGET_EXISTS');
    });
    it('refuses duplicate lines and project lines naming no registered project', () => {
      spec
        .given(opened)
        .when({ ...approve, lines: [line(), line()] } as FiscalYearCommand, inDecember)
        .thenThrows('FINANCE.DUPLICATE_LINE');
      spec
        .given(opened)
        .when(
          {
            ...approve,
            lines: [line({ budgetKind: 'PROJECT', basicSubKind: null, projectId: 'nope' })],
          } as FiscalYearCommand,
          inDecember,
        )
        .thenThrows('FINANCE.PROJECT_UNKNOWN');
    });
    it('adjusts only the lines that change, and needs an approved budget', () => {
      const adjust: FiscalYearCommand = {
        kind: 'AdjustBudget',
        ...unit,
        approvedOn: '2020-07-01',
        lines: [line(), line({ lineId: 'L2', econCode: '30201', basicSubKind: 'PUBLIC', amountFen: 10 })],
        reason: '追加',
      };
      spec.given(opened).when(adjust, inDecember).thenThrows('FINANCE.NO_BUDGET');
      spec
        .given(opened, approved)
        .when(adjust, inDecember)
        .then({
          type: 'BudgetAdjusted',
          data: {
            ...unit,
            approvedOn: '2020-07-01',
            lines: [line({ lineId: 'L2', econCode: '30201', basicSubKind: 'PUBLIC', amountFen: 10 })],
            reason: '追加',
          },
          businessDate: '2020-07-01',
        });
      spec
        .given(opened, approved)
        .when({ ...adjust, lines: [line()] } as FiscalYearCommand, inDecember)
        .thenNothing();
    });
  });

  describe('三公 budget', () => {
    const amounts = {
      overseasFen: 0,
      vehiclePurchaseFen: 0,
      vehicleOperationFen: 800_000,
      receptionFen: 100_000,
    };
    const set: FiscalYearCommand = { kind: 'SetThreePublicBudget', ...unit, setOn: '2020-01-10', ...amounts };
    const wasSet: FinanceEvent = {
      type: 'ThreePublicBudgetSet',
      data: { ...unit, setOn: '2020-01-10', ...amounts },
      businessDate: '2020-01-10',
    };
    it('is set once; a second setting is refused and a separate adjustment is accepted', () => {
      spec.given(opened).when(set, inDecember).then(wasSet);
      spec.given(opened, wasSet).when(set, inDecember).thenThrows('FINANCE.THREE_PUBLIC_BUDGET_EXISTS');
      spec
        .given(opened, wasSet)
        .when(
          {
            ...set,
            kind: 'AdjustThreePublicBudget',
            receptionFen: 50_000,
            reason: '压减',
          } as FiscalYearCommand,
          inDecember,
        )
        .then({
          type: 'ThreePublicBudgetAdjusted',
          data: { ...unit, setOn: '2020-01-10', ...amounts, receptionFen: 50_000, reason: '压减' },
          businessDate: '2020-01-10',
        });
    });
  });

  describe('CloseFiscalYear', () => {
    const close: FiscalYearCommand = { kind: 'CloseFiscalYear', ...unit, closedOn: '2021-01-15' };
    it('closes on the totals the books hold, net of reversals, split basic and project', () => {
      const projectSpend = spent({
        voucherNo: '付-0002',
        budgetKind: 'PROJECT',
        basicSubKind: null,
        projectId: 'xiejing',
        amountFen: 300_000,
      });
      const reversed: FinanceEvent = {
        type: 'ExpenditureReversed',
        data: {
          ...unit,
          originalVoucherNo: '付-0001',
          amountFen: 25_000,
          reason: 'x',
          reversedOn: '2020-06-01',
        },
        businessDate: '2020-06-01',
      };
      spec
        .given(project, opened, received(), spent(), projectSpend, reversed)
        .when(close, at('2021-01-15'))
        .then({
          type: 'FiscalYearClosed',
          data: {
            ...unit,
            closedOn: '2021-01-15',
            incomeFen: 5_000_000,
            expenditureFen: 375_000,
            basicFen: 75_000,
            projectFen: 300_000,
          },
          businessDate: '2021-01-15',
        });
    });
    it('moves the remaining amount between basic and project when a voucher is reclassified', () => {
      const moved: FinanceEvent = {
        type: 'ExpenditureReclassified',
        data: {
          ...unit,
          voucherNo: '付-0001',
          from: { ...spent().data },
          to: {
            budgetKind: 'PROJECT',
            basicSubKind: null,
            projectId: 'xiejing',
            fundSource: 'LOCAL_FISCAL',
            econCode: '30226',
            funcCode: '2040220',
          },
          reason: 'x',
          reclassifiedOn: '2020-08-01',
        },
        businessDate: '2020-08-01',
      };
      spec
        .given(project, opened, spent(), moved)
        .when(close, at('2021-01-15'))
        .then({
          type: 'FiscalYearClosed',
          data: {
            ...unit,
            closedOn: '2021-01-15',
            incomeFen: 0,
            expenditureFen: 100_000,
            basicFen: 0,
            projectFen: 100_000,
          },
          businessDate: '2021-01-15',
        });
    });
    it('refuses a closing date before the year ends, and a second close', () => {
      spec
        .given(opened)
        .when({ ...close, closedOn: '2020-12-30' } as FiscalYearCommand, inDecember)
        .thenThrows('FINANCE.CLOSE_DATE');
      spec.given(opened, closed).when(close, at('2021-02-01')).thenThrows('LEDGER.YEAR_CLOSED');
    });
  });

  describe('RecordPostCloseAdjustment', () => {
    const auditor = { id: 'auditor-1', role: 'auditor' as const, unitId: 'changning', squadId: null };
    const adjust = (
      change: Extract<FiscalYearCommand, { kind: 'RecordPostCloseAdjustment' }>['change'],
    ): FiscalYearCommand => ({
      kind: 'RecordPostCloseAdjustment',
      ...unit,
      adjustedOn: '2021-03-01',
      approvedBy: auditor.id,
      auditRef: '审计〔2021〕3号',
      reason: '审计发现漏记',
      change,
    });
    const lateSpend = {
      kind: 'EXPENDITURE' as const,
      voucherNo: '付-0099',
      paidOn: '2020-12-30',
      amountFen: 20_000,
      payee: '加油站',
      summary: '油费',
      budgetKind: 'BASIC' as const,
      basicSubKind: 'PUBLIC' as const,
      projectId: null,
      fundSource: 'LOCAL_FISCAL',
      econCode: '30231',
      funcCode: '2040201',
    };
    it('is the one posting a closed year accepts', () => {
      spec
        .given(opened, spent(), closed)
        .when(adjust(lateSpend), at('2021-03-02'))
        .then({
          type: 'PostCloseAdjustmentRecorded',
          data: {
            ...unit,
            adjustedOn: '2021-03-01',
            approvedBy: 'auditor-1',
            auditRef: '审计〔2021〕3号',
            reason: '审计发现漏记',
            change: lateSpend,
          },
          businessDate: '2021-03-01',
        });
    });
    it('still refuses duplicate vouchers and over-reversals', () => {
      spec
        .given(opened, spent(), closed)
        .when(adjust({ ...lateSpend, voucherNo: '付-0001' }), at('2021-03-02'))
        .thenThrows('FINANCE.DUPLICATE_VOUCHER');
      spec
        .given(opened, spent(), closed)
        .when(
          adjust({ kind: 'REVERSAL', originalVoucherNo: '付-0001', amountFen: 100_001 }),
          at('2021-03-02'),
        )
        .thenThrows('FINANCE.OVER_REVERSAL');
    });
    it('is refused while the year is open, when self-approved, or dated before the close', () => {
      spec.given(opened, spent()).when(adjust(lateSpend), at('2021-03-02')).thenThrows('FINANCE.YEAR_OPEN');
      spec
        .given(opened, closed)
        .when({ ...adjust(lateSpend), approvedBy: finance.id } as FiscalYearCommand, at('2021-03-02'))
        .thenThrows('FINANCE.SELF_APPROVAL');
      spec
        .given(opened, closed)
        .when({ ...adjust(lateSpend), adjustedOn: '2021-01-10' } as FiscalYearCommand, at('2021-03-02'))
        .thenThrows('FINANCE.ADJUSTMENT_DATE');
    });
    it('lets a later adjustment reverse what an earlier adjustment booked', () => {
      const booked: FinanceEvent = {
        type: 'PostCloseAdjustmentRecorded',
        data: {
          ...unit,
          adjustedOn: '2021-03-01',
          approvedBy: 'auditor-1',
          auditRef: 'a',
          reason: 'r',
          change: lateSpend,
        },
        businessDate: '2021-03-01',
      };
      spec
        .given(opened, closed, booked)
        .when(adjust({ kind: 'REVERSAL', originalVoucherNo: '付-0099', amountFen: 20_000 }), at('2021-03-02'))
        .then({
          type: 'PostCloseAdjustmentRecorded',
          data: {
            ...unit,
            adjustedOn: '2021-03-01',
            approvedBy: 'auditor-1',
            auditRef: '审计〔2021〕3号',
            reason: '审计发现漏记',
            change: { kind: 'REVERSAL', originalVoucherNo: '付-0099', amountFen: 20_000 },
          },
          businessDate: '2021-03-01',
        });
    });
  });
});
