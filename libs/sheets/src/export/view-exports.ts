import type { Workbook } from 'exceljs';
import type { QueryBus } from '@nestjs/cqrs';

import { invalid } from '@ledger/ledger';
import {
  GetSpendingQuery,
  GetThreePublicQuery,
  GetYearEndProjectionQuery,
  type SpendingResult,
  type ThreePublicResult,
  type YearEndResult,
} from '@ledger/views';

import { exportCounts } from './counts.export';
import { spendingWorkbook, threePublicWorkbook, yearEndWorkbook } from './finance.export';

export const EXPORT_VIEWS = ['counts', 'spending', 'three-public', 'year-end'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

export interface ViewExportParams {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly squadId?: string;
}

/**
 * `ledger export-sheet`: the view's figures through the QueryBus — the queries the API answers with — as a
 * formatted workbook. three-public is the year of `to`; year-end projects the year of `to` as of `to`.
 */
export async function exportViewWorkbook(
  queries: QueryBus,
  view: string,
  params: ViewExportParams,
): Promise<Workbook> {
  const year = Number(params.to.slice(0, 4));
  switch (view) {
    case 'counts':
      return exportCounts(queries, params);
    case 'spending':
      return spendingWorkbook(
        await queries.execute<GetSpendingQuery, SpendingResult>(
          new GetSpendingQuery({
            unitId: params.unitId,
            from: params.from,
            to: params.to,
            compareWith: 'previous-year-same-period',
          }),
        ),
      );
    case 'three-public':
      return threePublicWorkbook(
        await queries.execute<GetThreePublicQuery, ThreePublicResult>(
          new GetThreePublicQuery({ unitId: params.unitId, year }),
        ),
      );
    case 'year-end':
      return yearEndWorkbook(
        await queries.execute<GetYearEndProjectionQuery, YearEndResult>(
          new GetYearEndProjectionQuery({ unitId: params.unitId, year, asOf: params.to }),
        ),
      );
    default:
      throw invalid(
        'SHEET.VIEW_UNKNOWN',
        'view',
        `不支持导出的视图 ${view}（可用: ${EXPORT_VIEWS.join(', ')}）`,
        `unknown view ${view}`,
      );
  }
}
