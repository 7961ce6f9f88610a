import { invalid } from '@ledger/ledger';

import { accidentsKind } from './accidents.kind';
import { budgetKind } from './budget.kind';
import { SHEET_KINDS, type KindSpec, type SheetKind } from './kind-spec';
import { talliesKind } from './tallies.kind';
import { vouchersKind } from './vouchers.kind';

/** Every kind of sheet the importer reads. A kind is listed once its command exists in the catalogue. */
export const KIND_SPECS: Readonly<Partial<Record<SheetKind, KindSpec>>> = {
  tallies: talliesKind,
  accidents: accidentsKind,
  vouchers: vouchersKind,
  budget: budgetKind,
};

export function kindSpec(kind: string): KindSpec {
  const spec = (SHEET_KINDS as readonly string[]).includes(kind) ? KIND_SPECS[kind as SheetKind] : undefined;
  if (!spec) {
    throw invalid(
      'SHEET.KIND_UNKNOWN',
      'kind',
      `不支持的表格种类 ${kind}（可用: ${Object.keys(KIND_SPECS).join(', ')}）`,
      `unknown sheet kind ${kind}`,
    );
  }
  return spec;
}
