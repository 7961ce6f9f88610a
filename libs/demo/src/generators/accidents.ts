import { apportion, daysBetween, Prng } from '../prng';
import { SEED_ACCIDENTS, SEED_UNIT } from '../seed-brigade';
import { DEMO_PRINCIPALS, type DemoRecord } from './demo-record';

/** Squads that take accident reports, with their share of the load. */
const ACCIDENT_SQUADS = [
  ['changning-shigu', 5],
  ['changning-chengqu', 3],
  ['changning-xunluo', 2],
  ['changning-yitan', 1],
  ['changning-songbai', 1],
] as const;

/** Accidents per month follow the usual curve: a Spring Festival peak, a summer rise, an autumn harvest peak. */
const MONTH_WEIGHTS = [11, 9, 8, 8, 8, 8, 9, 9, 9, 10, 10, 11];

interface Totals {
  readonly accidents: number;
  readonly deaths: number;
  readonly injuries: number;
  readonly lossFen: number;
  readonly fastSettlement: number;
}

/**
 * Individual accident cases whose sums are exactly the given totals over [from, to]: fast-settlement cases carry no
 * casualties; deaths and injuries sit on general-procedure cases; a few deaths arrive later as revisions (a victim
 * dying within seven days), so the totals are only right once corrections are applied.
 */
function accidentsBetween(
  year: number,
  from: string,
  to: string,
  totals: Totals,
  seed: number,
): DemoRecord[] {
  const rng = new Prng(seed);
  const days = daysBetween(from, to);
  const perDay = apportion(
    totals.accidents,
    days.map((d) => MONTH_WEIGHTS[Number(d.slice(5, 7)) - 1]! * (0.8 + rng.next() * 0.4)),
  );
  const dates = days.flatMap((d, i) => Array.from({ length: perDay[i]! }, () => d));
  const n = dates.length;
  // Casualty cases are spread evenly through the period so that any sub-period looks plausible.
  const general = Math.max(totals.deaths, Math.ceil(totals.injuries / 1.4));
  const isGeneral = (i: number) =>
    i % Math.floor(n / general) === 0 && Math.floor(i / Math.floor(n / general)) < general;
  const generalIdx = dates.map((_, i) => i).filter(isGeneral);
  const deaths = apportion(
    totals.deaths,
    generalIdx.map((_, k) => (k < totals.deaths ? 1 : 0)),
  );
  const injuries = apportion(
    totals.injuries,
    generalIdx.map(() => 0.5 + rng.next()),
  );
  const lossGeneral = Math.round(totals.lossFen * 0.7);
  const generalLoss = apportion(
    lossGeneral,
    generalIdx.map(() => 0.3 + rng.next()),
  );
  const simpleCount = n - generalIdx.length;
  const simpleLoss = apportion(
    totals.lossFen - lossGeneral,
    Array.from({ length: simpleCount }, () => 0.2 + rng.next()),
  );
  // Every k-th simple case went to the quick-claim station, so the share is steady through the year.
  const isFast = (k: number) =>
    Math.floor(((k + 1) * totals.fastSettlement) / simpleCount) >
    Math.floor((k * totals.fastSettlement) / simpleCount);

  const records: DemoRecord[] = [];
  let g = 0;
  let s = 0;
  dates.forEach((date, i) => {
    const accidentId = `${year}-${String(i + 1).padStart(5, '0')}`;
    const squadId = ACCIDENT_SQUADS[i % 5 === 0 ? 0 : rng.int(0, ACCIDENT_SQUADS.length - 1)]![0];
    const clerk = DEMO_PRINCIPALS.clerkOf(squadId);
    const base = { accidentId, unitId: SEED_UNIT.unitId, squadId, occurredOn: date };
    if (generalIdx[g] === i) {
      const finalDeaths = deaths[g]!;
      const lateDeath = finalDeaths > 0 && g % 7 === 3; // recorded as an injury first, revised a few days later
      const input = {
        ...base,
        procedure: 'GENERAL',
        deaths: lateDeath ? finalDeaths - 1 : finalDeaths,
        injuries: injuries[g]! + (lateDeath ? 1 : 0),
        directLossFen: generalLoss[g]!,
        hitAndRun: g % 23 === 5,
      };
      records.push({ command: 'RecordAccident', as: clerk, input, key: `accident:${accidentId}` });
      if (lateDeath) {
        records.push({
          command: 'ReviseAccidentCasualties',
          as: clerk,
          input: {
            accidentId,
            unitId: SEED_UNIT.unitId,
            deaths: finalDeaths,
            injuries: injuries[g]!,
            directLossFen: generalLoss[g]!,
            reason: '伤者七日内抢救无效死亡',
          },
          key: `accident-revision:${accidentId}`,
        });
      }
      g += 1;
    } else {
      const fast = isFast(s);
      const input = {
        ...base,
        procedure: fast ? 'FAST_SETTLEMENT' : 'SIMPLE',
        deaths: 0,
        injuries: 0,
        directLossFen: simpleLoss[s]!,
      };
      records.push({ command: 'RecordAccident', as: clerk, input, key: `accident:${accidentId}` });
      s += 1;
    }
  });
  return records;
}

export function accidentRecords(): DemoRecord[] {
  const { cutoff, current, previous, restOfYear } = SEED_ACCIDENTS;
  const cut = (y: number) => `${y}-${cutoff}`;
  const dayAfter = (y: number) => {
    const d = new Date(`${cut(y)}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const out: DemoRecord[] = [];
  for (const [period, seed] of [
    [previous, 2019],
    [current, 2020],
  ] as const) {
    const y = period.year;
    const head = accidentsBetween(y, `${y}-01-01`, cut(y), period, seed);
    const tail = accidentsBetween(y, dayAfter(y), `${y}-12-31`, restOfYear[y], seed + 1).map((r) => {
      // the tail continues the year's numbering
      const input = r.input as { accidentId: string };
      const n = Number(input.accidentId.slice(5)) + period.accidents;
      const accidentId = `${y}-${String(n).padStart(5, '0')}`;
      return { ...r, input: { ...input, accidentId }, key: `${r.key.split(':')[0]}:${accidentId}` };
    });
    out.push(...head, ...tail);
  }
  return out;
}
