import type { Decider } from './decider';
import type { DomainEvent } from './event';
import type { Role } from './principal';

/**
 * Everything the ledger needs to accept one kind of command from any door (HTTP, CLI import, spreadsheet):
 * the input shape (a class-validator DTO), who may send it, the stream it decides on, and the pure decider.
 */
export interface CommandDefinition<Dto extends object, S, C, E extends DomainEvent> {
  readonly name: string;
  readonly summaryZh: string;
  readonly dto: new () => Dto;
  readonly roles: readonly Role[];
  readonly decider: Decider<S, C, E>;
  readonly streamOf: (dto: Dto) => string;
  /** The unit the record belongs to; a principal may only post for its own unit. */
  readonly unitOf: (dto: Dto) => string;
  /** The squad named in the input, if any; a squad clerk may only post for its own squad. */
  readonly squadOf?: (dto: Dto) => string | null;
  readonly toCommand: (dto: Dto) => C;
  /**
   * Tallies have no invariant across records: skip reading the stream and append with `any`, so a squad's day of
   * postings never contends on the stream version.
   */
  readonly stateless?: boolean;
  /**
   * Other streams whose facts the decision needs (a year's expenditure names a project of the unit's register).
   * They are folded through the same decider before the command's own stream, and only the own stream's version
   * guards the append, so they must hold facts that are only ever added: a stale read can refuse, never admit.
   */
  readonly alsoReads?: (dto: Dto) => readonly string[];
  /**
   * The command normally starts its stream (a new accident, case, hazard…): the runner first decides on the empty
   * state and appends with `no_stream`, without reading the stream; if the stream exists after all, or the empty
   * state is refused, it reads and decides as usual. An optimisation only: the outcome is the same without it.
   */
  readonly createsStream?: boolean;
}

/** A definition with its type parameters forgotten, for registries. Only the runner calls through it. */
export interface AnyCommandDefinition {
  readonly name: string;
  readonly summaryZh: string;
  readonly dto: new () => object;
  readonly roles: readonly Role[];
  readonly decider: Decider<unknown, unknown, DomainEvent>;
  readonly streamOf: (dto: object) => string;
  readonly unitOf: (dto: object) => string;
  readonly squadOf?: (dto: object) => string | null;
  readonly toCommand: (dto: object) => unknown;
  readonly stateless?: boolean;
  readonly alsoReads?: (dto: object) => readonly string[];
  readonly createsStream?: boolean;
}

export function defineCommand<Dto extends object, S, C, E extends DomainEvent>(
  definition: CommandDefinition<Dto, S, C, E>,
): AnyCommandDefinition {
  return definition as unknown as AnyCommandDefinition;
}
