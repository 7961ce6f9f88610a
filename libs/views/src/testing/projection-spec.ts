import type { RecordedEvent } from '@ledger/event-store';

import type { AnyViewTable, Projection, RowStore, ViewTable } from '../engine/projection';

/** An in-memory RowStore: what the engine's row cache does, without a database. */
export class MemoryRows implements RowStore {
  readonly tables = new Map<string, Map<string, Record<string, unknown>>>();

  private slot(table: AnyViewTable) {
    let s = this.tables.get(table.name);
    if (!s) this.tables.set(table.name, (s = new Map()));
    return s;
  }
  private key(table: AnyViewTable, row: object) {
    return JSON.stringify(
      table.key.map((k) => (row as Record<string, unknown>)[k] ?? null),
      (_, v) => (typeof v === 'bigint' ? v.toString() : v),
    );
  }
  async get<R extends object>(table: ViewTable<R>, key: Partial<R>): Promise<R | null> {
    const t = table as unknown as AnyViewTable;
    const row = this.slot(t).get(this.key(t, key));
    return row ? ({ ...row } as R) : null;
  }
  put<R extends object>(table: ViewTable<R>, row: R): void {
    const t = table as unknown as AnyViewTable;
    this.slot(t).set(this.key(t, row), { ...(row as Record<string, unknown>) });
  }
  delete<R extends object>(table: ViewTable<R>, key: Partial<R>): void {
    const t = table as unknown as AnyViewTable;
    this.slot(t).delete(this.key(t, key));
  }
  rows<R extends object>(table: ViewTable<R>): R[] {
    const t = table as unknown as AnyViewTable;
    return [...this.slot(t).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r as R);
  }
}

let position = 0n;

/** Wraps a domain event in the envelope the store would give it. */
export function recorded(type: string, data: object, businessDate: string | null = null): RecordedEvent {
  position += 1n;
  return {
    position,
    streamId: 'test',
    streamVersion: Number(position),
    id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    type,
    data: data as RecordedEvent['data'],
    schemaVersion: 1,
    businessDate,
    recordedAt: new Date('2020-11-30T00:00:00Z'),
    principal: 'test',
    role: 'admin',
    unitId: 'changning',
    correlationId: 'c',
    causationId: null,
    contentHash: '',
    chainHash: '',
  };
}

/** `ProjectionSpec.for(p).given(...events).thenRows(table, rows)` — folds the events through the projection. */
export const ProjectionSpec = {
  for(projection: Projection) {
    return {
      given(...events: RecordedEvent[]) {
        const run = async () => {
          const rows = new MemoryRows();
          for (const e of events) if (projection.handles.includes(e.type)) await projection.apply(e, rows);
          return rows;
        };
        return {
          async thenRows<R extends object>(table: ViewTable<R>, expected: Partial<R>[]): Promise<void> {
            const rows = (await run()).rows(table);
            expect(rows).toEqual(expected.map((e) => expect.objectContaining(e)));
            expect(rows).toHaveLength(expected.length);
          },
          run,
        };
      },
    };
  },
};
