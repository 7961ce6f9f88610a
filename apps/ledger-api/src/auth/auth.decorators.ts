import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Principal, Role } from '@ledger/ledger';

export const PUBLIC_ROUTE = 'ledger:public';
export const ROUTE_ROLES = 'ledger:roles';

/** No token needed (health, the dashboard's static files). Every other route requires one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Only these roles (admin always passes). Routes without it accept any signed-in principal; commands check roles themselves. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('route reached without a principal: guard missing');
  return principal;
});
