import { AccidentCaseEntity } from './counts/accident-cases.table';
import { ActivityCountEntity } from './counts/activity-counts.table';
import { ViewsBase1764000002000 } from './migrations/1764000002000-views-base';
import { SpendingViews1764000030000 } from './spending/migrations/1764000030000-spending-views';
import { SPENDING_ENTITIES } from './spending/spending.tables';
import { OrganisationViews1764000010000 } from './organisation/migrations/1764000010000-organisation-views';
import { TallyViews1764000011000 } from './tallies/migrations/1764000011000-tally-views';
import { HazardViews1764000012000 } from './hazards/migrations/1764000012000-hazard-views';
import { InspectionViews1764000013000 } from './inspections/migrations/1764000013000-inspection-views';
import { CampaignViews1764000014000 } from './campaigns/migrations/1764000014000-campaign-views';
import { CasesViews1764000020000 } from './cases/migrations/1764000020000-cases-views';
import { AdministrativeDetentionEntity, CriminalCaseEntity } from './cases/cases.tables';
import { PublicityViews1764000021000 } from './publicity/migrations/1764000021000-publicity-views';
import { PublicityActivityEntity } from './publicity/publicity-activities.table';
import { TrainingViews1764000022000 } from './training/migrations/1764000022000-training-views';
import { TrainingSessionEntity } from './training/training-sessions.table';
import { CountBoundEntity } from './training/count-bounds.table';
import { NarrativeViews1764000023000 } from './narrative/migrations/1764000023000-narrative-views';
import {
  PerformanceTargetEntity,
  PriorBaselineEntity,
  ReportSectionEntity,
} from './narrative/narrative.tables';

/** The views' TypeORM migrations, in order, and the entities queries read through. */
export const ViewMigrations = [
  ViewsBase1764000002000,
  OrganisationViews1764000010000,
  TallyViews1764000011000,
  HazardViews1764000012000,
  InspectionViews1764000013000,
  CampaignViews1764000014000,
  CasesViews1764000020000,
  PublicityViews1764000021000,
  TrainingViews1764000022000,
  NarrativeViews1764000023000,
  SpendingViews1764000030000,
];
export const ViewEntities = [
  ActivityCountEntity,
  AccidentCaseEntity,
  CriminalCaseEntity,
  AdministrativeDetentionEntity,
  PublicityActivityEntity,
  TrainingSessionEntity,
  CountBoundEntity,
  ReportSectionEntity,
  PerformanceTargetEntity,
  PriorBaselineEntity,
  ...SPENDING_ENTITIES,
];
