import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Post,
  Res,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';

import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ID_PATTERN, InputInvalidError, parseDto, type Principal } from '@ledger/ledger';
import {
  errorWorkbook,
  formatProblem,
  importSheet,
  kindSpec,
  loadWorkbook,
  parseMapping,
  SHEET_KINDS,
  type ImportReport,
  type SheetKind,
} from '@ledger/sheets';

import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { XLSX_MIME } from '../views/xlsx-export';

/** A month of a brigade's vouchers is well under this; a sheet past it is split, not streamed. */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

/** Multipart text fields arrive as strings. */
export class ImportRequestDto {
  @IsIn(SHEET_KINDS) kind!: SheetKind;
  @Matches(ID_PATTERN) unit!: string;
  @IsOptional() @Matches(ID_PATTERN) squad?: string;
  @IsOptional() @IsIn(['true', 'false']) skipInvalid?: 'true' | 'false';
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
  /** `xlsx`: when rows are refused, answer with the sheet itself and a 错误 column instead of JSON. */
  @IsOptional() @IsIn(['json', 'xlsx']) errors?: 'json' | 'xlsx';
  /** The column map as YAML text, when it is not sent as a file. */
  @IsOptional() @MaxLength(20_000) map?: string;
}

interface UploadedSheet {
  readonly buffer: Buffer;
  readonly originalname: string;
}

export type ImportResponse = ImportReport & { readonly messages: readonly string[] };

/**
 * POST /api/v1/imports (multipart: `file`, optional `map`, fields `kind`, `unit`, …): every row becomes the
 * command POST /api/v1/commands/:name takes, for the signed-in principal, decided by the same runner. The whole
 * sheet is checked first; nothing is appended unless every row is valid (or `skipInvalid=true`), and importing the
 * same sheet again appends nothing.
 */
@Controller('api/v1/imports')
@Roles('squad_clerk', 'brigade_office', 'finance')
export class ImportsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'file', maxCount: 1 },
        { name: 'map', maxCount: 1 },
      ],
      { limits: { fileSize: MAX_SHEET_BYTES, files: 2, fields: 10, fieldSize: 32 * 1024 } },
    ),
  )
  async import(
    @UploadedFiles() files: { file?: UploadedSheet[]; map?: UploadedSheet[] } | undefined,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportResponse | StreamableFile> {
    const request = await parseDto(ImportRequestDto, { ...(body as object) });
    const file = files?.file?.[0];
    if (!file) {
      throw new InputInvalidError([
        { field: 'file', messages: ['缺少表格文件 (multipart field "file" is required)'] },
      ]);
    }
    const spec = kindSpec(request.kind);
    const mapText = files?.map?.[0]?.buffer.toString('utf8') ?? request.map;
    const mapping = mapText
      ? parseMapping(
          mapText,
          spec.fields.map((f) => f.field),
        )
      : undefined;
    const workbook = await loadWorkbook(file.buffer, file.originalname);
    const squad = request.squad ?? (principal.role === 'squad_clerk' ? principal.squadId : null);
    const report = await importSheet(this.store, workbook, {
      kind: request.kind,
      unitId: request.unit,
      principal,
      mapping,
      defaults: squad ? { squadId: squad } : undefined,
      skipInvalid: request.skipInvalid === 'true',
      dryRun: request.dryRun === 'true',
    });
    const refused = !report.committed && !report.dryRun;
    if (refused) response.status(400);
    else if (report.posted === 0) response.status(200);
    if (refused && request.errors === 'xlsx') {
      const sheet = await errorWorkbook(workbook, report);
      const name = `${file.originalname.replace(/\.[^.]*$/, '').replace(/[^\w\u4e00-\u9fff.-]/g, '_') || 'sheet'}.错误.xlsx`;
      return new StreamableFile(sheet, {
        type: XLSX_MIME,
        length: sheet.length,
        disposition: `attachment; filename="errors.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
    }
    return { ...report, messages: report.problems.map(formatProblem) };
  }
}
