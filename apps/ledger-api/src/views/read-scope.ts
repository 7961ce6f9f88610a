import { forbidden, type Principal } from '@ledger/ledger';

/** A principal reads its own unit's views (and, through roll-up, the units below it); admin and '*' read all. */
export function assertMayRead(principal: Principal, unitId: string): void {
  if (principal.unitId === '*' || principal.unitId === unitId) return;
  throw forbidden(
    'AUTH.UNIT',
    `无权查看单位 ${unitId}`,
    `principal of unit ${principal.unitId} may not read ${unitId}`,
  );
}
