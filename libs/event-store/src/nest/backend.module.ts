import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { openBackend, type Backend, type BackendConfig, type BackendModules } from '../backend/open-backend';

export const BACKEND = Symbol('BACKEND');
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Opens the configured database once per application and shares the store, SQL client and TypeORM DataSource. */
@Global()
@Module({})
export class BackendModule implements OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(config: BackendConfig, modules: BackendModules = {}): DynamicModule {
    return {
      module: BackendModule,
      providers: [
        { provide: BACKEND, useFactory: () => openBackend(config, modules) },
        { provide: EVENT_STORE, useFactory: (b: Backend) => b.store, inject: [BACKEND] },
        { provide: DataSource, useFactory: (b: Backend) => b.dataSource, inject: [BACKEND] },
      ],
      exports: [BACKEND, EVENT_STORE, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get<Backend>(BACKEND, { strict: false }).close();
  }
}
