import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';

import { Public } from '../auth/auth.decorators';
import { BACKEND, describeBackend, type Backend } from '@ledger/event-store';

@Controller('health')
export class HealthController {
  constructor(@Inject(BACKEND) private readonly backend: Backend) {}

  /** Readiness and liveness: answers 503 while the database does not, so a balancer stops sending traffic. */
  @Get()
  @Public()
  async health(): Promise<{ status: 'ok'; database: string; headPosition: string }> {
    try {
      const head = await this.backend.store.headPosition();
      return { status: 'ok', database: describeBackend(this.backend.config), headPosition: head.toString() };
    } catch {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        database: describeBackend(this.backend.config),
      });
    }
  }
}
