import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';

import type { BackendConfig } from '@ledger/event-store';
import { LedgerRuntimeModule } from '@ledger/runtime';

import { TokenGuard } from './auth/token.guard';
import { CommandsController } from './commands/commands.controller';
import { LedgerExceptionFilter } from './errors/ledger-exception.filter';
import { HealthController } from './health/health.controller';
import { StreamsController } from './streams/streams.controller';
import { ViewsController } from './views/views.controller';

@Module({})
export class AppModule {
  static register(config: BackendConfig, options: { runProjector?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LedgerRuntimeModule.register(config, {
          runProjector: options.runProjector ?? process.env.LEDGER_INPROCESS_PROJECTOR !== '0',
        }),
      ],
      controllers: [HealthController, CommandsController, StreamsController, ViewsController],
      providers: [
        { provide: APP_GUARD, useClass: TokenGuard },
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
      ],
    };
  }
}
