import { SEED_HEADCOUNT, SEED_SQUADS, SEED_UNIT } from '../seed-brigade';
import { DEMO_PRINCIPALS, type DemoRecord } from './demo-record';

/** The detachment above the brigade (so roll-ups have something to roll), the brigade, its sub-units, its staff. */
export function organisationRecords(): DemoRecord[] {
  const admin = DEMO_PRINCIPALS.admin;
  const office = DEMO_PRINCIPALS.office;
  const unit = SEED_UNIT.unitId;
  return [
    {
      command: 'EstablishUnit',
      as: admin,
      input: {
        unitId: 'hengyang',
        parentId: null,
        name: '衡阳市公安局交通警察支队',
        kind: 'DETACHMENT',
        establishedOn: '2000-01-01',
      },
      key: 'unit:hengyang',
    },
    {
      command: 'EstablishUnit',
      as: admin,
      input: {
        unitId: unit,
        parentId: 'hengyang',
        name: SEED_UNIT.name,
        kind: 'BRIGADE',
        establishedOn: '2000-01-01',
      },
      key: `unit:${unit}`,
    },
    ...SEED_SQUADS.map((s) => ({
      command: 'EstablishUnit',
      as: office,
      input: {
        unitId: s.squadId,
        parentId: unit,
        name: s.name,
        kind: s.kind,
        establishedOn: 'establishedOn' in s ? s.establishedOn : '2000-01-01',
      },
      key: `unit:${s.squadId}`,
    })),
    {
      command: 'RecordHeadcount',
      as: office,
      input: {
        unitId: unit,
        asOf: SEED_HEADCOUNT.asOf,
        police: SEED_HEADCOUNT.police,
        cadres: SEED_HEADCOUNT.cadres,
        workers: SEED_HEADCOUNT.workers,
        auxiliary: SEED_HEADCOUNT.auxiliary,
      },
      key: `headcount:${unit}:${SEED_HEADCOUNT.asOf}`,
    },
  ];
}
