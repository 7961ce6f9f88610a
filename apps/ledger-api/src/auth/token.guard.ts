import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { BACKEND, type Backend } from '@ledger/event-store';
import { TokenCache, type Role } from '@ledger/ledger';

import { PUBLIC_ROUTE, ROUTE_ROLES, type AuthenticatedRequest } from './auth.decorators';

/**
 * Global guard: a bearer token on every route not marked @Public, and the route's roles where it names some. Tokens
 * are looked up through a TokenCache: revocations reach it by NOTIFY, so a revoked token stops at once.
 */
@Injectable()
export class TokenGuard implements CanActivate, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tokens: TokenCache;

  constructor(
    private readonly reflector: Reflector,
    @Inject(BACKEND) backend: Backend,
  ) {
    this.tokens = new TokenCache(backend.sql);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.tokens.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tokens.close();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const principal = token ? await this.tokens.principalFor(token) : null;
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
