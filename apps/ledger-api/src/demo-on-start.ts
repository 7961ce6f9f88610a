import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

import { demoPoster, loadDemo } from '@ledger/demo';
import type { Backend } from '@ledger/event-store';
import { issueToken, type Principal } from '@ledger/ledger';

const DEMO_TOKEN_HOLDERS: Record<string, Principal> = {
  admin: { id: 'demo-admin', role: 'admin', unitId: '*', squadId: null },
  office: { id: 'demo-office', role: 'brigade_office', unitId: 'changning', squadId: null },
  finance: { id: 'demo-finance', role: 'finance', unitId: 'changning', squadId: null },
  auditor: { id: 'demo-auditor', role: 'auditor', unitId: 'changning', squadId: null },
  clerk: {
    id: 'demo-clerk-changning-chengqu',
    role: 'squad_clerk',
    unitId: 'changning',
    squadId: 'changning-chengqu',
  },
};

/**
 * An empty embedded ledger gets the demo brigade on first start, and sign-in tokens for each role. The tokens are
 * written once to <data>/demo-tokens.json (the store keeps only their hashes), so a restart can show them again.
 */
export async function loadDemoOnFirstStart(app: INestApplication, backend: Backend): Promise<void> {
  const logger = new Logger('demo');
  const dataDir = backend.config.kind === 'pglite' ? backend.config.dataDir : null;
  const tokenFile = dataDir ? path.join(path.resolve(dataDir), 'demo-tokens.json') : null;
  if ((await backend.store.headPosition()) === 0n) {
    const tokens: Record<string, string> = {};
    for (const [name, principal] of Object.entries(DEMO_TOKEN_HOLDERS)) {
      tokens[name] = (await issueToken(backend.sql, principal, 'demo')).token;
    }
    if (tokenFile) writeFileSync(tokenFile, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    logger.log(
      'empty ledger: loading the demo brigade (常宁市交警大队, 2019–2020) through the command path …',
    );
    const started = Date.now();
    let lastDecile = -1;
    const result = await loadDemo(demoPoster(app.get(CommandBus)), (p) => {
      const decile = Math.floor((p.done / p.total) * 10);
      if (decile !== lastDecile) logger.log(`demo ${decile * 10}% (${p.done}/${p.total} records)`);
      lastDecile = decile;
    });
    logger.log(`demo loaded: ${result.total} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!tokenFile) for (const [name, token] of Object.entries(tokens)) logger.log(`token ${name}: ${token}`);
  }
  if (tokenFile && existsSync(tokenFile)) {
    const tokens = JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, string>;
    logger.log(`demo sign-in tokens (${tokenFile}):`);
    for (const [name, token] of Object.entries(tokens)) logger.log(`  ${name.padEnd(8)} ${token}`);
  }
}
