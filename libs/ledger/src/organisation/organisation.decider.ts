import type { Decider } from '../shared/decider';
import { conflict, forbidden, invalid, notFound } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { Qualifier } from '../tallies/qualifier';
import type { OrganisationEvent, UnitKind } from './organisation.events';

/**
 * `actingParentId` is the parent a brigade names when it acts on one of its sub-units (the principal's unit is
 * checked against it before deciding); null when the unit acts on itself. It must be the unit's recorded parent.
 */
interface FollowUp {
  unitId: string;
  actingParentId: string | null;
}

export type OrganisationCommand =
  | {
      kind: 'EstablishUnit';
      unitId: string;
      name: string;
      unitKind: UnitKind;
      parentId: string | null;
      establishedOn: string;
    }
  | (FollowUp & { kind: 'RenameUnit'; name: string; renamedOn: string })
  | (FollowUp & { kind: 'DissolveUnit'; dissolvedOn: string; reason: string })
  | (FollowUp & {
      kind: 'RecordHeadcount';
      asOf: string;
      police: number;
      cadres: number;
      workers: number;
      auxiliary: number;
      authorisedEstablishment: number | null;
    })
  | (FollowUp & { kind: 'RecruitAuxiliaryPolice'; recruitedOn: string; count: number; qualifier: Qualifier });

export type UnitState =
  | { status: 'none' }
  | {
      status: 'active' | 'dissolved';
      parentId: string | null;
      name: string;
      /** The date the current name took effect: a rename may not be dated before it. */
      namedOn: string;
      establishedOn: string;
      dissolvedOn: string | null;
    };

type Existing = Exclude<UnitState, { status: 'none' }>;

export const organisationDecider: Decider<UnitState, OrganisationCommand, OrganisationEvent> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'UnitEstablished':
        return {
          status: 'active',
          parentId: event.data.parentId,
          name: event.data.name,
          namedOn: event.data.establishedOn,
          establishedOn: event.data.establishedOn,
          dissolvedOn: null,
        };
      case 'UnitRenamed':
        return state.status === 'none'
          ? state
          : { ...state, name: event.data.name, namedOn: event.data.renamedOn };
      case 'UnitDissolved':
        return state.status === 'none'
          ? state
          : { ...state, status: 'dissolved', dissolvedOn: event.data.dissolvedOn };
      case 'HeadcountRecorded':
      case 'AuxiliaryPoliceRecruited':
        return state;
      default:
        return assertNever(event);
    }
  },

  decide(command, state, { today }) {
    switch (command.kind) {
      case 'EstablishUnit': {
        if (state.status !== 'none') {
          throw conflict('UNIT.EXISTS', `单位 ${command.unitId} 已设立`, `unit ${command.unitId} exists`);
        }
        if (command.parentId === command.unitId) {
          throw invalid(
            'UNIT.PARENT_SELF',
            'parentId',
            '上级单位不能是本单位',
            'a unit cannot be its own parent',
          );
        }
        notAfterToday(command.establishedOn, today, 'establishedOn');
        return [
          {
            type: 'UnitEstablished',
            data: {
              unitId: command.unitId,
              name: command.name,
              kind: command.unitKind,
              parentId: command.parentId,
              establishedOn: command.establishedOn,
            },
            businessDate: command.establishedOn,
          },
        ];
      }
      case 'RenameUnit': {
        const unit = active(state, command);
        if (unit.name === command.name) return [];
        within(unit, command.renamedOn, today, 'renamedOn');
        if (command.renamedOn < unit.namedOn) {
          throw invalid(
            'UNIT.RENAME_DATE',
            'renamedOn',
            `更名日期不能早于现名称启用日期 ${unit.namedOn}`,
            `renamedOn must not precede ${unit.namedOn}, when the current name took effect`,
          );
        }
        return [
          {
            type: 'UnitRenamed',
            data: { unitId: command.unitId, name: command.name, renamedOn: command.renamedOn },
            businessDate: command.renamedOn,
          },
        ];
      }
      case 'DissolveUnit': {
        const unit = existing(state, command);
        if (unit.status === 'dissolved') return [];
        within(unit, command.dissolvedOn, today, 'dissolvedOn');
        return [
          {
            type: 'UnitDissolved',
            data: { unitId: command.unitId, dissolvedOn: command.dissolvedOn, reason: command.reason },
            businessDate: command.dissolvedOn,
          },
        ];
      }
      case 'RecordHeadcount': {
        const unit = existing(state, command);
        within(unit, command.asOf, today, 'asOf');
        const { kind: _kind, actingParentId: _parent, ...data } = command;
        return [{ type: 'HeadcountRecorded', data, businessDate: command.asOf }];
      }
      case 'RecruitAuxiliaryPolice': {
        const unit = existing(state, command);
        within(unit, command.recruitedOn, today, 'recruitedOn');
        return [
          {
            type: 'AuxiliaryPoliceRecruited',
            data: {
              unitId: command.unitId,
              recruitedOn: command.recruitedOn,
              count: command.count,
              qualifier: command.qualifier,
            },
            businessDate: command.recruitedOn,
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
};

function existing(state: UnitState, command: FollowUp): Existing {
  if (state.status === 'none') {
    throw notFound('UNIT.NOT_FOUND', `单位 ${command.unitId} 不存在`, `unit ${command.unitId} not found`);
  }
  if (command.actingParentId !== null && command.actingParentId !== state.parentId) {
    throw forbidden(
      'UNIT.NOT_A_SUB_UNIT',
      `单位 ${command.unitId} 不是 ${command.actingParentId} 的下属单位`,
      `unit ${command.unitId} is not a sub-unit of ${command.actingParentId}`,
    );
  }
  return state;
}

function active(state: UnitState, command: FollowUp): Existing {
  const unit = existing(state, command);
  if (unit.status === 'dissolved') {
    throw conflict('UNIT.DISSOLVED', `单位 ${command.unitId} 已撤销`, `unit ${command.unitId} is dissolved`);
  }
  return unit;
}

function notAfterToday(date: string, today: string, field: string): void {
  if (date > today) throw invalid('UNIT.FUTURE', field, '日期不能晚于今天', `${field} is in the future`);
}

/** A fact about a unit is dated while it exists: on or after its establishment, before its dissolution, not in the future. */
function within(unit: Existing, date: string, today: string, field: string): void {
  notAfterToday(date, today, field);
  if (date < unit.establishedOn || (unit.dissolvedOn !== null && date >= unit.dissolvedOn)) {
    throw invalid(
      'UNIT.OUT_OF_LIFETIME',
      field,
      '日期须在单位设立之后、撤销之前',
      `${field} must fall while the unit exists`,
    );
  }
}
