/**
 * A domain event as deciders produce it: a discriminated union member. The store's envelope (ids, hashes, who,
 * when recorded) is added by the command runner, never by the decider.
 */
export interface DomainEvent<T extends string = string, D extends object = object> {
  readonly type: T;
  readonly data: D;
  /** The Asia/Shanghai calendar date the fact belongs to; finance and counts are cut by it. */
  readonly businessDate: string | null;
}

/** `default: return assertNever(x)` makes the compiler list every switch that misses a new event type. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
