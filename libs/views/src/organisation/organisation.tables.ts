import type { ViewTable } from '../engine/projection';

/** The unit tree the counts roll up over (table created by the base migration; the dates by ours). */
export interface UnitRow {
  unit_id: string;
  parent_id: string | null;
  /** The latest name; names as of a date are in `unit_names`. */
  name: string;
  kind: string;
  established_on: string | null;
  dissolved_on: string | null;
}

export const units: ViewTable<UnitRow> = {
  name: 'units',
  key: ['unit_id'],
  columns: {
    unit_id: 'text',
    parent_id: 'text',
    name: 'text',
    kind: 'text',
    established_on: 'date',
    dissolved_on: 'date',
  },
};

/** Each name a unit has had, from the day it took effect. */
export interface UnitNameRow {
  unit_id: string;
  valid_from: string;
  name: string;
}

export const unitNames: ViewTable<UnitNameRow> = {
  name: 'unit_names',
  key: ['unit_id', 'valid_from'],
  columns: { unit_id: 'text', valid_from: 'date', name: 'text' },
};

/** Every headcount recorded; the one in force on a date is the latest `as_of` on or before it. */
export interface UnitHeadcountRow {
  unit_id: string;
  as_of: string;
  police: number;
  cadres: number;
  workers: number;
  auxiliary: number;
  authorised_establishment: number | null;
}

export const unitHeadcounts: ViewTable<UnitHeadcountRow> = {
  name: 'unit_headcounts',
  key: ['unit_id', 'as_of'],
  columns: {
    unit_id: 'text',
    as_of: 'date',
    police: 'integer',
    cadres: 'integer',
    workers: 'integer',
    auxiliary: 'integer',
    authorised_establishment: 'integer',
  },
};
