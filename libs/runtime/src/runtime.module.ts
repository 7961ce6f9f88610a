import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { BackendModule, type BackendConfig } from '@ledger/event-store';
import { EvaluationModule } from '@ledger/evaluation';
import { LedgerModule } from '@ledger/ledger';
import { ViewEntities, ViewsModule } from '@ledger/views';

import { migrations } from './migrations';

export interface RuntimeOptions {
  /** Run the projector inside this process (the API in embedded mode); the CLI and a separate projector decide themselves. */
  readonly runProjector: boolean;
}

/** The ledger without a door: store, domain, views. The API, the CLI and the projector each put their door on it. */
@Module({})
export class LedgerRuntimeModule {
  static register(config: BackendConfig, options: RuntimeOptions): DynamicModule {
    return {
      module: LedgerRuntimeModule,
      imports: [
        CqrsModule.forRoot(),
        BackendModule.forRoot(config, { migrations, entities: ViewEntities }),
        LedgerModule,
        ViewsModule.register({ runProjector: options.runProjector }),
        EvaluationModule,
      ],
      exports: [CqrsModule, ViewsModule],
    };
  }
}
