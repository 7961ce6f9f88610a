import {
  StreamableFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Workbook } from 'exceljs';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';

import { InputInvalidError } from '@ledger/ledger';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `counts-changning-2020-01-01_2020-10-31.xlsx`, from the query's own words. */
function fileNameOf(view: string, query: Record<string, unknown>): string {
  const parts = ['unit', 'year', 'from', 'to', 'asOf']
    .map((k) => query[k])
    .filter((v): v is string => typeof v === 'string' && /^[\w.-]{1,64}$/.test(v));
  return `${[view, ...parts].join('-')}.xlsx`;
}

/**
 * `?format=xlsx` on a views endpoint: the handler runs as for JSON (same validation, same read scope, same query),
 * and its result is rendered as a workbook. The `format` parameter is taken off the query before the handler's DTO
 * sees it, so a view's DTO needs no change; `format=json` (or none) answers JSON as before.
 */
export class XlsxExportInterceptor<T> implements NestInterceptor<T, T | StreamableFile> {
  constructor(
    private readonly view: string,
    private readonly render: (result: T) => Workbook,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T | StreamableFile> {
    const request = context.switchToHttp().getRequest<Request>();
    const { format, ...rest } = request.query as Record<string, unknown>;
    if (format !== undefined && format !== 'json' && format !== 'xlsx') {
      throw new InputInvalidError([
        { field: 'format', messages: ['format 只能是 json 或 xlsx (must be json or xlsx)'] },
      ]);
    }
    // Express 5 parses req.query anew on every read; an own property hides the getter for this request only.
    Object.defineProperty(request, 'query', {
      value: rest,
      configurable: true,
      enumerable: true,
      writable: true,
    });
    if (format !== 'xlsx') return next.handle();
    const name = fileNameOf(this.view, rest);
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          this.render(result)
            .xlsx.writeBuffer()
            .then((data) => {
              const buffer = Buffer.from(data);
              return new StreamableFile(buffer, {
                type: XLSX_MIME,
                length: buffer.length,
                disposition: `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
              });
            }),
        ),
      ),
    );
  }
}

/** Adds `?format=xlsx` to a views handler: `@XlsxExport('spending', spendingWorkbook)`. */
export const XlsxExport = <T>(view: string, render: (result: T) => Workbook) =>
  UseInterceptors(new XlsxExportInterceptor<T>(view, render));
