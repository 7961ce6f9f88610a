import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';

import {
  COMMANDS,
  commandNamed,
  describeDto,
  notFound,
  parseCommandInput,
  PostRecord,
  type CommandOutcome,
  type FieldSchema,
  type Principal,
} from '@ledger/ledger';

import { CurrentPrincipal } from '../auth/auth.decorators';
import { parseIfMatch } from './if-match';

@Controller('api/v1/commands')
export class CommandsController {
  constructor(private readonly commands: CommandBus) {}

  /** What can be posted, by whom: the dashboard builds its forms from this. */
  @Get()
  list(): { name: string; summaryZh: string; roles: readonly string[]; fields: FieldSchema[] }[] {
    return COMMANDS.map((c) => ({
      name: c.name,
      summaryZh: c.summaryZh,
      roles: c.roles,
      fields: describeDto(c.dto),
    }));
  }

  /**
   * Post one record. `Idempotency-Key` makes a retry safe (the first outcome comes back, 200 instead of 201);
   * `If-Match: <version>` refuses with 409 when the stream moved since the client read it.
   */
  @Post(':name')
  @HttpCode(201)
  async post(
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('x-correlation-id') correlationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandOutcome> {
    const definition = commandNamed(name);
    if (!definition) throw notFound('COMMAND.UNKNOWN', `未知的登记类型 ${name}`, `unknown command ${name}`);
    const input = await parseCommandInput(definition, body);
    const outcome = await this.commands.execute<PostRecord, CommandOutcome>(
      new PostRecord(definition, input, {
        principal,
        now: new Date(),
        idempotencyKey: idempotencyKey?.slice(0, 200),
        expectedVersion: parseIfMatch(ifMatch),
        correlationId: correlationId?.slice(0, 100),
      }),
    );
    if (outcome.idempotentReplay) response.status(200);
    return outcome;
  }
}
