import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { BACKEND, type Backend } from '@ledger/event-store';
import { principalForToken, type Role } from '@ledger/ledger';

import { PUBLIC_ROUTE, ROUTE_ROLES, type AuthenticatedRequest } from './auth.decorators';

/** Global guard: a bearer token on every route not marked @Public, and the route's roles where it names some. */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(BACKEND) private readonly backend: Backend,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const principal = token ? await principalForToken(this.backend.sql, token) : null;
    if (!principal)
      throw new UnauthorizedException({
        code: 'AUTH.TOKEN',
        message: '需要有效的访问令牌 (a valid bearer token is required)',
      });
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new ForbiddenException({
        code: 'AUTH.ROLE',
        message: `角色 ${principal.role} 无权访问 (role not allowed here)`,
      });
    }
    return true;
  }
}
