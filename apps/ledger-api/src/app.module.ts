import { Module, type DynamicModule } from '@nestjs/common';

import { BackendModule, type BackendConfig } from '@ledger/event-store';

import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static register(config: BackendConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [BackendModule.forRoot(config)],
      controllers: [HealthController],
    };
  }
}
