import { EventStoreSchema1764000000000 } from './1764000000000-event-store-schema';
import { GroupAppend1765000000000 } from './1765000000000-group-append';
import { AppendPreparesBeforeLock1766000000000 } from './1766000000000-append-prepares-before-lock';
import { AppendEventsAsArrays1767000000000 } from './1767000000000-append-events-as-arrays';

export const StoreMigrations = [
  EventStoreSchema1764000000000,
  GroupAppend1765000000000,
  AppendPreparesBeforeLock1766000000000,
  AppendEventsAsArrays1767000000000,
];
