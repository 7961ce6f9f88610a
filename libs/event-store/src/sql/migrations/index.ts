import { EventStoreSchema1764000000000 } from './1764000000000-event-store-schema';

export const StoreMigrations = [EventStoreSchema1764000000000];
