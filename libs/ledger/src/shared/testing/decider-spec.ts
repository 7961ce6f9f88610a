import type { DecisionContext, Decider } from '../decider';
import type { DomainEvent } from '../event';
import type { Principal } from '../principal';

export const aClerkOf = (squadId: string, unitId = 'changning'): Principal => ({
  id: `clerk-${squadId}`,
  role: 'squad_clerk',
  unitId,
  squadId,
});
export const theOffice: Principal = {
  id: 'office-1',
  role: 'brigade_office',
  unitId: 'changning',
  squadId: null,
};
export const finance: Principal = { id: 'finance-1', role: 'finance', unitId: 'changning', squadId: null };

export function contextFor(principal: Principal = theOffice, today = '2020-11-30'): DecisionContext {
  return { principal, now: new Date(`${today}T04:00:00Z`), today };
}

/**
 * `DeciderSpec.for(d).given(...events).when(cmd).then(...events)` / `.thenThrows(code)`.
 * Assertion errors from `then` are never swallowed: `thenThrows` fails when nothing was thrown.
 */
export const DeciderSpec = {
  for<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
    return {
      given(...history: E[]) {
        return {
          when(command: C, context: DecisionContext = contextFor()) {
            const run = () => {
              const state = history.reduce(decider.evolve, decider.initialState());
              return decider.decide(command, state, context);
            };
            return {
              then(...expected: E[]): void {
                expect(run()).toEqual(expected);
              },
              thenNothing(): void {
                expect(run()).toEqual([]);
              },
              thenThrows(code: string): void {
                let thrown: unknown = undefined;
                let returned: readonly E[] | undefined;
                try {
                  returned = run();
                } catch (error) {
                  thrown = error;
                }
                if (thrown === undefined) {
                  throw new Error(
                    `expected ${code} to be thrown, but decide returned ${JSON.stringify(returned)}`,
                  );
                }
                expect(thrown).toMatchObject({ code });
              },
            };
          },
        };
      },
    };
  },
};
