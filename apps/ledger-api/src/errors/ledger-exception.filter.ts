import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';

import {
  IdempotencyConflictError,
  LogNotInSqlError,
  sqlErrorCode,
  WrongExpectedVersionError,
} from '@ledger/event-store';
import { DomainError, InputInvalidError, type DomainErrorKind } from '@ledger/ledger';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  closed: HttpStatus.CONFLICT,
};

/** Connection-level failures: the database is down or restarting, not a bug — 503 and the client retries. */
function isUnavailable(error: unknown): boolean {
  const code = sqlErrorCode(error);
  if (code && /^(08|57P0[1-3]|53300)/.test(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /ECONNREFUSED|ECONNRESET|terminat|Connection terminated|connection timeout|not queryable|PGlite is closed/i.test(
    message,
  );
}

/**
 * Text the database refuses whatever the query: U+0000 (22021 in a text parameter, 22P05 inside jsonb). Command bodies
 * are screened field by field before this (parseDto); this catches it in a path or query parameter of any route.
 */
function isUnstorableText(error: unknown): boolean {
  const code = sqlErrorCode(error);
  return code === '22021' || code === '22P05';
}

function isClientHttpError(error: unknown): error is { status: number; message: string } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && error instanceof Error;
}

/** The one place errors become HTTP statuses. Never a stack trace in a response. */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.map(error);
    if (status >= 500 && status !== 503)
      this.logger.error(error instanceof Error ? error.stack : String(error));
    if (status === 503) response.setHeader('Retry-After', '1');
    response.status(status).json(body);
  }

  private map(error: unknown): [number, object] {
    if (error instanceof InputInvalidError) {
      return [400, { code: error.code, message: '输入无效 (invalid input)', fields: error.problems }];
    }
    if (error instanceof DomainError) {
      return [
        STATUS[error.kind],
        { code: error.code, message: `${error.messageZh} (${error.message})`, field: error.field },
      ];
    }
    if (error instanceof WrongExpectedVersionError) {
      return [
        409,
        {
          code: error.code,
          message: `版本冲突 (${error.message})`,
          streamId: error.streamId,
          currentVersion: error.actual,
        },
      ];
    }
    if (error instanceof IdempotencyConflictError) return [409, { code: error.code, message: error.message }];
    if (error instanceof LogNotInSqlError) {
      return [
        501,
        { code: 'LOG.NOT_IN_SQL', message: `此部署的日志在 KurrentDB 中，暂不支持此查询 (${error.message})` },
      ];
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      return [error.getStatus(), typeof body === 'string' ? { message: body } : body];
    }
    if (isClientHttpError(error)) {
      // body-parser's own refusals: malformed JSON (400), a body over the limit (413), a wrong charset (415).
      return [error.status, { code: 'INPUT.BODY', message: `请求体无效 (${error.message})` }];
    }
    if (isUnstorableText(error)) {
      return [
        400,
        {
          code: 'INPUT.UNSTORABLE_TEXT',
          message: '请求含有无法保存的字符 (the request contains U+0000 or text the database cannot store)',
        },
      ];
    }
    if (isUnavailable(error)) {
      return [
        503,
        { code: 'STORE.UNAVAILABLE', message: '数据库暂不可用，请稍后重试 (database unavailable, retry)' },
      ];
    }
    return [500, { code: 'INTERNAL', message: '内部错误 (internal error)' }];
  }
}
