import { Inject, Module } from '@nestjs/common';
import { CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';

import { EVENT_STORE, type EventStore } from '@ledger/event-store';

import type { AnyCommandDefinition } from './shared/command-definition';
import { runCommand, type CommandMeta, type CommandOutcome } from './shared/command-runner';

/** The one command the bus carries: post a record of any kind, already validated against its definition. */
export class PostRecord {
  constructor(
    readonly definition: AnyCommandDefinition,
    readonly input: object,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PostRecord)
export class PostRecordHandler implements ICommandHandler<PostRecord, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ definition, input, meta }: PostRecord): Promise<CommandOutcome> {
    return runCommand(this.store, definition, input, meta);
  }
}

@Module({ imports: [CqrsModule], providers: [PostRecordHandler] })
export class LedgerModule {}
