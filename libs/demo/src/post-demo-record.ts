import type { CommandBus } from '@nestjs/cqrs';

import { commandNamed, parseCommandInput, PostRecord, type CommandOutcome } from '@ledger/ledger';

import type { DemoRecord } from './generators/demo-record';

/** The demo's door: the CommandBus, with the same input validation the API applies. True when already posted. */
export function demoPoster(commands: CommandBus): (record: DemoRecord) => Promise<boolean> {
  return async (record) => {
    const definition = commandNamed(record.command);
    if (!definition) throw new Error(`demo posts unknown command ${record.command}`);
    const input = await parseCommandInput(definition, JSON.parse(JSON.stringify(record.input)));
    const outcome = await commands.execute<PostRecord, CommandOutcome>(
      new PostRecord(definition, input, {
        principal: record.as,
        now: new Date(),
        idempotencyKey: record.key,
      }),
    );
    return outcome.idempotentReplay;
  };
}
