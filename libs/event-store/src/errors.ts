/** The store's own failures. Domain errors live in the ledger; these are about the log itself. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class IdempotencyConflictError extends Error {
  readonly code = 'STORE.IDEMPOTENCY_CONFLICT';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} was already appended with different content or to another stream`);
    this.name = 'IdempotencyConflictError';
  }
}

export class StoreUnavailableError extends Error {
  readonly code = 'STORE.UNAVAILABLE';
  constructor(cause: unknown) {
    super(`event store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}
