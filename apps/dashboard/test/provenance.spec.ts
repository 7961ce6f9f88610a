import { expenditureEvents, sourceOf, type Figure, type StreamEvent } from '../src/provenance';
import { correctionsFor, summarise, type Posting } from '../src/records';
import type { CommandInfo } from '../src/session';

let position = 0;
const event = (type: string, data: Record<string, unknown>): StreamEvent => {
  position += 1;
  return {
    position: String(position),
    id: `e${position}`,
    streamId: 'finance-changning-2020',
    streamVersion: position,
    type,
    data,
    businessDate: '2020-05-01',
    recordedAt: '2020-05-01T00:00:00Z',
    principal: 'finance-1',
    role: 'finance',
  };
};

const figure = (provenance: Figure['provenance'], period?: Figure['period']): Figure => ({
  id: 'f',
  labelZh: 'f',
  display: '1',
  unitZh: '',
  kind: 'count',
  exact: '1',
  period,
  provenance,
});

describe('from a report figure to its events', () => {
  const spending = [
    event('ExpenditureRecorded', { voucherNo: 'A', econCode: '30101', budgetKind: 'BASIC', amountFen: 100 }),
    event('ExpenditureRecorded', { voucherNo: 'B', econCode: '30201', budgetKind: 'BASIC', amountFen: 50 }),
    event('ExpenditureReversed', { originalVoucherNo: 'A', amountFen: 10 }),
    event('ExpenditureReclassified', {
      voucherNo: 'B',
      from: { econCode: '30201', budgetKind: 'BASIC' },
      to: { econCode: '30226', budgetKind: 'PROJECT', projectId: 'xiejing' },
    }),
    event('IncomeReceived', { voucherNo: 'C', incomeType: 'FISCAL_GENERAL', amountFen: 500 }),
  ];

  it('finds a class’s vouchers with their reversals and reclassifications, and nothing else', () => {
    const wages = expenditureEvents(spending, (c) => String(c.econCode).startsWith('301'));
    expect(wages.map((e) => e.type)).toEqual(['ExpenditureRecorded', 'ExpenditureReversed']);
    const project = expenditureEvents(spending, (c) => c.projectId === 'xiejing');
    expect(project.map((e) => `${e.type}:${String(e.data.voucherNo)}`)).toEqual([
      'ExpenditureRecorded:B',
      'ExpenditureReclassified:B',
    ]);
  });

  it('routes counts to the measure trace, money to the fiscal-year stream, derived figures to their inputs', () => {
    expect(
      sourceOf(
        figure({
          view: 'counts',
          params: { unit: 'u', from: '2020-01-01', to: '2020-10-31' },
          selector: 'accidents.deaths',
        }),
      ),
    ).toEqual({
      kind: 'measure',
      unit: 'u',
      measure: 'accidents.deaths',
      from: '2020-01-01',
      to: '2020-10-31',
    });
    const money = sourceOf(
      figure({
        view: 'spending',
        params: { unit: 'u', from: '2020-01-01', to: '2020-12-31' },
        selector: 'income.bySource=FISCAL_GENERAL',
      }),
    );
    expect(money.kind === 'streams' && money.streamIds).toEqual(['finance-u-2020']);
    expect(money.kind === 'streams' && money.select(spending).map((e) => e.data.voucherNo)).toEqual(['C']);
    const prior = sourceOf(
      figure({
        view: 'three-public',
        params: { unit: 'u', year: '2020' },
        selector: 'total.priorYearActual',
      }),
    );
    expect(prior.kind === 'streams' && prior.streamIds).toEqual(['finance-u-2019']);
    expect(sourceOf(figure({ view: 'derived', params: {}, selector: 'a ÷ b', inputs: ['a', 'b'] }))).toEqual({
      kind: 'derived',
      inputs: ['a', 'b'],
    });
  });
});

describe('postings', () => {
  const command = (name: string): CommandInfo => ({
    name,
    summaryZh: name,
    roles: ['squad_clerk'],
    fields: [],
  });
  const posting = (type: string, data: Record<string, unknown>): Posting => ({
    id: 'x',
    position: '1',
    streamId: 's',
    streamVersion: 0,
    type,
    data,
    businessDate: null,
    recordedAt: '2020-01-01T00:00:00Z',
    principal: 'p',
    role: 'squad_clerk',
  });
  const commands = [
    'RecordTally',
    'CorrectTally',
    'VoidTally',
    'ReviseAccidentCasualties',
    'VoidAccident',
  ].map(command);

  it('offers the commands that correct a record of the same kind', () => {
    expect(correctionsFor(posting('TallyRecorded', {}), commands).map((c) => c.name)).toEqual([
      'CorrectTally',
      'VoidTally',
    ]);
    expect(correctionsFor(posting('AccidentRecorded', {}), commands).map((c) => c.name)).toEqual([
      'ReviseAccidentCasualties',
      'VoidAccident',
    ]);
    expect(correctionsFor(posting('HazardIdentified', {}), commands)).toEqual([]);
  });

  it('summarises a record in one line, codes in Chinese', () => {
    expect(summarise({ unitId: 'u', category: 'VIOLATION_DRUNK_DRIVING', count: 3, nested: { a: 1 } })).toBe(
      'category=醉酒驾驶 count=3',
    );
  });
});
