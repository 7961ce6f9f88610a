import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { BACKEND, type Backend } from '@ledger/event-store';

import { GetCountsHandler } from './counts/counts.query';
import { GetCampaignBreakdownHandler } from './campaigns/campaign-breakdown.query';
import { GetOpenHazardsHandler } from './hazards/open-hazards.query';
import { GetUnitProfileHandler } from './organisation/unit-profile.query';
import {
  GetPerformanceTargetsHandler,
  GetPriorBaselinesHandler,
  GetReportNarrativeHandler,
} from './narrative/narrative.query';
import { GetSpendingHandler } from './spending/spending.query';
import { GetThreePublicHandler } from './spending/three-public.query';
import { GetYearEndProjectionHandler } from './spending/year-end.query';
import { ProjectionEngine, defaultReplayThreads } from './engine/projection-engine';
import { PROJECTIONS } from './projections';

export const PROJECTION_ENGINE = Symbol('PROJECTION_ENGINE');
const RUN_IN_PROCESS = Symbol('RUN_IN_PROCESS');

/** Runs the projector inside this process (embedded mode, or a small server) until shutdown. */
@Injectable()
export class InProcessProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projector');
  private readonly controller = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
    @Inject(RUN_IN_PROCESS) private readonly enabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.register();
    if (!this.enabled) return;
    this.running = this.engine.run(this.controller.signal, (error) =>
      this.logger.warn(
        `projection batch failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await this.running;
  }
}

export const QUERY_HANDLERS = [
  GetCountsHandler,
  GetUnitProfileHandler,
  GetOpenHazardsHandler,
  GetCampaignBreakdownHandler,
  GetReportNarrativeHandler,
  GetPerformanceTargetsHandler,
  GetPriorBaselinesHandler,
  GetSpendingHandler,
  GetThreePublicHandler,
  GetYearEndProjectionHandler,
];

@Module({})
export class ViewsModule {
  static register(options: { runProjector: boolean }): DynamicModule {
    return {
      module: ViewsModule,
      imports: [CqrsModule],
      providers: [
        {
          provide: PROJECTION_ENGINE,
          useFactory: (backend: Backend) =>
            new ProjectionEngine(backend.store, backend.sql, PROJECTIONS, {
              threads: defaultReplayThreads(backend.config),
              logSql: backend.logSql,
            }),
          inject: [BACKEND],
        },
        { provide: RUN_IN_PROCESS, useValue: options.runProjector },
        InProcessProjector,
        ...QUERY_HANDLERS,
      ],
      exports: [PROJECTION_ENGINE],
    };
  }
}
