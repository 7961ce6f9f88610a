import { contextFor, DeciderSpec } from '../../../ledger/src/shared/testing/decider-spec';
import { auditTrailDecider } from './audit-trail.decider';

const auditor = { id: 'auditor-1', role: 'auditor', unitId: 'changning', squadId: null } as const;

describe('audit trail decider', () => {
  describe('RecordAuditAction', () => {
    it('records the action with its parameters and outcome, dated to no period', () => {
      DeciderSpec.for(auditTrailDecider)
        .given()
        .when(
          {
            kind: 'RecordAuditAction',
            action: 'replay',
            scope: 'changning',
            parameters: { asOf: '2020-10-31', basis: 'recorded' },
            outcome: { eventsFolded: 12 },
          },
          contextFor(auditor),
        )
        .then({
          type: 'AuditActionPerformed',
          data: {
            action: 'replay',
            scope: 'changning',
            parameters: { asOf: '2020-10-31', basis: 'recorded' },
            outcome: { eventsFolded: 12 },
          },
          businessDate: null,
        });
    });

    it('records every repetition: reading twice is two readings', () => {
      const verify = {
        kind: 'RecordAuditAction' as const,
        action: 'verify' as const,
        scope: 'all',
        parameters: {},
        outcome: { ok: true },
      };
      const performed = {
        type: 'AuditActionPerformed' as const,
        data: { action: 'verify' as const, scope: 'all', parameters: {}, outcome: { ok: true } },
        businessDate: null,
      };
      DeciderSpec.for(auditTrailDecider).given(performed).when(verify, contextFor(auditor)).then(performed);
    });
  });
});
