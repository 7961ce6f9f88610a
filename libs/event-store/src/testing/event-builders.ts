import { randomUUID } from 'node:crypto';

import type { AppendMetadata, EventToAppend, JsonObject } from '../event-store.port';

export function anEvent(overrides: Partial<EventToAppend> & { data?: JsonObject } = {}): EventToAppend {
  return {
    id: randomUUID(),
    type: 'ThingHappened',
    data: { n: 1 },
    schemaVersion: 1,
    businessDate: '2020-05-12',
    ...overrides,
  };
}

export const aClerk: AppendMetadata = {
  principal: 'clerk-01',
  role: 'squad_clerk',
  unitId: 'changning',
  correlationId: 'corr-1',
  causationId: null,
};
