import type { ViewTable } from '../engine/projection';

/**
 * Every tally as now known, by the id of the event that recorded it: a correction names that id, and this row
 * tells the projection which unit, squad, day and category to apply the difference to.
 */
export interface TallyRecordRow {
  event_id: string;
  unit_id: string;
  squad_id: string;
  day: string;
  category: string;
  count: bigint;
  qualifier: string;
  status: 'recorded' | 'voided';
}

export const tallyRecords: ViewTable<TallyRecordRow> = {
  name: 'tally_records',
  key: ['event_id'],
  columns: {
    event_id: 'text',
    unit_id: 'text',
    squad_id: 'text',
    day: 'date',
    category: 'text',
    count: 'bigint',
    qualifier: 'text',
    status: 'text',
  },
};

/**
 * The sum of a category on a day and how many of its records are lower bounds: the count row is a lower bound
 * exactly while one of them is, so correcting "2100余" to an exact figure makes the day exact again.
 */
export interface TallyDayRow {
  unit_id: string;
  squad_id: string;
  day: string;
  category: string;
  value: bigint;
  at_least: number;
}

export const tallyDays: ViewTable<TallyDayRow> = {
  name: 'tally_days',
  key: ['unit_id', 'squad_id', 'day', 'category'],
  columns: {
    unit_id: 'text',
    squad_id: 'text',
    day: 'date',
    category: 'text',
    value: 'bigint',
    at_least: 'integer',
  },
};
