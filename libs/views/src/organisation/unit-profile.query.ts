import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@ledger/ledger/events';

import { percent } from '../shared/decimal';

export class GetUnitProfileQuery {
  constructor(readonly params: { readonly unitId: string; readonly asOf: string }) {}
}

export interface SubUnit {
  readonly unitId: string;
  readonly name: string;
  readonly kind: string;
  readonly kindZh: string;
}

export interface Headcount {
  /** The date of the record in force (the latest on or before the profile's date). */
  readonly asOf: string;
  readonly police: number;
  readonly cadres: number;
  readonly workers: number;
  /** 干部职工 = police + cadres + workers; auxiliary police are not staff of the establishment. */
  readonly staffTotal: number;
  readonly auxiliary: number;
  readonly authorisedEstablishment: number | null;
  /** 在职人员控制率 = staff / 编制数, in percent; null when the establishment is not recorded. */
  readonly establishmentControlPct: string | null;
}

export interface UnitProfile {
  readonly unitId: string;
  readonly asOf: string;
  readonly name: string;
  readonly kind: string;
  readonly kindZh: string;
  readonly parentId: string | null;
  readonly subUnits: readonly SubUnit[];
  readonly headcount: Headcount | null;
}

const kindZh = (kind: string) =>
  (UNIT_KINDS as readonly string[]).includes(kind) ? UNIT_KIND_LABELS[kind as UnitKind] : kind;

/** Exists on the date: established on or before it and not yet dissolved. */
const EXISTS = `(u.established_on IS NULL OR u.established_on <= $2::date)
  AND (u.dissolved_on IS NULL OR u.dissolved_on > $2::date)`;
const NAME_AS_OF = `COALESCE((SELECT n.name FROM unit_names n
  WHERE n.unit_id = u.unit_id AND n.valid_from <= $2::date ORDER BY n.valid_from DESC LIMIT 1), u.name)`;

/** A unit as it stood on a date: its name then, the sub-units that existed then, and the headcount in force. */
@QueryHandler(GetUnitProfileQuery)
export class GetUnitProfileHandler implements IQueryHandler<GetUnitProfileQuery, UnitProfile | null> {
  constructor(private readonly db: DataSource) {}

  async execute({ params }: GetUnitProfileQuery): Promise<UnitProfile | null> {
    const args = [params.unitId, params.asOf];
    const [unit]: { unit_id: string; parent_id: string | null; name: string; kind: string }[] =
      await this.db.query(
        `SELECT u.unit_id, u.parent_id, ${NAME_AS_OF} AS name, u.kind FROM units u WHERE u.unit_id = $1 AND ${EXISTS}`,
        args,
      );
    if (!unit) return null;
    const subUnits: { unit_id: string; name: string; kind: string }[] = await this.db.query(
      `SELECT u.unit_id, ${NAME_AS_OF} AS name, u.kind FROM units u
        WHERE u.parent_id = $1 AND ${EXISTS}
        ORDER BY u.established_on NULLS FIRST, u.unit_id`,
      args,
    );
    const [head]: {
      as_of: string;
      police: number;
      cadres: number;
      workers: number;
      auxiliary: number;
      authorised_establishment: number | null;
    }[] = await this.db.query(
      `SELECT as_of::text AS as_of, police, cadres, workers, auxiliary, authorised_establishment
         FROM unit_headcounts WHERE unit_id = $1 AND as_of <= $2::date ORDER BY as_of DESC LIMIT 1`,
      args,
    );
    return {
      unitId: unit.unit_id,
      asOf: params.asOf,
      name: unit.name,
      kind: unit.kind,
      kindZh: kindZh(unit.kind),
      parentId: unit.parent_id,
      subUnits: subUnits.map((s) => ({
        unitId: s.unit_id,
        name: s.name,
        kind: s.kind,
        kindZh: kindZh(s.kind),
      })),
      headcount: head ? headcountOf(head) : null,
    };
  }
}

function headcountOf(h: {
  as_of: string;
  police: number;
  cadres: number;
  workers: number;
  auxiliary: number;
  authorised_establishment: number | null;
}): Headcount {
  const staffTotal = h.police + h.cadres + h.workers;
  const establishment = h.authorised_establishment;
  return {
    asOf: h.as_of,
    police: h.police,
    cadres: h.cadres,
    workers: h.workers,
    staffTotal,
    auxiliary: h.auxiliary,
    authorisedEstablishment: establishment,
    establishmentControlPct:
      establishment === null ? null : percent(BigInt(staffTotal), BigInt(establishment)),
  };
}
