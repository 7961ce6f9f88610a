import { createHash } from 'node:crypto';

import type { Workbook } from 'exceljs';

import { WrongExpectedVersionError, type EventStore } from '@ledger/event-store';
import {
  commandNamed,
  DomainError,
  InputInvalidError,
  invalid,
  parseCommandInput,
  runCommand,
  type AnyCommandDefinition,
  type CommandMeta,
  type CommandOutcome,
  type Principal,
} from '@ledger/ledger';

import type { KindSpec, PlannedCommand, RowProblem, SheetKind } from '../kinds/kind-spec';
import { kindSpec } from '../kinds/kinds';
import { EMPTY_MAPPING, type SheetMapping } from '../read/mapping';
import { convertRows, readTable, type SheetTable } from '../read/table';
import { CachedStreamStore } from './cached-stream-store';
import { DryRunStore } from './dry-run-store';
import { chineseMessage } from './messages';

export type PostFn = (
  definition: AnyCommandDefinition,
  dto: object,
  meta: CommandMeta,
) => Promise<CommandOutcome>;

export interface ImportOptions {
  readonly kind: SheetKind | string;
  readonly unitId: string;
  readonly principal: Principal;
  readonly mapping?: SheetMapping;
  /**
   * Constants for fields the sheet and the map leave empty, e.g. the squad of a clerk importing the squad's own
   * sheet (`--squad`); the map's `values` win.
   */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Post the valid rows and report the others, instead of refusing the whole sheet. */
  readonly skipInvalid?: boolean;
  /** Check everything, append nothing. */
  readonly dryRun?: boolean;
  readonly now?: Date;
  /** Called after each command is checked and posted; awaited, so a caller may pause the import here. */
  readonly onProgress?: (phase: 'check' | 'post', done: number, total: number) => void | Promise<void>;
  /**
   * How a checked command is posted. By default the runner appends through a per-import stream cache (see
   * CachedStreamStore), which keeps a long sheet on one stream linear; a caller may route it elsewhere.
   */
  readonly post?: PostFn;
}

export interface ImportReport {
  readonly kind: SheetKind;
  readonly sheet: string;
  readonly headerRow: number;
  readonly columns: readonly { readonly field: string; readonly header: string }[];
  readonly ignoredHeaders: readonly string[];
  /** Rows read as records (totals, notes and blank rows are not). */
  readonly dataRows: number;
  readonly skipped: SheetTable['skipped'];
  /** Commands the sheet asks for (one per row, or one per sheet for a budget). */
  readonly commands: number;
  readonly invalidRows: readonly number[];
  readonly problems: readonly RowProblem[];
  /** Commands that appended events in this import. */
  readonly posted: number;
  /** Commands a previous import of the same rows already appended: nothing appended again. */
  readonly alreadyImported: number;
  readonly events: number;
  /** False when nothing was appended because a row was invalid (without skipInvalid) or for a dry run. */
  readonly committed: boolean;
  readonly dryRun: boolean;
}

interface Checked {
  readonly planned: PlannedCommand;
  readonly definition: AnyCommandDefinition;
  dto: object | null;
  readonly key: string;
  problems: RowProblem[];
  alreadyImported: boolean;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A row's idempotency key is its content: the kind, the unit, the command and its normalised field values (so
 * `1,234.56` and 1234.56 are the same row). Identical rows in one sheet are told apart by their rank, so two equal
 * tallies both count and re-importing the sheet appends neither again.
 */
export function idempotencyKeys(kind: string, unitId: string, commands: readonly PlannedCommand[]): string[] {
  const seen = new Map<string, number>();
  return commands.map((c) => {
    const hash = createHash('sha256')
      .update(canonical([kind, unitId, c.commandName, c.input]))
      .digest('hex')
      .slice(0, 40);
    const rank = seen.get(hash) ?? 0;
    seen.set(hash, rank + 1);
    return `sheet:${kind}:${hash}:${rank}`;
  });
}

