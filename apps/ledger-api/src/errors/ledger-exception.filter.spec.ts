import type { ArgumentsHost } from '@nestjs/common';

import { LogNotInSqlError } from '@ledger/event-store';

import { LedgerExceptionFilter } from './ledger-exception.filter';

/** What the filter answers for an error: the status and body it hands the response. */
function answer(error: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    setHeader: () => response,
    status: (status: number) => {
      sent.status = status;
      return response;
    },
    json: (body: Record<string, unknown>) => {
      sent.body = body;
      return response;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new LedgerExceptionFilter().catch(error, host);
  return sent;
}

describe('LedgerExceptionFilter', () => {
  it('answers 501 naming the request when it reads the log by SQL and the log is in KurrentDB', () => {
    const { status, body } = answer(new LogNotInSqlError('audit export'));
    expect(status).toBe(501);
    expect(body['code']).toBe('LOG.NOT_IN_SQL');
    expect(body['message']).toContain('audit export reads the log by SQL');
  });

  it('keeps anything it does not know a 500 without detail', () => {
    expect(answer(new Error('boom'))).toEqual({
      status: 500,
      body: { code: 'INTERNAL', message: '内部错误 (internal error)' },
    });
  });
});
