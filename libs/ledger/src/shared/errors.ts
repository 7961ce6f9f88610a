/**
 * The closed family of domain errors. Each has a stable code and a message in Chinese and English; the API maps
 * the kind to an HTTP status in one exception filter.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'closed';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    readonly messageZh: string,
    messageEn: string,
    readonly field: string | null = null,
  ) {
    super(messageEn);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, field: string, zh: string, en: string) =>
  new DomainError(code, 'invalid', zh, en, field);
export const notFound = (code: string, zh: string, en: string) => new DomainError(code, 'not-found', zh, en);
export const conflict = (code: string, zh: string, en: string) => new DomainError(code, 'conflict', zh, en);
export const forbidden = (code: string, zh: string, en: string) => new DomainError(code, 'forbidden', zh, en);

export class FiscalYearClosedError extends DomainError {
  constructor(year: number) {
    super(
      'LEDGER.YEAR_CLOSED',
      'closed',
      `${year}年度已结账，只能登记经审计的调整`,
      `fiscal year ${year} is closed`,
    );
  }
}
