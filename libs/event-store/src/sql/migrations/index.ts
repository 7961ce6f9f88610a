import { EventStoreSchema1764000000000 } from './1764000000000-event-store-schema';
import { GroupAppend1765000000000 } from './1765000000000-group-append';

export const StoreMigrations = [EventStoreSchema1764000000000, GroupAppend1765000000000];
