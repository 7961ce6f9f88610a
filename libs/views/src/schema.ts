import { AccidentCaseEntity } from './counts/accident-cases.table';
import { ActivityCountEntity } from './counts/activity-counts.table';
import { ViewsBase1764000002000 } from './migrations/1764000002000-views-base';

/** The views' TypeORM migrations, in order, and the entities queries read through. */
export const ViewMigrations = [ViewsBase1764000002000];
export const ViewEntities = [ActivityCountEntity, AccidentCaseEntity];
