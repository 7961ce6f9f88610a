import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

import { memoiseValidationMetadata } from './validation-metadata-cache';

import type { AnyCommandDefinition } from './command-definition';

export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
}

/** Input that failed the command's shape rules: nothing was decided, nothing appended. */
export class InputInvalidError extends Error {
  readonly code = 'INPUT.INVALID';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`invalid input: ${problems.map((p) => `${p.field}: ${p.messages.join('; ')}`).join(' | ')}`);
    this.name = 'InputInvalidError';
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 6;

/**
 * PostgreSQL's jsonb cannot hold U+0000, nor an unpaired UTF-16 surrogate (JSON.stringify writes it as a `\udxxx`
 * escape, which jsonb refuses): such text would fail the append with a 500, so it is refused here, by field.
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
const UNSTORABLE_MESSAGE = '含有无法保存的字符 (contains U+0000 or an unpaired surrogate)';

function screen(value: unknown, path: string, depth: number, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (unstorable(value)) problems.push({ field: path || '(body)', messages: [UNSTORABLE_MESSAGE] });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    problems.push({ field: path || '(body)', messages: ['嵌套过深 (nested too deeply)'] });
    return;
  }
  for (const key of Object.keys(value)) {
    const child = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key))
      problems.push({ field: child, messages: ['不允许的字段名 (forbidden property name)'] });
    else if (unstorable(key)) problems.push({ field: child, messages: [UNSTORABLE_MESSAGE] });
    else screen((value as Record<string, unknown>)[key], child, depth + 1, problems);
  }
}

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints
      ? [
          {
            field,
            messages: Object.entries(e.constraints).map(([rule, message]) =>
              rule === 'whitelistValidation'
                ? `不允许的字段 (property ${e.property} is not allowed)`
                : message,
            ),
          },
        ]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates untrusted input against a command's DTO: a whitelist, no coercion, every problem named by field. */
export function parseCommandInput(definition: AnyCommandDefinition, input: unknown): Promise<object> {
  return parseDto(definition.dto, input);
}

/** The same rules for any DTO class: query strings, import rows, command bodies. */
export async function parseDto<T extends object>(dtoClass: new () => T, input: unknown): Promise<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InputInvalidError([
      { field: '(body)', messages: ['请求体必须是 JSON 对象 (body must be a JSON object)'] },
    ]);
  }
  memoiseValidationMetadata();
  const screened: FieldProblem[] = [];
  screen(input, '', 0, screened);
  if (screened.length > 0) throw new InputInvalidError(screened);
  const dto = plainToInstance(dtoClass, input, { enableImplicitConversion: false });
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new InputInvalidError(flatten(errors));
  return dto;
}
