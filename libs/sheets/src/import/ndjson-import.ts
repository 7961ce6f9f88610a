import { createHash } from 'node:crypto';

import type { EventStore } from '@ledger/event-store';
import { canonicalJson, type JsonValue } from '@ledger/event-store';
import {
  commandNamed,
  DomainError,
  InputInvalidError,
  parseCommandInput,
  runCommand,
  type AnyCommandDefinition,
  type Principal,
} from '@ledger/ledger';

import { CachedStreamStore } from './cached-stream-store';
import { DryRunStore } from './dry-run-store';

/** One line of an import file: exactly what the API takes — the command's name, its body, and an optional retry key. */
export interface NdjsonRecord {
  readonly command: string;
  readonly input: unknown;
  readonly idempotencyKey?: string;
}

export interface LineProblem {
  readonly line: number;
  readonly field: string | null;
  readonly message: string;
}

export interface NdjsonImportReport {
  readonly lines: number;
  readonly problems: readonly LineProblem[];
  readonly posted: number;
  readonly alreadyImported: number;
  readonly committed: boolean;
}

interface Parsed {
  readonly line: number;
  readonly definition: AnyCommandDefinition;
  readonly dto: object;
  readonly key: string;
}

function problemsOf(line: number, error: unknown): LineProblem[] {
  if (error instanceof InputInvalidError) {
    return error.problems.map((p) => ({ line, field: p.field, message: p.messages.join('; ') }));
  }
  if (error instanceof DomainError)
    return [{ line, field: error.field, message: `${error.messageZh} (${error.message})` }];
  if (error instanceof Error && 'code' in error) return [{ line, field: null, message: error.message }];
  throw error;
}

/**
 * `ledger import FILE.ndjson`: every line is validated and decided first — against an in-memory overlay of the
 * store, so later lines see earlier ones — and nothing is appended unless every line passes (or skipInvalid).
 * A line's retry key is its own (`idempotencyKey`) or its content's hash, so importing the file again appends nothing.
 */
export async function importNdjson(
  store: EventStore,
  text: string,
  options: {
    readonly principal: Principal;
    readonly skipInvalid?: boolean;
    readonly now?: Date;
    readonly onProgress?: (phase: 'check' | 'post', done: number, total: number) => void;
  },
): Promise<NdjsonImportReport> {
  const now = options.now ?? new Date();
  const problems: LineProblem[] = [];
  const parsed: Parsed[] = [];
  const lines = text.split(/\r?\n/);
  const seen = new Map<string, number>();
  let count = 0;
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (raw.trim() === '') continue;
    count += 1;
    let record: NdjsonRecord;
    try {
      record = JSON.parse(raw) as NdjsonRecord;
    } catch (error) {
      problems.push({ line, field: null, message: `不是有效的 JSON (${(error as Error).message})` });
      continue;
    }
    const definition = typeof record?.command === 'string' ? commandNamed(record.command) : undefined;
    if (!definition) {
      problems.push({
        line,
        field: 'command',
        message: `未知的登记命令 ${String(record?.command)} (unknown command)`,
      });
      continue;
    }
    try {
      const dto = await parseCommandInput(definition, record.input);
      const content = createHash('sha256')
        .update(canonicalJson([record.command, record.input as JsonValue]))
        .digest('hex');
      const rank = (seen.get(content) ?? 0) + 1;
      seen.set(content, rank);
      const key = record.idempotencyKey ?? `ndjson:${content}:${rank}`;
      parsed.push({ line, definition, dto, key });
    } catch (error) {
      problems.push(...problemsOf(line, error));
    }
  }

  const cached = new CachedStreamStore(store);
  const dry = new DryRunStore(cached);
  const bad = new Set(problems.map((p) => p.line));
  const ready: (Parsed & { already: boolean })[] = [];
  for (const [i, p] of parsed.entries()) {
    if (!bad.has(p.line)) {
      try {
        const outcome = await runCommand(dry, p.definition, p.dto, {
          principal: options.principal,
          now,
          idempotencyKey: p.key,
        });
        ready.push({ ...p, already: outcome.idempotentReplay });
      } catch (error) {
        problems.push(...problemsOf(p.line, error));
      }
    }
    options.onProgress?.('check', i + 1, parsed.length);
  }
  problems.sort((a, b) => a.line - b.line);
  const alreadyImported = ready.filter((r) => r.already).length;
  if (problems.length > 0 && !options.skipInvalid) {
    return { lines: count, problems, posted: 0, alreadyImported, committed: false };
  }
  let posted = 0;
  const toPost = ready.filter((r) => !r.already);
  for (const [i, r] of toPost.entries()) {
    const outcome = await runCommand(cached, r.definition, r.dto, {
      principal: options.principal,
      now,
      idempotencyKey: r.key,
    });
    if (!outcome.idempotentReplay) posted += 1;
    options.onProgress?.('post', i + 1, toPost.length);
  }
  return { lines: count, problems, posted, alreadyImported, committed: true };
}
