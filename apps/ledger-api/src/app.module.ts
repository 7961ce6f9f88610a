import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';

import { BackendModule, type BackendConfig } from '@ledger/event-store';
import { LedgerModule } from '@ledger/ledger';
import { ViewEntities, ViewsModule } from '@ledger/views';

import { TokenGuard } from './auth/token.guard';
import { CommandsController } from './commands/commands.controller';
import { LedgerExceptionFilter } from './errors/ledger-exception.filter';
import { HealthController } from './health/health.controller';
import { migrations } from './migrations';
import { ViewsController } from './views/views.controller';
import { StreamsController } from './streams/streams.controller';

@Module({})
export class AppModule {
  static register(config: BackendConfig, options: { runProjector?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        BackendModule.forRoot(config, { migrations, entities: ViewEntities }),
        LedgerModule,
        ViewsModule.register({ runProjector: options.runProjector ?? true }),
      ],
      controllers: [HealthController, CommandsController, StreamsController, ViewsController],
      providers: [
        { provide: APP_GUARD, useClass: TokenGuard },
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
      ],
    };
  }
}
