import { accidentCommands } from './accidents/accident.commands';
import type { AnyCommandDefinition } from './shared/command-definition';

/** Every command the ledger accepts, from any door. One home: the API, the CLI and the importers read this list. */
export const COMMANDS: readonly AnyCommandDefinition[] = [...accidentCommands];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

export function commandNamed(name: string): AnyCommandDefinition | undefined {
  return byName.get(name);
}
