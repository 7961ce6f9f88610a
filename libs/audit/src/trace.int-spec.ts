import type { Backend, RecordedEvent } from '@ledger/event-store';
import { testBackendKinds } from '@ledger/event-store/testing';
import { GetCountsHandler, GetCountsQuery, PROJECTIONS, ProjectionEngine } from '@ledger/views';

import { endOfShanghaiDay } from './as-of';
import {
  auditor,
  clerk,
  office,
  openAuditBackend,
  recordAccident,
  reviseAccident,
} from './testing/audit-fixtures';
import { eventsForMeasure, lateChanges, streamHistory, whoPosted } from './trace';
import { recordAuditAction } from './trail/audit-trail.command';

async function all<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

describe.each(testBackendKinds())('audit trace (%s)', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await openAuditBackend(kind);
    await recordAccident(backend, {
      accidentId: 'T1',
      occurredOn: '2020-10-10',
      recordedAt: '2020-10-10T20:00:00+08:00',
    });
    await recordAccident(backend, {
      accidentId: 'T2',
      occurredOn: '2020-10-12',
      recordedAt: '2020-10-12T09:00:00+08:00',
      deaths: 1,
    });
    await recordAccident(
      backend,
      {
        accidentId: 'T3',
        occurredOn: '2020-10-20',
        recordedAt: '2020-11-04T09:00:00+08:00',
        squadId: 'songbai',
      },
      office,
    );
    await reviseAccident(backend, { accidentId: 'T1', deaths: 2, recordedAt: '2020-11-06T09:00:00+08:00' });
    await recordAccident(backend, {
      accidentId: 'T4',
      occurredOn: '2020-11-07',
      recordedAt: '2020-11-07T09:00:00+08:00',
    });
    await recordAccident(
      backend,
      {
        accidentId: 'L1',
        unitId: 'leiyang',
        occurredOn: '2020-10-11',
        recordedAt: '2020-10-11T09:00:00+08:00',
      },
      { id: 'clerk-leiyang', role: 'squad_clerk', unitId: 'leiyang', squadId: 'chengqu' },
    );
  });
  afterAll(async () => backend?.close());

  it('history: every event of a stream with its whole envelope', async () => {
    const events = await all(streamHistory(backend.store, 'accident-changning-T1'));
    expect(events.map((e) => [e.streamVersion, e.type, e.principal, e.role, e.businessDate])).toEqual([
      [0, 'AccidentRecorded', 'clerk-chengqu', 'squad_clerk', '2020-10-10'],
      [1, 'AccidentCasualtiesRevised', 'office-1', 'brigade_office', '2020-10-10'],
    ]);
    expect(events[1]!.recordedAt.toISOString()).toBe('2020-11-06T01:00:00.000Z');
    expect(events.every((e) => e.correlationId.length > 0 && e.causationId === null)).toBe(true);
  });

  it('who: counts per principal and type in a recording-time window, for one unit', async () => {
    const october = await whoPosted(backend.sql, {
      unitId: 'changning',
      from: '2020-10-01',
      to: '2020-10-31',
    });
    expect(october).toMatchObject({
      total: 2,
      counts: [{ principal: 'clerk-chengqu', role: 'squad_clerk', type: 'AccidentRecorded', count: 2 }],
    });
    const november = await whoPosted(backend.sql, {
      unitId: 'changning',
      from: '2020-11-01',
      to: '2020-11-30',
    });
    expect(november.counts).toEqual([
      { principal: 'clerk-chengqu', role: 'squad_clerk', type: 'AccidentRecorded', count: 1 },
      { principal: 'office-1', role: 'brigade_office', type: 'AccidentCasualtiesRevised', count: 1 },
      { principal: 'office-1', role: 'brigade_office', type: 'AccidentRecorded', count: 1 },
    ]);
    expect((await whoPosted(backend.sql, { from: '2020-10-01', to: '2020-10-31' })).total).toBe(3);
  });

  it('late changes: what was recorded after a report’s moment that touches its period, and who posted it', async () => {
    const late: RecordedEvent[] = await all(
      lateChanges(backend.sql, {
        after: endOfShanghaiDay('2020-10-31'),
        from: '2020-10-01',
        to: '2020-10-31',
        unitId: 'changning',
      }),
    );
    expect(late.map((e) => [e.type, e.streamId, e.principal, e.role, e.recordedAt.toISOString()])).toEqual([
      ['AccidentRecorded', 'accident-changning-T3', 'office-1', 'brigade_office', '2020-11-04T01:00:00.000Z'],
      [
        'AccidentCasualtiesRevised',
        'accident-changning-T1',
        'office-1',
        'brigade_office',
        '2020-11-06T01:00:00.000Z',
      ],
    ]);
  });

  it('eventsForMeasure: the events behind a count add up to the view’s figure, corrections included', async () => {
    const live = new ProjectionEngine(backend.store, backend.sql, PROJECTIONS);
    await live.register();
    await live.catchUp();
    const viewDeaths = await new GetCountsHandler(backend.dataSource).execute(
      new GetCountsQuery({
        unitId: 'changning',
        from: '2020-10-01',
        to: '2020-10-31',
        measures: ['accidents.deaths'],
      }),
    );
    const trace = await eventsForMeasure(backend.sql, {
      unitId: 'changning',
      measure: 'accidents.deaths',
      from: '2020-10-01',
      to: '2020-10-31',
    });
    expect(trace.value).toBe(viewDeaths.rows[0]!.value);
    expect(trace.value).toBe('3');
    expect(trace.contributions.map((c) => [c.streamId, c.type, c.day, c.delta])).toEqual([
      ['accident-changning-T2', 'AccidentRecorded', '2020-10-12', '1'],
      ['accident-changning-T1', 'AccidentCasualtiesRevised', '2020-10-10', '2'],
    ]);

    const accidents = await eventsForMeasure(backend.sql, {
      unitId: 'changning',
      measure: 'accidents.total',
      from: '2020-10-01',
      to: '2020-10-31',
      squadId: 'chengqu',
      recordedUpTo: endOfShanghaiDay('2020-10-31'),
    });
    expect(accidents.value).toBe('2');
    expect(accidents.contributions.map((c) => c.streamId)).toEqual([
      'accident-changning-T1',
      'accident-changning-T2',
    ]);
  });

  it('records an audit action as an event by the auditor, through the command runner; other roles may not', async () => {
    const outcome = await recordAuditAction(backend.store, auditor, {
      action: 'who',
      unitId: 'changning',
      parameters: { from: '2020-10-01', to: '2020-10-31' },
      outcome: { total: 2 },
    });
    expect(outcome.streamId).toBe('audit-changning');
    const [e] = await all(streamHistory(backend.store, 'audit-changning'));
    expect(e).toMatchObject({
      type: 'AuditActionPerformed',
      principal: 'auditor-1',
      role: 'auditor',
      unitId: 'changning',
      businessDate: null,
      data: {
        action: 'who',
        scope: 'changning',
        parameters: { from: '2020-10-01', to: '2020-10-31' },
        outcome: { total: 2 },
      },
    });
    const whole = await recordAuditAction(backend.store, auditor, {
      action: 'verify',
      unitId: null,
      parameters: {},
      outcome: { ok: true },
    });
    expect(whole.streamId).toBe('audit-all');
    await expect(
      recordAuditAction(backend.store, clerk, {
        action: 'verify',
        unitId: null,
        parameters: {},
        outcome: {},
      }),
    ).rejects.toMatchObject({ code: 'AUTH.ROLE' });
    await expect(
      recordAuditAction(backend.store, auditor, {
        action: 'who',
        unitId: 'leiyang',
        parameters: {},
        outcome: {},
      }),
    ).rejects.toMatchObject({ code: 'AUTH.UNIT' });
  });
});