function columnOf(spec: KindSpec, table: SheetTable, field: string): string {
  return (
    table.columns.find((c) => c.field === field)?.header ??
    spec.fields.find((f) => f.field === field)?.labelZh ??
    field
  );
}

/** A problem of one command, with the sheet field it points at (null: the row as a whole). */
type Located = RowProblem & { readonly field: string | null };

function valueAt(input: unknown, path: string): unknown {
  let value = input;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** `lines[3].amountFen` (deciders) and `lines.3.amountFen` (validators) name the same place. */
const dotted = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

function problemsOf(error: unknown, c: Checked, spec: KindSpec, table: SheetTable): Located[] | null {
  const { planned } = c;
  if (error instanceof InputInvalidError) {
    return error.problems.map((p) => {
      const path = dotted(p.field);
      const at = planned.locate(path);
      const absent =
        valueAt(planned.input, path) === undefined && !p.messages.some((m) => /不允许的字段/.test(m));
      return {
        row: at.row,
        field: at.field,
        column: columnOf(spec, table, at.field),
        message: absent ? '不能为空' : p.messages.map(chineseMessage).join('；'),
      };
    });
  }
  if (error instanceof DomainError) {
    const at = error.field ? planned.locate(dotted(error.field)) : null;
    return [
      {
        row: at?.row ?? planned.rows[0]!,
        field: at?.field ?? null,
        column: at ? columnOf(spec, table, at.field) : null,
        message: chineseMessage(error.messageZh),
      },
    ];
  }
  if (error instanceof WrongExpectedVersionError) {
    return [
      {
        row: planned.rows[0]!,
        field: null,
        column: null,
        message: '与本表其他行或已登记的记录冲突（同一记录登记了两次？）',
      },
    ];
  }
  return null;
}

const strip = ({ row, column, message }: Located): RowProblem => ({ row, column, message });

/**
 * Imports one sheet: reads it, turns every row into the command the API would receive, validates every one with
 * the command's own DTO, decides them all against a dry-run overlay of the store (roles, squads, the deciders'
 * rules, duplicates within the sheet), and only then posts — all of them, or with `skipInvalid` the valid ones.
 */
export async function importSheet(
  store: EventStore,
  workbook: Workbook,
  options: ImportOptions,
): Promise<ImportReport> {
  const spec = kindSpec(options.kind);
  const missing = spec.commandNames.filter((n) => !commandNamed(n));
  if (missing.length > 0) {
    throw invalid(
      'SHEET.KIND_UNAVAILABLE',
      'kind',
      `表格种类 ${spec.kind} 需要的登记命令尚未提供: ${missing.join(', ')}`,
      `commands not in the catalogue: ${missing.join(', ')}`,
    );
  }
  const given = options.mapping ?? EMPTY_MAPPING;
  const defaults = Object.entries(options.defaults ?? {}).filter(([f]) =>
    spec.fields.some((s) => s.field === f),
  );
  const mapping: SheetMapping = { ...given, values: { ...Object.fromEntries(defaults), ...given.values } };
  const now = options.now ?? new Date();
  const table = readTable(workbook, spec, mapping);
  const converted = convertRows(table, spec, mapping);
  const plan = spec.plan(converted.rows, { unitId: options.unitId });
  // A row-level complaint (no count at all) about a row whose cells were already refused one by one adds nothing.
  const problems: RowProblem[] = [
    ...converted.problems,
    ...plan.problems.filter((p) => !(p.column === null && p.row !== null && converted.failed.has(p.row))),
  ];
  const keys = idempotencyKeys(spec.kind, options.unitId, plan.commands);

  const checked: Checked[] = [];
  for (const [i, planned] of plan.commands.entries()) {
    const definition = commandNamed(planned.commandName);
    if (!definition) {
      problems.push({
        row: planned.rows[0]!,
        column: null,
        message: `未知的登记命令 ${planned.commandName}`,
      });
      continue;
    }
    const entry: Checked = {
      planned,
      definition,
      dto: null,
      key: keys[i]!,
      problems: [],
      alreadyImported: false,
    };
    try {
      entry.dto = await parseCommandInput(definition, planned.input);
    } catch (error) {
      const found = problemsOf(error, entry, spec, table);
      if (!found) throw error;
      // A field whose cell could not be read is already reported; the DTO saying it is missing adds nothing.
      entry.problems = found
        .filter((p) => !(p.field && converted.failed.get(p.row ?? -1)?.has(p.field)))
        .map(strip);
    }
    checked.push(entry);
  }

  const badRows = new Set<number>([
    ...problems.map((p) => p.row ?? -1),
    ...checked.flatMap((c) => c.problems.map((p) => p.row ?? -1)),
  ]);
  const isValid = (c: Checked) =>
    c.dto !== null && c.problems.length === 0 && c.planned.rows.every((r) => !badRows.has(r));

  // Decide every valid command in sheet order against an overlay: later rows see earlier rows, nothing is written.
  const cached = new CachedStreamStore(store);
  const dry = new DryRunStore(cached);
  const toCheck = checked.filter(isValid);
  for (const [i, c] of toCheck.entries()) {
    try {
      const outcome = await runCommand(dry, c.definition, c.dto!, {
        principal: options.principal,
        now,
        idempotencyKey: c.key,
      });
      c.alreadyImported = outcome.idempotentReplay;
    } catch (error) {
      const found = problemsOf(error, c, spec, table);
      if (!found) throw error;
      c.problems = found.map(strip);
    }
    await options.onProgress?.('check', i + 1, toCheck.length);
  }

  const allProblems = [...problems, ...checked.flatMap((c) => c.problems)].sort(
    (a, b) =>
      (a.row ?? 0) - (b.row ?? 0) ||
      table.columns.findIndex((c) => c.header === a.column) -
        table.columns.findIndex((c) => c.header === b.column),
  );
  const invalidRows = [...new Set(allProblems.map((p) => p.row).filter((r): r is number => r !== null))].sort(
    (a, b) => a - b,
  );
  const ready = checked.filter((c) => isValid(c) && c.problems.length === 0);
  const report = {
    kind: spec.kind,
    sheet: table.sheetName,
    headerRow: table.headerRow,
    columns: table.columns.map((c) => ({ field: c.field, header: c.header })),
    ignoredHeaders: table.ignoredHeaders,
    dataRows: table.rows.length,
    skipped: table.skipped,
    commands: plan.commands.length,
    invalidRows,
    problems: allProblems,
    alreadyImported: ready.filter((c) => c.alreadyImported).length,
    dryRun: options.dryRun === true,
  };
  if (options.dryRun || (allProblems.length > 0 && !options.skipInvalid)) {
    return { ...report, posted: 0, events: 0, committed: false };
  }

  const post: PostFn = options.post ?? ((definition, dto, meta) => runCommand(cached, definition, dto, meta));
  const toPost = ready.filter((c) => !c.alreadyImported);
  let posted = 0;
  let events = 0;
  let alreadyImported = report.alreadyImported;
  const late: RowProblem[] = [];
  for (const [i, c] of toPost.entries()) {
    try {
      const outcome = await post(c.definition, c.dto!, {
        principal: options.principal,
        now,
        idempotencyKey: c.key,
      });
      if (outcome.idempotentReplay) alreadyImported += 1;
      else {
        posted += 1;
        events += outcome.events.length;
      }
    } catch (error) {
      // Someone posted between the check and now: the rows already posted stay, a re-import posts only the rest.
      const found = problemsOf(error, c, spec, table);
      if (!found) throw error;
      late.push(...found.map(strip));
      if (!options.skipInvalid) break;
    }
    await options.onProgress?.('post', i + 1, toPost.length);
  }
  return {
    ...report,
    problems: [...allProblems, ...late],
    invalidRows: [...new Set([...invalidRows, ...late.map((p) => p.row ?? 0)])].sort((a, b) => a - b),
    alreadyImported,
    posted,
    events,
    committed: true,
  };
}
