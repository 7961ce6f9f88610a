import { accidentCommands } from './accidents/accident.commands';
import { campaignCommands } from './campaigns/campaign.commands';
import { hazardCommands } from './hazards/hazard.commands';
import { inspectionCommands } from './inspections/inspection.commands';
import { organisationCommands } from './organisation/organisation.commands';
import { tallyCommands } from './tallies/tally.commands';
import { caseCommands } from './cases/case.commands';
import { financeCommands } from './finance/finance.commands';
import { narrativeCommands } from './narrative/narrative.commands';
import { publicityCommands } from './publicity/publicity.commands';
import { trainingCommands } from './training/training.commands';
import type { AnyCommandDefinition } from './shared/command-definition';

/** Every command the ledger accepts, from any door. One home: the API, the CLI and the importers read this list. */
export const COMMANDS: readonly AnyCommandDefinition[] = [
  ...accidentCommands,
  ...organisationCommands,
  ...tallyCommands,
  ...hazardCommands,
  ...inspectionCommands,
  ...campaignCommands,
  ...financeCommands,
  ...caseCommands,
  ...publicityCommands,
  ...trainingCommands,
  ...narrativeCommands,
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

export function commandNamed(name: string): AnyCommandDefinition | undefined {
  return byName.get(name);
}
