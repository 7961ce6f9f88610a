import { CommandBus } from '@nestjs/cqrs';
import type { Command } from 'commander';

import { demoPoster, loadDemo } from '@ledger/demo';

import { progressBar, withRuntime } from '../cli-context';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('演示数据 — the seed brigade (常宁, 2019–2020) posted as ordinary events')
    .command('load')
    .description('post the demo through the command path; running it again appends nothing')
    .action(async () => {
      await withRuntime(async ({ app, engine }) => {
        const started = Date.now();
        const result = await loadDemo(demoPoster(app.get(CommandBus)), (p) =>
          progressBar('demo', p.done, p.total),
        );
        process.stderr.write(
          `\nposted ${result.total - result.replayed} records (${result.replayed} already present) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
        await engine.register();
        process.stderr.write(`projected ${await engine.catchUp()} events\n`);
      });
    });
}
