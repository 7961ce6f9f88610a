import { InputInvalidError } from '@ledger/ledger';

/** `If-Match: 3` or `If-Match: "3"` → 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^"?(-?\d{1,12})"?$/.exec(header.trim());
  if (!match)
    throw new InputInvalidError([
      { field: 'If-Match', messages: ['必须是流版本号 (must be a stream version)'] },
    ]);
  return Number(match[1]);
}
