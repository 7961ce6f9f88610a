import { InvalidArgumentError, type Command } from 'commander';

import { progressBar, withRuntime } from '../cli-context';

export function registerProjections(program: Command): void {
  const projections = program.command('projections').description('视图投影 — the projector');
  projections
    .command('status')
    .description('checkpoint and lag of every projection')
    .action(async () => {
      await withRuntime(async ({ engine }) => {
        await engine.register();
        for (const s of await engine.status()) {
          const lag = s.lastRelevant > s.position ? `${s.lastRelevant - s.position} behind` : 'up to date';
          process.stdout.write(
            `${s.name.padEnd(16)} v${s.version} (stored v${s.storedVersion}) at ${s.position} — ${lag}\n`,
          );
        }
      });
    });
  projections
    .command('catch-up')
    .description('apply every event not yet in the views, then exit')
    .action(async () => {
      await withRuntime(async ({ engine }) => {
        await engine.register();
        process.stdout.write(`applied ${await engine.catchUp()} events\n`);
      });
    });
  projections
    .command('rebuild [name]')
    .description(
      'rebuild from zero beside the live views, then switch (all projections when no name is given)',
    )
    .option(
      '--max-rows <n>',
      'view rows held in memory at once: units are rebuilt in shares that fit, other projections write out the least recently touched rows past it (default 500,000)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1)
          throw new InvalidArgumentError('a whole number of rows, at least 1');
        return n;
      },
    )
    .option(
      '--threads <n>',
      'threads folding shares of the units at once, on a PostgreSQL server (default: one per core, at most 4)',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 64)
          throw new InvalidArgumentError('a whole number of threads, 1 to 64');
        return n;
      },
    )
    .action(async (name: string | undefined, flags: { maxRows?: number; threads?: number }) => {
      await withRuntime(async ({ engine }) => {
        const names = name ? [name] : engine.projections.map((p) => p.name);
        const done = new Set<string>();
        for (const n of names) {
          if (done.has(n)) continue;
          const started = Date.now();
          const group = await engine.rebuild(
            n,
            (p) =>
              progressBar(
                `rebuild ${p.name}${p.threads > 1 ? ` on ${p.threads} threads` : ''}`,
                p.position,
                p.head,
              ),
            { maxRowsInMemory: flags.maxRows, threads: flags.threads },
          );
          group.forEach((g) => done.add(g));
          process.stderr.write(
            `\n${group.join(', ')}: rebuilt together in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
          );
        }
      });
    });
}
