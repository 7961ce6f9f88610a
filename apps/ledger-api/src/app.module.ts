import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

import type { BackendConfig } from '@ledger/event-store';
import { LedgerRuntimeModule } from '@ledger/runtime';

import { AuditController } from './audit/audit.controller';
import { TokenGuard } from './auth/token.guard';
import { SlidingWindowThrottlerStorage } from './throttling/sliding-window-storage';
import { CommandsController } from './commands/commands.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { SessionController } from './dashboard/session.controller';
import { LedgerExceptionFilter } from './errors/ledger-exception.filter';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { PostingsController } from './postings/postings.controller';
import { ReportsController } from './reports/reports.controller';
import { StreamsController } from './streams/streams.controller';
import { NarrativeController } from './views/narrative.controller';
import { SpendingController } from './views/spending.controller';
import { UnitProfileController } from './views/unit-profile.controller';
import { ViewsController } from './views/views.controller';

@Module({})
export class AppModule {
  static register(config: BackendConfig, options: { runProjector?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Per client address; generous for a brigade's clerks, tight enough to blunt a script hammering the API.
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: Number(process.env.LEDGER_RATE_LIMIT_PER_MINUTE ?? 1200) }],
          storage: new SlidingWindowThrottlerStorage(),
          // The package's own key, per route and client, without its SHA-256 of every request's key.
          generateKey: (context, tracker, name) =>
            `${context.getClass().name}\u0000${context.getHandler().name}\u0000${name}\u0000${tracker}`,
        }),
        LedgerRuntimeModule.register(config, {
          runProjector: options.runProjector ?? process.env.LEDGER_INPROCESS_PROJECTOR !== '0',
        }),
      ],
      controllers: [
        HealthController,
        CommandsController,
        StreamsController,
        ReportsController,
        ViewsController,
        ImportsController,
        UnitProfileController,
        NarrativeController,
        SpendingController,
        AuditController,
        SessionController,
        PostingsController,
        // The dashboard's catch-all GET: keep it last so every API route is matched before it.
        DashboardController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: TokenGuard },
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
      ],
    };
  }
}
