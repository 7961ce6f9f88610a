import type { Principal } from '@ledger/ledger';

/** One posting of the demo, exactly as a user would post it: a command, its input, who posts it, a retry key. */
export interface DemoRecord {
  readonly command: string;
  readonly as: Principal;
  readonly input: object;
  /** Deterministic: loading the demo twice appends nothing the second time. */
  readonly key: string;
}

export const DEMO_PRINCIPALS = {
  admin: { id: 'demo-admin', role: 'admin', unitId: '*', squadId: null },
  office: { id: 'demo-office', role: 'brigade_office', unitId: 'changning', squadId: null },
  finance: { id: 'demo-finance', role: 'finance', unitId: 'changning', squadId: null },
  clerkOf: (squadId: string): Principal => ({
    id: `demo-clerk-${squadId}`,
    role: 'squad_clerk',
    unitId: 'changning',
    squadId,
  }),
} as const satisfies Record<string, Principal | ((s: string) => Principal)>;
