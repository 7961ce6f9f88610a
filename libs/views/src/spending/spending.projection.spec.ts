import { ProjectionSpec, recorded } from '../testing/projection-spec';
import { spendingProjection } from './spending.projection';
import {
  budgetLines,
  carryForwards,
  expenditureDays,
  financeVouchers,
  fiscalYears,
  incomeDays,
  projects,
  threePublicBudgets,
} from './spending.tables';

const unit = { unitId: 'changning', year: 2020 };
const spec = ProjectionSpec.for(spendingProjection);

const basicOffice = {
  budgetKind: 'BASIC',
  basicSubKind: 'PUBLIC',
  projectId: null,
  fundSource: 'LOCAL_FISCAL',
  econCode: '30201',
  funcCode: '2040201',
};
const projectLabour = {
  budgetKind: 'PROJECT',
  basicSubKind: null,
  projectId: 'xiejing',
  fundSource: 'LOCAL_FISCAL',
  econCode: '30226',
  funcCode: '2040220',
};

const spent = (over: Record<string, unknown> = {}) =>
  recorded(
    'ExpenditureRecorded',
    {
      ...unit,
      paidOn: '2020-05-12',
      voucherNo: '付-0001',
      amountFen: 100_000,
      ...basicOffice,
      payee: '文具店',
      summary: '办公用品',
      ...over,
    },
    '2020-05-12',
  );

const onMay12 = { unit_id: 'changning', day: '2020-05-12' };
const officeRow = {
  ...onMay12,
  budget_kind: 'BASIC',
  basic_sub_kind: 'PUBLIC',
  project_id: '',
  fund_source: 'LOCAL_FISCAL',
  econ_code: '30201',
  func_code: '2040201',
};
const labourRow = {
  ...onMay12,
  budget_kind: 'PROJECT',
  basic_sub_kind: '',
  project_id: 'xiejing',
  fund_source: 'LOCAL_FISCAL',
  econ_code: '30226',
  func_code: '2040220',
};

const reversed = (amountFen: number, reversedOn = '2020-09-30') =>
  recorded(
    'ExpenditureReversed',
    { ...unit, originalVoucherNo: '付-0001', amountFen, reason: '退货', reversedOn },
    reversedOn,
  );

const reclassified = () =>
  recorded(
    'ExpenditureReclassified',
    {
      ...unit,
      voucherNo: '付-0001',
      from: basicOffice,
      to: projectLabour,
      reason: '应列项目支出',
      reclassifiedOn: '2020-11-02',
    },
    '2020-11-02',
  );

const closed = () =>
  recorded(
    'FiscalYearClosed',
    {
      ...unit,
      closedOn: '2021-01-15',
      incomeFen: 0,
      expenditureFen: 100_000,
      basicFen: 100_000,
      projectFen: 0,
    },
    '2021-01-15',
  );

