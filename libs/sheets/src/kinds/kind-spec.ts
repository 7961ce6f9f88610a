import type { Role } from '@ledger/ledger';

import type { AmountUnit } from '../read/amounts';
import type { RawCell } from '../read/cells';

export const SHEET_KINDS = ['tallies', 'accidents', 'vouchers', 'budget'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

/** What a converter knows about the column it reads. */
export interface ColumnContext {
  /** The header as the sheet spells it, for messages. */
  readonly header: string;
  /** 元 unless the header (`金额（万元）`) or the map says otherwise. */
  readonly amountUnit: AmountUnit;
  readonly date1904: boolean;
}

/** Cell → field value; throws CellError with a Chinese message. Only called on non-empty cells. */
export type Converter = (raw: RawCell, column: ColumnContext) => unknown;

/** One logical column: the command field it fills, the headers it is known by, and how its cells are read. */
export interface FieldSpec {
  readonly field: string;
  /** The header printed in messages when the sheet has no column for the field. */
  readonly labelZh: string;
  /** Default headers (Chinese first); the field name itself is always accepted too. */
  readonly headers: readonly string[];
  readonly convert: Converter;
  /** A sheet without this column (and without a constant for it in the map) is refused before any row is read. */
  readonly required?: boolean;
}

/** A data row after conversion: field → value, fields with empty cells absent. */
export interface SheetRow {
  readonly row: number;
  readonly values: Readonly<Record<string, unknown>>;
}

/** A problem tied to a place in the sheet. `row` null: the sheet as a whole (a missing column, no header). */
export interface RowProblem {
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** One command the sheet asks for: what the API would receive, and the rows it came from. */
export interface PlannedCommand {
  readonly commandName: string;
  readonly input: Record<string, unknown>;
  readonly rows: readonly number[];
  /** A DTO field path (`directLossFen`, `lines.3.amountFen`) → the row and the sheet field it was read from. */
  readonly locate: (path: string) => { row: number; field: string };
}

export interface PlanContext {
  readonly unitId: string;
}

export interface KindSpec {
  readonly kind: SheetKind;
  readonly labelZh: string;
  /** The commands rows of this kind become; a kind whose command is not in the catalogue yet is refused, named. */
  readonly commandNames: readonly string[];
  /** The role a CLI import acts as when none is given. */
  readonly defaultRole: Role;
  readonly fields: readonly FieldSpec[];
  readonly plan: (
    rows: readonly SheetRow[],
    ctx: PlanContext,
  ) => { commands: PlannedCommand[]; problems: RowProblem[] };
}

/** The common case: each row is one command; DTO fields are sheet fields unless `fieldOf` renames them. */
export function perRow(
  commandName: string | ((values: Readonly<Record<string, unknown>>) => string),
  build: (values: Readonly<Record<string, unknown>>, ctx: PlanContext) => Record<string, unknown>,
  fieldOf: (path: string) => string = (path) => path.split('.')[0]!,
): KindSpec['plan'] {
  return (rows, ctx) => ({
    commands: rows.map((r) => ({
      commandName: typeof commandName === 'string' ? commandName : commandName(r.values),
      input: build(r.values, ctx),
      rows: [r.row],
      locate: (path: string) => ({ row: r.row, field: fieldOf(path) }),
    })),
    problems: [],
  });
}

/** Copies the fields that have a value, so an empty optional cell is absent rather than undefined. */
export function pick(
  values: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (values[f] !== undefined) out[f] = values[f];
  return out;
}
