import type { DomainEvent } from '../shared/event';
import type { Qualifier } from '../tallies/qualifier';

/** What a unit is; a brigade's 中队, its 122 指挥中心, its 车管所 and its 办公室 are all units with the brigade as parent. */
export const UNIT_KINDS = [
  'DETACHMENT',
  'BRIGADE',
  'SQUAD',
  'STATION_SQUAD',
  'CENTER',
  'VEHICLE_OFFICE',
  'OFFICE',
  'OTHER',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  DETACHMENT: '支队',
  BRIGADE: '大队',
  SQUAD: '中队',
  STATION_SQUAD: '派出所交警中队',
  CENTER: '中心',
  VEHICLE_OFFICE: '车管所',
  OFFICE: '办公室',
  OTHER: '其他',
};

export type UnitEstablished = DomainEvent<
  'UnitEstablished',
  { unitId: string; name: string; kind: UnitKind; parentId: string | null; establishedOn: string }
>;

export type UnitRenamed = DomainEvent<'UnitRenamed', { unitId: string; name: string; renamedOn: string }>;

/** The unit stops existing from that day; its history stays, and still rolls up into its parent's counts. */
export type UnitDissolved = DomainEvent<
  'UnitDissolved',
  { unitId: string; dissolvedOn: string; reason: string }
>;

/**
 * Staff as of a date (the report's 干部职工 = police + cadres + workers; auxiliary police are counted apart).
 * `authorisedEstablishment` is the 编制数 when known: the 在职人员控制率 needs it.
 */
export type HeadcountRecorded = DomainEvent<
  'HeadcountRecorded',
  {
    unitId: string;
    asOf: string;
    police: number;
    cadres: number;
    workers: number;
    auxiliary: number;
    authorisedEstablishment: number | null;
  }
>;

export type AuxiliaryPoliceRecruited = DomainEvent<
  'AuxiliaryPoliceRecruited',
  { unitId: string; recruitedOn: string; count: number; qualifier: Qualifier }
>;

export type OrganisationEvent =
  UnitEstablished | UnitRenamed | UnitDissolved | HeadcountRecorded | AuxiliaryPoliceRecruited;

export const unitStream = (unitId: string) => `unit-${unitId}`;
