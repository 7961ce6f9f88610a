import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

import { buildEvaluationReport, type EvaluationReport } from './evaluation-report';
import type { ReportRequest } from './facts/report-facts';
import type { StatedFigure } from './reconcile/reconcile';

export class GetEvaluationReportQuery {
  constructor(
    readonly request: ReportRequest,
    readonly stated: readonly StatedFigure[] = [],
  ) {}
}

/** The report is a query like any view: it reads the other views through the bus and computes the rest. */
@QueryHandler(GetEvaluationReportQuery)
export class GetEvaluationReportHandler implements IQueryHandler<GetEvaluationReportQuery, EvaluationReport> {
  constructor(private readonly queries: QueryBus) {}

  execute({ request, stated }: GetEvaluationReportQuery): Promise<EvaluationReport> {
    return buildEvaluationReport(this.queries, request, stated);
  }
}
