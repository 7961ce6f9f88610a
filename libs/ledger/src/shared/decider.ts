import type { DomainEvent } from './event';
import type { Principal } from './principal';

/** What a decision may know besides the command and the state: who asks, and today's date — passed in, never read. */
export interface DecisionContext {
  readonly principal: Principal;
  readonly now: Date;
  /** Today in Asia/Shanghai. */
  readonly today: string;
}

/** emmett's decider: three pure functions, no framework, no I/O. */
export interface Decider<S, C, E extends DomainEvent> {
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (command: C, state: S, context: DecisionContext) => readonly E[];
}
