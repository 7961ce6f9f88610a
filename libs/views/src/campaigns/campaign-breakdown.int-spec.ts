import { randomUUID } from 'node:crypto';

import { aClerk, openTestBackend, testBackendKinds } from '@ledger/event-store/testing';
import type { Backend, JsonObject } from '@ledger/event-store';

import { ProjectionEngine } from '../engine/projection-engine';
import { ViewMigrations } from '../schema';
import { GetCampaignBreakdownHandler, GetCampaignBreakdownQuery } from './campaign-breakdown.query';
import { campaignsProjection } from './campaigns.projection';

describe.each(testBackendKinds())('campaign breakdown (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openTestBackend(kind, { migrations: ViewMigrations });
    const append = (stream: string, type: string, data: JsonObject, businessDate: string) =>
      backend.store.append(stream, [{ id: randomUUID(), type, data, schemaVersion: 1, businessDate }], {
        expectedVersion: 'any',
        metadata: aClerk,
      });
    const launch = (campaignId: string, kind: string, launchedOn: string) =>
      append(
        `campaign-changning-${campaignId}`,
        'CampaignLaunched',
        { campaignId, unitId: 'changning', name: campaignId, kind, launchedOn },
        launchedOn,
      );
    const operate = (campaignId: string, squadId: string, conductedOn: string, vehiclesChecked: number) =>
      append(
        `campaign-changning-${campaignId}`,
        'CampaignOperationConducted',
        {
          campaignId,
          unitId: 'changning',
          squadId,
          conductedOn,
          officers: 8,
          vehiclesChecked,
          violationsFound: 3,
        },
        conductedOn,
      );
    await launch('helmet', 'ONE_HELMET_ONE_BELT', '2020-05-01');
    await launch('spring-2019', 'SPRING_BREEZE', '2019-03-01');
    await append(
      'campaign-changning-spring-2019',
      'CampaignClosed',
      { campaignId: 'spring-2019', unitId: 'changning', closedOn: '2019-04-30' },
      '2019-04-30',
    );
    await operate('helmet', 'chengqu', '2020-06-16', 120);
    const engine = new ProjectionEngine(backend.store, backend.sql, [campaignsProjection], { batchSize: 2 });
    await engine.register();
    await engine.catchUp();
    await operate('helmet', 'songbai', '2020-06-17', 80);
    await engine.catchUp();
  });
  afterAll(async () => backend?.close());

  it('lists the campaigns running in the period with their totals across batches', async () => {
    const rows = await new GetCampaignBreakdownHandler(backend.dataSource).execute(
      new GetCampaignBreakdownQuery({ unitId: 'changning', from: '2020-01-01', to: '2020-10-31' }),
    );
    expect(rows).toEqual([
      {
        unitId: 'changning',
        campaignId: 'helmet',
        name: 'helmet',
        kind: 'ONE_HELMET_ONE_BELT',
        kindZh: '一盔一带',
        launchedOn: '2020-05-01',
        closedOn: null,
        operations: 2,
        officers: '16',
        vehiclesChecked: '200',
        violationsFound: '6',
      },
    ]);
  });
});