describe('spending projection', () => {
  describe('on FiscalYearOpened', () => {
    it('opens the year row once', async () => {
      const opened = recorded('FiscalYearOpened', unit, '2020-01-01');
      await spec
        .given(opened, opened)
        .thenRows(fiscalYears, [
          { unit_id: 'changning', year: 2020, status: 'open', post_close_adjustments: 0 },
        ]);
    });
  });

  describe('on ProjectRegistered', () => {
    it('keeps the project for labels', async () => {
      await spec
        .given(
          recorded('ProjectRegistered', {
            unitId: 'changning',
            projectId: 'xiejing',
            name: '交通协警经费',
            category: '协警',
          }),
        )
        .thenRows(projects, [{ unit_id: 'changning', project_id: 'xiejing', name: '交通协警经费' }]);
    });
  });

  describe('on BudgetApproved', () => {
    it('stores each line as approved and current', async () => {
      await spec
        .given(
          recorded('BudgetApproved', {
            ...unit,
            approvedOn: '2019-12-20',
            lines: [{ lineId: 'L1', ...basicOffice, amountFen: 500_000 }],
          }),
        )
        .thenRows(budgetLines, [
          { line_id: 'L1', approved_fen: 500_000n, current_fen: 500_000n, adjusted_on: null },
        ]);
    });
  });

  describe('on BudgetAdjusted', () => {
    it('changes the current amount, keeps the approved one, and adds new lines at approved 0', async () => {
      await spec
        .given(
          recorded('BudgetApproved', {
            ...unit,
            approvedOn: '2019-12-20',
            lines: [{ lineId: 'L1', ...basicOffice, amountFen: 500_000 }],
          }),
          recorded('BudgetAdjusted', {
            ...unit,
            approvedOn: '2020-07-01',
            reason: '追加',
            lines: [
              { lineId: 'L1', ...basicOffice, amountFen: 400_000 },
              { lineId: 'L2', ...projectLabour, amountFen: 90_000 },
            ],
          }),
        )
        .thenRows(budgetLines, [
          { line_id: 'L1', approved_fen: 500_000n, current_fen: 400_000n, adjusted_on: '2020-07-01' },
          { line_id: 'L2', approved_fen: 0n, current_fen: 90_000n, project_id: 'xiejing' },
        ]);
    });
  });

  describe('on ThreePublicBudgetSet', () => {
    it('stores the four budgets and their total as first set', async () => {
      await spec
        .given(
          recorded('ThreePublicBudgetSet', {
            ...unit,
            setOn: '2020-01-10',
            overseasFen: 0,
            vehiclePurchaseFen: 0,
            vehicleOperationFen: 800_000,
            receptionFen: 150_000,
          }),
        )
        .thenRows(threePublicBudgets, [
          {
            vehicle_operation_fen: 800_000n,
            reception_fen: 150_000n,
            initial_total_fen: 950_000n,
            adjusted_on: null,
          },
        ]);
    });
  });

  describe('on ThreePublicBudgetAdjusted', () => {
    it('replaces the budgets and keeps the first total', async () => {
      const amounts = {
        overseasFen: 0,
        vehiclePurchaseFen: 0,
        vehicleOperationFen: 800_000,
        receptionFen: 150_000,
      };
      await spec
        .given(
          recorded('ThreePublicBudgetSet', { ...unit, setOn: '2020-01-10', ...amounts }),
          recorded('ThreePublicBudgetAdjusted', {
            ...unit,
            setOn: '2020-06-10',
            ...amounts,
            receptionFen: 50_000,
            reason: '压减',
          }),
        )
        .thenRows(threePublicBudgets, [
          {
            reception_fen: 50_000n,
            initial_total_fen: 950_000n,
            set_on: '2020-01-10',
            adjusted_on: '2020-06-10',
          },
        ]);
    });
  });

  describe('on IncomeReceived', () => {
    it('adds the income to its day, type and fund source; a redelivery changes nothing', async () => {
      const income = recorded(
        'IncomeReceived',
        {
          ...unit,
          receivedOn: '2020-03-01',
          incomeType: 'FISCAL_GENERAL',
          fundSource: 'LOCAL_FISCAL',
          amountFen: 7_000_000,
          voucherNo: '收-0001',
        },
        '2020-03-01',
      );
      await spec.given(income, income).thenRows(incomeDays, [
        {
          unit_id: 'changning',
          day: '2020-03-01',
          income_type: 'FISCAL_GENERAL',
          fund_source: 'LOCAL_FISCAL',
          amount_fen: 7_000_000n,
        },
      ]);
    });
  });

  describe('on ExpenditureRecorded', () => {
    it('adds spending to its day under its full classification; a redelivery changes nothing', async () => {
      const e = spent();
      await spec.given(e, e).thenRows(expenditureDays, [{ ...officeRow, amount_fen: 100_000n }]);
    });
    it('adds two vouchers of the same day and classification together', async () => {
      await spec
        .given(spent(), spent({ voucherNo: '付-0002', amountFen: 5 }))
        .thenRows(expenditureDays, [{ ...officeRow, amount_fen: 100_005n }]);
    });
  });

  describe('on ExpenditureReversed', () => {
    it('takes the amount out of the original day and classification, not the day of the reversal', async () => {
      const rows = await spec.given(spent(), reversed(30_000)).run();
      expect(rows.rows(expenditureDays)).toEqual([{ ...officeRow, amount_fen: 70_000n }]);
      expect(rows.rows(financeVouchers)[0]).toMatchObject({ reversed_fen: 30_000n, day: '2020-05-12' });
    });
    it('removes the day row when the whole voucher is reversed, and a redelivery changes nothing', async () => {
      // Built in log order: the helper numbers positions as events are made.
      const s = spent();
      const r = reversed(60_000);
      const rows = await spec.given(s, r, r, reversed(40_000)).run();
      expect(rows.rows(expenditureDays)).toEqual([]);
      expect(rows.rows(financeVouchers)[0]).toMatchObject({ reversed_fen: 100_000n });
    });
  });

  describe('on ExpenditureReclassified', () => {
    it('moves what remains of the voucher to the new classification on the original day', async () => {
      const [s, back] = [spent(), reversed(30_000)];
      const r = reclassified();
      await spec.given(s, back, r, r).thenRows(expenditureDays, [{ ...labourRow, amount_fen: 70_000n }]);
    });
    it('lets a later reversal take from the new classification', async () => {
      await spec
        .given(spent(), reclassified(), reversed(10_000, '2020-12-01'))
        .thenRows(expenditureDays, [{ ...labourRow, amount_fen: 90_000n }]);
    });
  });

  describe('on BalanceCarriedForward', () => {
    it('adds up carry-forwards by fund source, once per event', async () => {
      const c = recorded('BalanceCarriedForward', { ...unit, amountFen: 13_100, fundSource: 'LOCAL_FISCAL' });
      await spec
        .given(
          c,
          c,
          recorded('BalanceCarriedForward', { ...unit, amountFen: 200, fundSource: 'LOCAL_FISCAL' }),
        )
        .thenRows(carryForwards, [{ fund_source: 'LOCAL_FISCAL', amount_fen: 13_300n }]);
    });
  });

  describe('on FiscalYearClosed', () => {
    it('marks the year closed with the totals it closed on', async () => {
      await spec.given(recorded('FiscalYearOpened', unit), closed()).thenRows(fiscalYears, [
        {
          status: 'closed',
          closed_on: '2021-01-15',
          closed_expenditure_fen: 100_000n,
          closed_basic_fen: 100_000n,
          closed_project_fen: 0n,
        },
      ]);
    });
  });

  describe('on PostCloseAdjustmentRecorded', () => {
    const adjustment = (change: Record<string, unknown>) =>
      recorded(
        'PostCloseAdjustmentRecorded',
        {
          ...unit,
          adjustedOn: '2021-03-01',
          approvedBy: 'auditor-1',
          auditRef: '审计〔2021〕3号',
          reason: '审计调整',
          change,
        },
        '2021-03-01',
      );
    it('books a late expenditure on its own day in the closed year, and counts the adjustment once', async () => {
      const before = [recorded('FiscalYearOpened', unit), spent(), closed()];
      const late = adjustment({
        kind: 'EXPENDITURE',
        voucherNo: '付-0099',
        paidOn: '2020-05-12',
        amountFen: 20_000,
        payee: '加油站',
        summary: '油费',
        ...basicOffice,
      });
      const rows = await spec.given(...before, late, late).run();
      expect(rows.rows(expenditureDays)).toEqual([{ ...officeRow, amount_fen: 120_000n }]);
      expect(rows.rows(fiscalYears)[0]).toMatchObject({ status: 'closed', post_close_adjustments: 1 });
      expect(rows.rows(financeVouchers).find((v) => v.voucher_no === '付-0099')).toMatchObject({
        post_close: true,
      });
    });
    it('reverses and reclassifies by reference like the open-year corrections', async () => {
      await spec
        .given(
          spent(),
          closed(),
          adjustment({ kind: 'REVERSAL', originalVoucherNo: '付-0001', amountFen: 25_000 }),
          adjustment({
            kind: 'RECLASSIFICATION',
            voucherNo: '付-0001',
            from: basicOffice,
            to: projectLabour,
          }),
        )
        .thenRows(expenditureDays, [{ ...labourRow, amount_fen: 75_000n }]);
    });
    it('books late income on its own day', async () => {
      await spec
        .given(
          adjustment({
            kind: 'INCOME',
            voucherNo: '收-0099',
            receivedOn: '2020-12-30',
            incomeType: 'OTHER',
            fundSource: 'OTHER',
            amountFen: 500,
          }),
        )
        .thenRows(incomeDays, [{ day: '2020-12-30', income_type: 'OTHER', amount_fen: 500n }]);
    });
  });
});
