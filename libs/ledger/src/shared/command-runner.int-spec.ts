import type { Backend, EventStore } from '@ledger/event-store';
import { openTestBackend, testBackendKinds } from '@ledger/event-store/testing';

import { commandNamed } from '../catalog';
import { runCommand, type CommandMeta } from './command-runner';
import { DomainError } from './errors';
import { parseCommandInput } from './input';
import type { Principal } from './principal';

const CLERK: Principal = { id: 'clerk-a', role: 'squad_clerk', unitId: 'changning', squadId: 'changning-a' };
const RECORD_ACCIDENT = commandNamed('RecordAccident')!;

const accident = (accidentId: string) => ({
  accidentId,
  unitId: 'changning',
  squadId: 'changning-a',
  occurredOn: '2020-10-20',
  procedure: 'FAST_SETTLEMENT',
  deaths: 0,
  injuries: 1,
  directLossFen: 150000,
});

/** The backend's store, counting stream reads (every call is passed on to the real store). */
function countingReads(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return (...args: Parameters<EventStore['readStream']>) => {
          reads += 1;
          return target.readStream(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, reads: () => reads };
}

describe.each(testBackendKinds())('command runner: commands that start a stream (%s)', (kind) => {
  let backend: Backend;
  const meta = (extra: Partial<CommandMeta> = {}): CommandMeta => ({
    principal: CLERK,
    now: new Date('2020-10-21T02:00:00Z'),
    ...extra,
  });
  beforeAll(async () => {
    backend = await openTestBackend(kind);
  });
  afterAll(async () => backend?.close());

  it('records a new accident without reading its stream first', async () => {
    const { store, reads } = countingReads(backend.store);
    const dto = await parseCommandInput(RECORD_ACCIDENT, accident('A-new'));
    const out = await runCommand(store, RECORD_ACCIDENT, dto, meta());
    expect(out.events.map((e) => e.type)).toEqual(['AccidentRecorded']);
    expect(out.streamVersion).toBe(0);
    expect(reads()).toBe(0);
  });

  it('an accident recorded twice is refused on its real state, and nothing more is appended', async () => {
    const dto = await parseCommandInput(RECORD_ACCIDENT, accident('A-twice'));
    await runCommand(backend.store, RECORD_ACCIDENT, dto, meta());
    const head = await backend.store.headPosition();
    const { store, reads } = countingReads(backend.store);
    const refusal = await runCommand(store, RECORD_ACCIDENT, dto, meta()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('ACCIDENT.EXISTS');
    expect(reads()).toBe(1);
    expect(await backend.store.headPosition()).toBe(head);
  });

  it('a retried creation with the same idempotency key returns the first outcome and appends once', async () => {
    const dto = await parseCommandInput(RECORD_ACCIDENT, accident('A-retried'));
    const first = await runCommand(backend.store, RECORD_ACCIDENT, dto, meta({ idempotencyKey: 'k-1' }));
    const head = await backend.store.headPosition();
    const again = await runCommand(backend.store, RECORD_ACCIDENT, dto, meta({ idempotencyKey: 'k-1' }));
    expect(again.idempotentReplay).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(await backend.store.headPosition()).toBe(head);
  });

  it('with an expected version from the client, the stream is read as before', async () => {
    const { store, reads } = countingReads(backend.store);
    const dto = await parseCommandInput(RECORD_ACCIDENT, accident('A-pinned'));
    await runCommand(store, RECORD_ACCIDENT, dto, meta({ expectedVersion: -1 }));
    expect(reads()).toBe(1);
  });
});
