import { Body, Controller, Get, Inject, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import type { Response } from 'express';

import {
  GetEvaluationReportHandler,
  GetEvaluationReportQuery,
  renderDocx,
  renderHtml,
  renderMarkdown,
  type EvaluationReport,
  type Finding,
} from '@ledger/evaluation';
import { lateChanges, toEnvelopeJson, traceFigure, withViewsAsOf, type FigureTrace } from '@ledger/audit';
import { BACKEND, logSqlOf, type Backend } from '@ledger/event-store';
import {
  ID_PATTERN,
  notFound,
  InputInvalidError,
  IsCalendarDate,
  parseDto,
  type Principal,
} from '@ledger/ledger';

import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { assertMayRead } from '../views/read-scope';

export class ReportQueryDto {
  @Matches(ID_PATTERN) unit!: string;
  @Matches(/^\d{4}$/) year!: string;
  @IsCalendarDate() cutoff!: string;
  @IsOptional() @IsCalendarDate() issuedOn?: string;
  @IsOptional() @Matches(/^\d{1,18}$/) asOfPosition?: string;
  @IsOptional() @IsIn(['json', 'md', 'html', 'docx']) format?: 'json' | 'md' | 'html' | 'docx';
}

class StatedFigureDto {
  @IsString() @MaxLength(200) figureId!: string;
  @Matches(/^-?\d{1,12}(\.\d{1,4})?$/) value!: string;
}

export class AsRecordedQueryDto extends ReportQueryDto {
  /** The moment the report was issued: an ISO instant, or a date (its end in Asia/Shanghai). */
  @Matches(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/) asRecordedOn!: string;
}

export class ReconcileDto {
  @Matches(ID_PATTERN) unit!: string;
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsCalendarDate() cutoff!: string;
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StatedFigureDto)
  stated!: StatedFigureDto[];
}

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** The 部门整体支出绩效评价报告, computed from the views on every request, in four renderings. */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(BACKEND) private readonly backend: Backend,
  ) {}

  private async report(q: ReportQueryDto, principal: Principal): Promise<EvaluationReport> {
    if (q.cutoff.slice(0, 4) !== q.year) {
      throw new InputInvalidError([
        { field: 'cutoff', messages: ['统计截止日须在报告年度内 (cutoff must lie in the report year)'] },
      ]);
    }
    assertMayRead(principal, q.unit);
    return this.queries.execute<GetEvaluationReportQuery, EvaluationReport>(
      new GetEvaluationReportQuery({
        unitId: q.unit,
        year: Number(q.year),
        cutoff: q.cutoff,
        issuedOn: q.issuedOn,
        asOfPosition: q.asOfPosition === undefined ? undefined : BigInt(q.asOfPosition),
      }),
    );
  }

  /**
   * The report exactly as the ledger stood at a past moment (every view replayed from the events recorded by then),
   * and what was recorded since for the report's period — late postings and corrections — with who posted them.
   */
  @Get('evaluation/as-recorded')
  @Roles('auditor', 'brigade_office', 'finance')
  async asRecorded(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ asRecordedOn: string; report: EvaluationReport; changedSince: object[] }> {
    const q = await parseDto(AsRecordedQueryDto, query);
    assertMayRead(principal, q.unit);
    const request = { unitId: q.unit, year: Number(q.year), cutoff: q.cutoff, issuedOn: q.issuedOn };
    const { report, at } = await withViewsAsOf(
      this.backend,
      { asOf: q.asRecordedOn, basis: 'recorded', handlers: [GetEvaluationReportHandler] },
      async (views) => ({
        report: await views.queries.execute<EvaluationReport>(new GetEvaluationReportQuery(request)),
        at: views.replay.asOf,
      }),
    );
    const after = at.cutoff;
    const changedSince: object[] = [];
    for await (const batch of lateChanges(logSqlOf(this.backend, 'late changes'), {
      after,
      from: `${q.year}-01-01`,
      to: `${q.year}-12-31`,
      unitId: q.unit,
    })) {
      changedSince.push(...batch.map(toEnvelopeJson));
    }
    return { asRecordedOn: after.toISOString(), report, changedSince };
  }

  /** A figure of the report traced to the events behind it, each with who posted it and what it added. */
  @Get('evaluation/figures/:figureId/events')
  @Roles('brigade_office', 'finance', 'auditor')
  async figureEvents(
    @Param('figureId') figureId: string,
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ figure: EvaluationReport['document']['figures'][string]; trace: FigureTrace }> {
    const q = await parseDto(ReportQueryDto, query);
    const report = await this.report(q, principal);
    const figure = report.document.figures[figureId];
    if (!figure)
      throw notFound('REPORT.FIGURE', `报告中没有数字 ${figureId}`, `no figure ${figureId} in the report`);
    return {
      figure,
      trace: await traceFigure(
        this.backend.store,
        logSqlOf(this.backend, 'a trace'),
        q.unit,
        figure.provenance,
      ),
    };
  }

  @Get('evaluation')
  @Roles('brigade_office', 'finance', 'auditor')
  async evaluation(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EvaluationReport | string | StreamableFile> {
    const q = await parseDto(ReportQueryDto, query);
    const report = await this.report(q, principal);
    const format = q.format ?? 'json';
    if (format === 'json') return report;
    response.setHeader('Content-Type', CONTENT_TYPES[format]);
    const filename = `${q.unit}-${q.year}-evaluation.${format}`;
    if (format === 'docx') {
      response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      return new StreamableFile(await renderDocx(report.document));
    }
    return format === 'md'
      ? renderMarkdown(report.document)
      : renderHtml(report.document, { standalone: true });
  }

  /** Compares a hand-written report's figures with the ledger's: which agree, which agree only at the printed precision, which do not. */
  @Post('evaluation/reconcile')
  @Roles('brigade_office', 'finance', 'auditor')
  async reconcile(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ findings: readonly Finding[] }> {
    const dto = await parseDto(ReconcileDto, body);
    assertMayRead(principal, dto.unit);
    const report = await this.queries.execute<GetEvaluationReportQuery, EvaluationReport>(
      new GetEvaluationReportQuery({ unitId: dto.unit, year: dto.year, cutoff: dto.cutoff }, dto.stated),
    );
    return { findings: report.findings };
  }
}
