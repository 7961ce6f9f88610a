import { Controller, Get, Inject, Param, Query } from '@nestjs/common';

import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ledger/event-store';

import { Roles } from '../auth/auth.decorators';

/** A stream's events with their envelope, for the office and auditors. */
@Controller('api/v1/streams')
export class StreamsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':streamId')
  @Roles('brigade_office', 'finance', 'auditor')
  async read(
    @Param('streamId') streamId: string,
    @Query('limit') limit?: string,
  ): Promise<{ events: object[] }> {
    const events: RecordedEvent[] = [];
    const max = Math.min(Math.max(Number(limit ?? 1000) || 1000, 1), 10000);
    for await (const batch of this.store.readStream(streamId, { maxCount: max })) events.push(...batch);
    return { events: events.map((e) => ({ ...e, position: e.position.toString() })) };
  }
}
