import type { DomainEvent } from '../shared/event';

/** 简易程序 / 一般程序 / 快处快赔 (settled at a quick-claim station). */
export const ACCIDENT_PROCEDURES = ['SIMPLE', 'GENERAL', 'FAST_SETTLEMENT'] as const;
export type AccidentProcedure = (typeof ACCIDENT_PROCEDURES)[number];

export type AccidentRecorded = DomainEvent<
  'AccidentRecorded',
  {
    accidentId: string;
    unitId: string;
    squadId: string;
    occurredOn: string;
    procedure: AccidentProcedure;
    deaths: number;
    injuries: number;
    directLossFen: number;
    hitAndRun: boolean;
    roadCode: string | null;
  }
>;

/** Casualties and loss as now known (e.g. a death within 7 days): the new totals, not a delta. */
export type AccidentCasualtiesRevised = DomainEvent<
  'AccidentCasualtiesRevised',
  {
    accidentId: string;
    unitId: string;
    deaths: number;
    injuries: number;
    directLossFen: number;
    reason: string;
  }
>;

export type AccidentClosed = DomainEvent<
  'AccidentClosed',
  { accidentId: string; unitId: string; closedOn: string }
>;

/** A record made in error (a duplicate, a non-accident): it stops counting, and stays in the log. */
export type AccidentVoided = DomainEvent<
  'AccidentVoided',
  { accidentId: string; unitId: string; reason: string }
>;

export type AccidentEvent = AccidentRecorded | AccidentCasualtiesRevised | AccidentClosed | AccidentVoided;

export const accidentStream = (unitId: string, accidentId: string) => `accident-${unitId}-${accidentId}`;
