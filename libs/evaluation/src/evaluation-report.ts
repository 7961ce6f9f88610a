import type { QueryBus } from '@nestjs/cqrs';

import { Composer } from './compose/composer';
import { closingSections, financeSection, performanceSection, unitSection } from './compose/sections';
import type { Block, ReportDocument } from './document/report-document';
import { gatherFacts, type ReportFacts, type ReportRequest } from './facts/report-facts';
import { buildScorecard, scorecardBlocks, type Scorecard } from './indicators/scorecard';
import { compareStated, consistencyChecks, type Finding, type StatedFigure } from './reconcile/reconcile';
import { WORKLOAD } from './workload';

export interface EvaluationReport {
  readonly request: ReportFacts['request'];
  readonly document: ReportDocument;
  readonly scorecard: Scorecard;
  readonly findings: readonly Finding[];
}

/** Pure: the same facts give the same report, figure for figure. */
export function composeReport(facts: ReportFacts, stated: readonly StatedFigure[] = []): EvaluationReport {
  const c = new Composer(facts);
  const unitName = facts.profile?.name ?? facts.request.unitId;
  const blocks: Block[] = [...unitSection(c), ...financeSection(c), ...performanceSection(c, WORKLOAD)];
  // Scored after the sections: the indicators cite figures the sections computed.
  const scorecard = buildScorecard(c);
  blocks.push(...scorecardBlocks(scorecard), ...closingSections(c, unitName));
  const document: ReportDocument = {
    title: `${unitName}${facts.request.year}年部门整体支出绩效评价报告`,
    unitName,
    blocks,
    figures: c.book.all(),
  };
  const findings = [...consistencyChecks(facts), ...compareStated(stated, document.figures)];
  return { request: facts.request, document, scorecard, findings };
}

export async function buildEvaluationReport(
  queries: QueryBus,
  request: ReportRequest,
  stated: readonly StatedFigure[] = [],
): Promise<EvaluationReport> {
  return composeReport(await gatherFacts(queries, request), stated);
}
