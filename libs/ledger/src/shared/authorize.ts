import type { AnyCommandDefinition } from './command-definition';
import { forbidden } from './errors';
import type { Principal } from './principal';

/** Role, unit and squad checks every command passes before it is decided. */
export function authorize(definition: AnyCommandDefinition, dto: object, principal: Principal): void {
  if (principal.role !== 'admin' && !definition.roles.includes(principal.role)) {
    throw forbidden(
      'AUTH.ROLE',
      `角色 ${principal.role} 无权执行 ${definition.summaryZh}`,
      `role ${principal.role} may not ${definition.name}`,
    );
  }
  const unitId = definition.unitOf(dto);
  if (principal.unitId !== '*' && principal.unitId !== unitId) {
    throw forbidden(
      'AUTH.UNIT',
      `无权为单位 ${unitId} 登记`,
      `principal of unit ${principal.unitId} may not post for ${unitId}`,
    );
  }
  assertSquadMayAct(principal, definition.squadOf?.(dto) ?? null);
}

/** A squad clerk acts only for its own squad; deciders call this for follow-ups on a case the clerk did not name. */
export function assertSquadMayAct(principal: Principal, squadId: string | null): void {
  if (principal.role === 'squad_clerk' && squadId !== null && squadId !== principal.squadId) {
    throw forbidden(
      'AUTH.SQUAD',
      `无权为中队 ${squadId} 登记`,
      `clerk of squad ${principal.squadId} may not post for ${squadId}`,
    );
  }
}
