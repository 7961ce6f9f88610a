import type { DomainEvent } from '@ledger/ledger/events';

/** What an auditor can do; each is recorded, by whom, with its parameters and a summary of what it found. */
export const AUDIT_ACTIONS = [
  'replay',
  'diff',
  'history',
  'who',
  'verify',
  'export',
  'late-changes',
  'trace',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type JsonLike = string | number | boolean | null | JsonLike[] | { [key: string]: JsonLike };

/**
 * An audit action was performed. Auditing reads the ledger; recording the reading is the one write it makes, so
 * "who replayed what, when" is itself in the tamper-evident log. No business date: it is about no period.
 */
export type AuditActionPerformed = DomainEvent<
  'AuditActionPerformed',
  {
    action: AuditAction;
    /** `all` or the unit the action was confined to. */
    scope: string;
    parameters: { [key: string]: JsonLike };
    outcome: { [key: string]: JsonLike };
  }
>;

export type AuditTrailEvent = AuditActionPerformed;

export const auditStream = (scope: string) => `audit-${scope}`;
