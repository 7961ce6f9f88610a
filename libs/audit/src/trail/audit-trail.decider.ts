import type { Decider } from '@ledger/ledger';

import type { AuditAction, AuditTrailEvent, JsonLike } from './audit-trail.events';

export interface RecordAuditAction {
  readonly kind: 'RecordAuditAction';
  readonly action: AuditAction;
  readonly scope: string;
  readonly parameters: { [key: string]: JsonLike };
  readonly outcome: { [key: string]: JsonLike };
}

/** The trail is a tally: every action is recorded, nothing depends on what came before. */
export const auditTrailDecider: Decider<null, RecordAuditAction, AuditTrailEvent> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => [
    {
      type: 'AuditActionPerformed',
      data: {
        action: command.action,
        scope: command.scope,
        parameters: command.parameters,
        outcome: command.outcome,
      },
      businessDate: null,
    },
  ],
};
