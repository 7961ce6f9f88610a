import { IsIn, IsObject, IsString, Matches } from 'class-validator';

import type { EventStore } from '@ledger/event-store';
import { defineCommand, runCommand, type CommandOutcome, type Principal } from '@ledger/ledger';

import { auditTrailDecider } from './audit-trail.decider';
import { AUDIT_ACTIONS, auditStream, type AuditAction, type JsonLike } from './audit-trail.events';

export class RecordAuditActionDto {
  @IsIn(AUDIT_ACTIONS) action!: AuditAction;
  @Matches(/^(all|[A-Za-z0-9][A-Za-z0-9_.-]{0,63})$/) scope!: string;
  /** The unit the record is filed under: the audited unit, or the auditor's own for a whole-ledger action. */
  @IsString() unitId!: string;
  @IsObject() parameters!: { [key: string]: JsonLike };
  @IsObject() outcome!: { [key: string]: JsonLike };
}

/**
 * Not in the catalog: nobody posts it over HTTP. The audit routes and the CLI record it themselves, through the
 * same runner as every other command, so it gets the same role check, envelope and hash chain.
 */
export const recordAuditActionCommand = defineCommand({
  name: 'RecordAuditAction',
  summaryZh: '记录审计操作',
  dto: RecordAuditActionDto,
  roles: ['auditor'],
  decider: auditTrailDecider,
  streamOf: (d) => auditStream(d.scope),
  unitOf: (d) => d.unitId,
  toCommand: (d) => ({
    kind: 'RecordAuditAction' as const,
    action: d.action,
    scope: d.scope,
    parameters: d.parameters,
    outcome: d.outcome,
  }),
  stateless: true,
});

export interface AuditActionRecord {
  readonly action: AuditAction;
  /** The unit the action was confined to; null for the whole ledger. */
  readonly unitId: string | null;
  readonly parameters: { [key: string]: JsonLike };
  readonly outcome: { [key: string]: JsonLike };
}

/** Appends AuditActionPerformed to `audit-<unit|all>` as `principal`. */
export function recordAuditAction(
  store: EventStore,
  principal: Principal,
  record: AuditActionRecord,
  now: Date = new Date(),
): Promise<CommandOutcome> {
  const dto = Object.assign(new RecordAuditActionDto(), {
    action: record.action,
    scope: record.unitId ?? 'all',
    unitId: record.unitId ?? principal.unitId,
    parameters: record.parameters,
    outcome: record.outcome,
  });
  return runCommand(store, recordAuditActionCommand, dto, { principal, now });
}
