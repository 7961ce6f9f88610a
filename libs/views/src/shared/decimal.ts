/**
 * Exact decimal arithmetic on bigint for shares, changes and 万元: no float ever touches a figure that is printed.
 * Rounding is half away from zero, as the 决算 tables round.
 */
function roundDiv(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

function withDecimals(scaled: bigint, decimals: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const body = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${body}` : body;
}

/** part / whole as a percentage with `decimals` places, e.g. share(246687n, 254429n) → "97.0". Null when whole is 0. */
export function percent(part: bigint, whole: bigint, decimals = 1): string | null {
  if (whole === 0n) return null;
  return withDecimals(roundDiv(part * 100n * 10n ** BigInt(decimals), whole), decimals);
}

/** (current − previous) / previous in percent; null when there is no previous figure. */
export function percentChange(current: bigint, previous: bigint, decimals = 1): string | null {
  return percent(current - previous, previous, decimals);
}

/** Fen → 万元 with two decimals (1 万元 = 1,000,000 fen): 25456000000n → "25456.00". */
export function fenToWanYuan(fen: bigint, decimals = 2): string {
  return withDecimals(roundDiv(fen * 10n ** BigInt(decimals), 1_000_000n), decimals);
}

/** Fen → 元 with two decimals. */
export function fenToYuan(fen: bigint): string {
  return withDecimals(fen, 2);
}
