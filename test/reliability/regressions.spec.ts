/**
 * Fast, pure pins of what the reliability suite found (docs/reliability.md): these run with `npm test`, the
 * properties that found them only with `npm run test:reliability`.
 */
import { commandNamed, InputInvalidError, parseCommandInput } from '@ledger/ledger';

async function problemsOf(command: string, body: unknown): Promise<string[]> {
  const definition = commandNamed(command);
  if (!definition) throw new Error(`no command ${command}`);
  try {
    await parseCommandInput(definition, body);
    return [];
  } catch (error) {
    if (!(error instanceof InputInvalidError)) throw error;
    return error.problems.map((p) => p.field);
  }
}

const accident = {
  accidentId: 'A-1',
  unitId: 'changning',
  squadId: 'chengqu',
  occurredOn: '2020-05-12',
  procedure: 'GENERAL',
  deaths: 0,
  injuries: 1,
  directLossFen: 100,
};

describe('input the database could not store is refused by field, not a 500', () => {
  it.each([['a\u0000b'], ['\ud800'], ['x\udfffy']])('roadCode %j', async (roadCode) => {
    expect(await problemsOf('RecordAccident', { ...accident, roadCode })).toEqual(['roadCode']);
  });

  it('accepts a well-formed astral character and CJK text', async () => {
    expect(await problemsOf('RecordAccident', { ...accident, roadCode: 'G107 𠮷 国道' })).toEqual([]);
  });

  it('refuses a NUL in a key', async () => {
    expect(await problemsOf('RecordAccident', { ...accident, 'a\u0000': 1 })).toEqual(['a\u0000']);
  });
});

describe('a required nested object cannot be left out', () => {
  const reclassify = {
    unitId: 'changning',
    year: 2020,
    voucherNo: 'V-1',
    reason: '科目更正',
    reclassifiedOn: '2020-06-01',
  };
  it.each([[undefined], [null], ['x']])('ReclassifyExpenditure.to = %j', async (to) => {
    expect(await problemsOf('ReclassifyExpenditure', { ...reclassify, to })).toContain('to');
  });

  it.each([[undefined], [null]])('RecordPriorPeriodBaseline.period = %j', async (period) => {
    expect(await problemsOf('RecordPriorPeriodBaseline', { unitId: 'changning', period })).toContain(
      'period',
    );
  });
});
